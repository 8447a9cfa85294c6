import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ReceiptCreate } from "@shared/contracts/stock";
import { fr } from "../../i18n/fr";
import { decodeMessage, encodeMessage, issueMessage, zodErrorMap, type IssueLike } from "./messages";

/** The keys zod's issues get when the shared receipt contract refuses a typed receipt. */
function keysOf(candidate: unknown): Record<string, string> {
  const parsed = ReceiptCreate.safeParse(candidate, { error: zodErrorMap });
  expect(parsed.success).toBe(false);
  return Object.fromEntries(
    parsed.error!.issues.map((i) => [
      i.path.join("."),
      (decodeMessage(i.message) ?? issueMessage(i as unknown as IssueLike)).key.replace("forms.invalid.", ""),
    ]),
  );
}

describe("zod issues in the interface language", () => {
  it("names what is wrong with each field of a shared contract", () => {
    const keys = keysOf({
      type: "receipt",
      facilityId: "drc-kati",
      productId: undefined,
      lotCode: "",
      expiry: "31/12/2027",
      quantity: 0,
    });
    expect(keys).toEqual({ productId: "required", lotCode: "required", expiry: "date", quantity: "positive" });
    expect(
      keysOf({
        type: "receipt",
        facilityId: "f",
        productId: 1,
        lotCode: "x".repeat(41),
        expiry: "2027-01-01",
        quantity: 1.5,
      }),
    ).toEqual({
      lotCode: "tooLong",
      quantity: "wholeNumber",
    });
    expect(
      keysOf({
        type: "receipt",
        facilityId: "f",
        productId: 1,
        lotCode: "L",
        expiry: "2027-01-01",
        quantity: Number.NaN,
      }),
    ).toEqual({
      quantity: "number",
    });
  });
  it("keeps the limits as values of the message", () => {
    const [issue] = z.string().max(40).safeParse("x".repeat(41), { error: zodErrorMap }).error!.issues;
    expect(decodeMessage(issue!.message)).toEqual({ key: "forms.invalid.tooLong", values: { max: 40 } });
    expect(issueMessage({ code: "too_big", origin: "number", maximum: 10 })).toEqual({
      key: "forms.invalid.tooLarge",
      values: { max: 10 },
    });
    expect(issueMessage({ code: "too_small", origin: "number", minimum: 0, inclusive: true })).toEqual({
      key: "forms.invalid.notNegative",
    });
  });
  it("has a French text for every key it produces, and decodes bare keys", () => {
    for (const code of ["invalid_type", "too_small", "too_big", "invalid_format", "invalid_value", "custom"]) {
      const { key } = issueMessage({ code, input: "x", origin: "number", minimum: 3, maximum: 5 });
      expect(fr.forms.invalid).toHaveProperty(key.replace("forms.invalid.", ""));
    }
    expect(decodeMessage(encodeMessage({ key: "a.b", values: { n: 1 } }))).toEqual({ key: "a.b", values: { n: 1 } });
    expect(decodeMessage("stockEntry.invalid.expired")).toEqual({ key: "stockEntry.invalid.expired" });
    expect(decodeMessage("must not be zero")).toBeNull();
  });
});
