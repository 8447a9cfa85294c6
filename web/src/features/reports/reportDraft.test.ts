import { describe, expect, it } from "vitest";
import type { Report } from "@shared/contracts/replenishment";
import {
  filterLines,
  lineState,
  lineStates,
  parseSigned,
  parseWhole,
  pendingSave,
  storedReasons,
  toWrite,
  UNSPLIT,
  type ReportLine,
} from "./reportDraft";

const line = (over: Partial<ReportLine> = {}): ReportLine => ({
  id: 1,
  productId: 10,
  productCode: "PARA500",
  genericName: "Paracétamol",
  fundingSource: "cost_recovery",
  days: 30,
  opening: 100,
  received: 50,
  consumed: 70,
  adjustments: -5,
  adjustmentsByReason: { expiry: -5 },
  closing: 75,
  stockoutDays: 0,
  mismatch: 0,
  ...over,
});
const report = (lines: ReportLine[]): Pick<Report, "period" | "lines"> => ({ period: "2026-09", lines });

describe("parsing what was typed", () => {
  it("takes whole numbers ≥ 0 and refuses signs, decimals and empty text", () => {
    expect(["0", " 12 ", "007"].map(parseWhole)).toEqual([0, 12, 7]);
    expect(["", "-1", "1.5", "1e3", "abc", "+3"].map(parseWhole)).toEqual([null, null, null, null, null, null]);
  });
  it("takes signed whole numbers for D, including the typographic minus", () => {
    expect(["-4", "\u22124", "+2", "0"].map(parseSigned)).toEqual([-4, -4, 2, 0]);
    expect(["", "--1", "2.5"].map(parseSigned)).toEqual([null, null, null]);
  });
});

describe("a line's state", () => {
  it("balances a ledger line as it is, with nothing to save", () => {
    const s = lineState(line(), undefined, 30);
    expect([s.mismatch, s.dirty, s.adjustments, s.problems]).toEqual([0, false, -5, {}]);
  });
  it("flags the difference E − (A + B − C + D) when the closing stock is changed, and never corrects it", () => {
    const s = lineState(line(), { fields: { closing: "82" }, reasons: {} }, 30);
    expect(s.mismatch).toBe(7);
    expect(s.values.closing).toBe(82);
    expect(toWrite(s)).toMatchObject({ closing: 82, adjustments: -5, adjustmentsByReason: { expiry: -5 } });
  });
  it("sums D from its reasons, and refuses a loss typed as a positive number", () => {
    const ok = lineState(line(), { fields: {}, reasons: { loss: "-3" } }, 30);
    expect([ok.adjustments, ok.mismatch]).toEqual([-8, 3]);
    const bad = lineState(line(), { fields: {}, reasons: { theft: "4" } }, 30);
    // The server's own check (shared/domain), as a key and values.
    expect(bad.problems["reason.theft"]).toEqual({
      key: "report_outflow_positive",
      values: { reason: "theft", qty: 4 },
    });
    expect(bad.mismatch).toBeNull();
  });
  it("refuses negative or fractional quantities and stock-out days above the days of the month, with French-message keys", () => {
    const s = lineState(line(), { fields: { consumed: "-3", stockoutDays: "31" }, reasons: {} }, 30);
    expect(s.problems).toEqual({
      consumed: { key: "monthlyReport.errors.whole" },
      stockoutDays: { key: "report_max_days", values: { stockoutDays: 31, days: 30 } },
    });
  });
  it("refuses two billion units on a line or in a reason, as the contract would", () => {
    const s = lineState(line(), { fields: { consumed: "2000000000" }, reasons: { loss: "-2000000000" } }, 30);
    expect(s.problems).toEqual({
      consumed: { key: "monthlyReport.errors.tooLarge" },
      "reason.loss": { key: "monthlyReport.errors.tooLarge" },
    });
  });
  it("keeps the part of a stored D its reasons do not explain under its own key", () => {
    expect(storedReasons({ adjustments: -9, adjustmentsByReason: { loss: -4 } })).toMatchObject({
      loss: -4,
      [UNSPLIT]: -5,
    });
    expect(storedReasons({ adjustments: -4, adjustmentsByReason: { loss: -4 } })[UNSPLIT]).toBeUndefined();
    const s = lineState(
      line({ adjustments: -9, adjustmentsByReason: { loss: -4 }, closing: 71 }),
      { fields: { received: "50" }, reasons: {} },
      30,
    );
    expect(toWrite(s).adjustmentsByReason).toEqual({ loss: -4, [UNSPLIT]: -5 });
  });
});

describe("saving and filtering", () => {
  it("sends only the changed valid lines and holds back the invalid ones", () => {
    const lines = [line({ id: 1, productId: 10 }), line({ id: 2, productId: 11 }), line({ id: 3, productId: 12 })];
    const states = lineStates(report(lines), {
      2: { fields: { closing: "80" }, reasons: {} },
      3: { fields: { opening: "x" }, reasons: {} },
    });
    const pending = pendingSave(states);
    expect(pending.lines.map((l) => [l.productId, l.closing])).toEqual([[11, 80]]);
    expect(pending.invalid.map((s) => s.line.id)).toEqual([3]);
  });
  it("filters by programme, name without accents, and mismatches", () => {
    const lines = [
      line({ id: 1 }),
      line({ id: 2, productId: 11, genericName: "Artéméther", fundingSource: "malaria" }),
    ];
    const states = lineStates(report(lines), { 1: { fields: { closing: "1" }, reasons: {} } });
    expect(filterLines(states, { programme: "malaria", query: "", mismatchOnly: false }).map((s) => s.line.id)).toEqual(
      [2],
    );
    expect(
      filterLines(states, { programme: "", query: "artemether", mismatchOnly: false }).map((s) => s.line.id),
    ).toEqual([2]);
    expect(filterLines(states, { programme: "", query: "", mismatchOnly: true }).map((s) => s.line.id)).toEqual([1]);
  });
});
