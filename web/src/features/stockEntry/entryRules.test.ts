import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import {
  adjustmentQtyProblem,
  countedQtyProblem,
  errorIsFor,
  expiryProblem,
  fieldOfError,
  lotCodeProblem,
  receiptQtyProblem,
} from "./entryRules";

describe("stock entry rules", () => {
  it("checks received quantities", () => {
    expect(receiptQtyProblem("")).toBe("required");
    expect(receiptQtyProblem("1.5")).toBe("wholeNumber");
    expect(receiptQtyProblem("0")).toBe("positive");
    expect(receiptQtyProblem("2000000000")).toBe("tooLarge");
    expect(receiptQtyProblem("10000001")).toBe("tooLarge");
    expect(receiptQtyProblem("10000000")).toBeNull();
    expect(receiptQtyProblem(" 120 ")).toBeNull();
  });
  it("asks a negative quantity for every reason but a correction", () => {
    expect(adjustmentQtyProblem("5", "loss")).toBe("negativeForReason");
    expect(adjustmentQtyProblem("-5", "loss")).toBeNull();
    expect(adjustmentQtyProblem("5", "correction")).toBeNull();
    expect(adjustmentQtyProblem("0", "correction")).toBe("nonZero");
  });
  it("checks counts, lot codes and expiry dates", () => {
    expect(countedQtyProblem("")).toBeNull();
    expect(countedQtyProblem("-1")).toBe("notNegative");
    expect(lotCodeProblem("  ")).toBe("required");
    expect(lotCodeProblem("x".repeat(41))).toBe("tooLong");
    expect(lotCodeProblem("AB\u200B12")).toBe("invisibleCharacter");
    expect(lotCodeProblem(" ab-12 ")).toBeNull();
    expect(expiryProblem("2026-02-30", "2026-01-01")).toBe("dateFormat");
    expect(expiryProblem("2025-12-31", "2026-01-01")).toBe("expired");
    expect(expiryProblem("2027-06-30", "2026-01-01")).toBeNull();
  });
  it("places server errors next to their field", () => {
    const invalid = new ApiError("validation_failed", 400, "x", {
      issues: [{ path: "lines.1.countedQty", message: "too small" }],
    });
    expect(fieldOfError(invalid)).toBe("lines.1.countedQty");
    expect(errorIsFor(invalid, "lines.1")).toBe(true);
    expect(errorIsFor(invalid, "lines.10")).toBe(false);
    expect(fieldOfError(new ApiError("insufficient_stock", 409, "x"))).toBe("quantity");
    expect(fieldOfError(new ApiError("forbidden", 403, "x"))).toBeNull();
  });
});
