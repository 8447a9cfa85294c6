import { describe, expect, it } from "vitest";
import { formatDate, formatMonths, formatXof } from "./format";

describe("format", () => {
  it("writes dates as dd/mm/yyyy from a date or a UTC date-time", () => {
    expect(formatDate("2028-03-01")).toBe("01/03/2028");
    expect(formatDate("2026-11-01T06:00:00.000Z")).toBe("01/11/2026");
    expect(formatDate("2026-12-31T23:30:00.000Z")).toBe("31/12/2026");
  });

  it("writes FCFA amounts without decimals", () => {
    expect(formatXof(12345.6, "fr").replace(/\s/g, " ")).toBe("12 346 FCFA");
    expect(formatXof(9900, "en").replace(/\s/g, " ")).toBe("9,900 FCFA");
  });

  it("shows a dash when months of stock are undefined", () => {
    expect(formatMonths(null, "fr")).toBe("—");
    expect(formatMonths(2.25, "fr")).toBe("2,3");
  });
});
