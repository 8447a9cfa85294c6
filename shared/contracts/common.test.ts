import { describe, expect, it } from "vitest";
import {
  IsoDate,
  IsoDateTime,
  LotCode,
  MAX_LINE_UNITS,
  Note,
  OrderBudgetXof,
  Period,
  PositiveQty,
  Qty,
  SignedQty,
  Username,
  normaliseIdentifier,
} from "./common";

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues.map((i) => i.message) ?? [];

describe("normaliseIdentifier", () => {
  it("makes the lot codes a person may type for AB-12 one code", () => {
    const typed = [
      "ab-12 ", // lower case, trailing space
      "AB\u201112", // non-breaking hyphen: NFKC makes it U+2010, not "-", hence the dash folding
      "AB\u201312", // en dash
      "AB\u221212", // minus sign
      "\uFF21\uFF22\uFF0D\uFF11\uFF12", // full-width letters, hyphen and digits
      " AB-12\u00A0", // non-breaking space
    ];
    expect(new Set(typed.map((s) => normaliseIdentifier(s, "upper")))).toEqual(new Set(["AB-12"]));
  });

  it("folds runs of spaces into one and keeps the case when asked", () => {
    expect(normaliseIdentifier("  BL   2026/114 ", "keep")).toBe("BL 2026/114");
    expect(normaliseIdentifier("Cost_Recovery", "lower")).toBe("cost_recovery");
  });
});

describe("identifiers", () => {
  it.each([
    ["zero-width space", "AB\u200B12", "U+200B"],
    ["zero-width joiner", "AB\u200D12", "U+200D"],
    ["right-to-left mark", "AB\u200F12", "U+200F"],
    ["word joiner", "AB\u206012", "U+2060"],
    ["byte-order mark", "\uFEFFAB12", "U+FEFF"],
    ["right-to-left override", "AB\u202E21", "U+202E"],
    ["first strong isolate", "AB\u206812", "U+2068"],
    ["bell (C0 control)", "AB\u000712", "U+0007"],
    ["line feed", "AB\n12", "U+000A"],
    ["C1 control", "AB\u008512", "U+0085"],
  ])("refuses a lot code with a %s, naming it", (_name, value, code) => {
    const r = LotCode.safeParse(value);
    expect(r.success).toBe(false);
    expect(messages(r)[0]).toContain(code);
  });

  it("refuses a code that is empty once trimmed, or too long once normalised", () => {
    expect(messages(LotCode.safeParse("   "))).toEqual(["must not be empty"]);
    expect(LotCode.safeParse("A".repeat(41)).success).toBe(false);
    expect(LotCode.parse("a".repeat(40))).toBe("A".repeat(40));
  });

  it("lower-cases usernames", () => {
    expect(Username.parse(" Pharmacien.Kati ")).toBe("pharmacien.kati");
  });
});

describe("free text", () => {
  it("keeps the case, accents, line breaks and emoji as typed", () => {
    const text = "Carton abîmé à la réception\nVoir BL 114 👩‍⚕️";
    expect(Note.parse(`  ${text} `)).toBe(text);
  });

  it.each([
    ["right-to-left override", "Lot \u202EEXE.21", "U+202E"],
    ["left-to-right isolate", "Lot \u2066A", "U+2066"],
    ["escape", "Lot \u001B[31m", "U+001B"],
  ])("refuses a %s", (_name, value, code) => {
    expect(messages(Note.safeParse(value))[0]).toContain(code);
  });
});

describe("periods and dates", () => {
  it("accepts the months from 2000-01 to 2099-12 and nothing else", () => {
    for (const ok of ["2000-01", "2026-10", "2099-12"]) expect(Period.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["0000-01", "9999-12", "1999-12", "2100-01", "2026-13", "2026-00", "2026-1", "202610", ""])
      expect(Period.safeParse(bad).success, bad).toBe(false);
  });

  it("refuses dates outside 2000–2099 with one issue, and a malformed one with one issue", () => {
    expect(messages(IsoDate.safeParse("9999-12-31"))).toEqual(["must be between 2000 and 2099"]);
    expect(messages(IsoDate.safeParse("0000-01-01"))).toEqual(["must be between 2000 and 2099"]);
    expect(messages(IsoDate.safeParse("31/12/2027"))).toHaveLength(1);
    expect(IsoDateTime.safeParse("9999-01-01T00:00:00Z").success).toBe(false);
    expect(IsoDateTime.safeParse("2026-11-15T09:00:00Z").success).toBe(true);
  });
});

describe("quantity bounds", () => {
  it("caps one line at MAX_LINE_UNITS base units, in both directions", () => {
    expect(Qty.safeParse(MAX_LINE_UNITS).success).toBe(true);
    expect(Qty.safeParse(2_000_000_000).success).toBe(false);
    expect(PositiveQty.safeParse(0).success).toBe(false);
    expect(SignedQty.safeParse(-2_000_000_000).success).toBe(false);
    expect(SignedQty.safeParse(-MAX_LINE_UNITS).success).toBe(true);
  });

  it("caps an order's budget at one billion FCFA", () => {
    expect(OrderBudgetXof.safeParse(1_000_000_000).success).toBe(true);
    expect(messages(OrderBudgetXof.safeParse(2_000_000_000))).toEqual(["must be at most 1,000,000,000 FCFA"]);
  });
});
