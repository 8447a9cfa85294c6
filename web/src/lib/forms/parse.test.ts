import { describe, expect, it } from "vitest";
import {
  dateOrText,
  numberOrNaN,
  optionalText,
  parseDecimal,
  parseDisplayDate,
  parseWhole,
  toDisplayDate,
} from "./parse";

describe("what people type in a form", () => {
  it("reads whole quantities with thousands spaces, refuses fractions, signs only when asked", () => {
    expect(parseWhole(" 1 200 ")).toBe(1200);
    expect(parseWhole("1\u202f200")).toBe(1200);
    expect(parseWhole("1.5")).toBeNull();
    expect(parseWhole("abc")).toBeNull();
    expect(parseWhole("")).toBeNull();
    expect(parseWhole("-3")).toBeNull();
    expect(parseWhole("-3", { signed: true })).toBe(-3);
    expect(parseWhole("\u221210", { signed: true })).toBe(-10);
    expect(parseWhole("99999999999999999999")).toBeNull();
  });
  it("reads decimals with a comma or a point", () => {
    expect(parseDecimal("1,5")).toBe(1.5);
    expect(parseDecimal("0.6")).toBe(0.6);
    expect(parseDecimal("1 200,25")).toBe(1200.25);
    expect(parseDecimal("1,2,3")).toBeNull();
  });
  it("hands the contract undefined for an empty field and NaN for garbage", () => {
    expect(numberOrNaN("  ")).toBeUndefined();
    expect(numberOrNaN("x")).toBeNaN();
    expect(numberOrNaN("2,5")).toBe(2.5);
    expect(optionalText("  ")).toBeUndefined();
    expect(optionalText(" BL 12 ")).toBe("BL 12");
  });
  it("reads dates typed day/month/year, and ISO dates, refusing days that do not exist", () => {
    expect(parseDisplayDate("31/12/2027")).toBe("2027-12-31");
    expect(parseDisplayDate("1/2/2027")).toBe("2027-02-01");
    expect(parseDisplayDate("31.12.2027")).toBe("2027-12-31");
    expect(parseDisplayDate("2027-12-31")).toBe("2027-12-31");
    expect(parseDisplayDate("30/02/2027")).toBeNull();
    expect(parseDisplayDate("12/31/2027")).toBeNull();
    expect(dateOrText("")).toBeUndefined();
    expect(dateOrText("demain")).toBe("demain");
    expect(toDisplayDate("2027-06-30")).toBe("30/06/2027");
  });
});
