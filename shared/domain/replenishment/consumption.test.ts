import { describe, expect, it } from "vitest";
import { ledgerAmc, ledgerAmcWindow } from "./consumption";

describe("the ledger AMC window", () => {
  it("is the three complete months before the date's month, never the current one", () => {
    expect(ledgerAmcWindow("2026-11-15")).toEqual({ from: "2026-08-01", to: "2026-11-01" });
    expect(ledgerAmcWindow("2027-01-01T00:00:00.000Z")).toEqual({ from: "2026-10-01", to: "2027-01-01" });
  });
  it("averages the window's outflow per month, rounded up", () => {
    expect([ledgerAmc(0), ledgerAmc(1), ledgerAmc(300), ledgerAmc(301)]).toEqual([0, 1, 100, 101]);
  });
});
