import { describe, expect, it } from "vitest";
import { buildFacilitySeries, type HistoryRecord } from "./history";

const row = (period: string, consumed: number, stockoutDays = 0, over: Partial<HistoryRecord> = {}): HistoryRecord => ({
  period,
  facility: "CS-1",
  product: "ACT-1",
  opening: 100,
  received: 0,
  consumed,
  adjustments: 0,
  closing: 100 - consumed,
  stockoutDays,
  ...over,
});

describe("facility consumption history", () => {
  it("adjusts a month with stock-out days by the shared rule and notes it (worked example)", () => {
    // April has 30 days; 60 units consumed in the 20 days with stock: ⌈60 × 30 / 20⌉ = 90.
    const [s] = buildFacilitySeries([row("2026-03", 80), row("2026-04", 60, 10), row("2026-05", 70)]);
    expect([...s!.adjusted]).toEqual([80, 90, 70]);
    expect(s!.notes).toEqual([
      {
        key: "stockout_adjusted",
        values: { period: "2026-04", consumed: 60, stockoutDays: 10, days: 30, adjusted: 90 },
      },
    ]);
  });

  it("treats a month out of stock every day as unseen demand, not as zero", () => {
    const [s] = buildFacilitySeries([row("2026-01", 50), row("2026-02", 0, 28, { closing: 0, opening: 0 })]);
    expect(s!.adjusted[0]).toBe(50);
    expect(s!.adjusted[1]).toBeNaN();
    expect(s!.notes[0]).toEqual({
      key: "stockout_whole_month",
      values: { period: "2026-02", consumed: 0, stockoutDays: 28, days: 28 },
    });
  });

  it("leaves months not reported empty and keeps every series on the same months", () => {
    const other = { ...row("2026-03", 5), facility: "CS-2" };
    const series = buildFacilitySeries([row("2026-01", 10), row("2026-03", 30), other]);
    expect(series).toHaveLength(2);
    for (const s of series) expect(s.start).toBe("2026-01");
    expect([...series[0]!.consumed].map((x) => (Number.isNaN(x) ? null : x))).toEqual([10, null, 30]);
    expect([...series[1]!.consumed].map((x) => (Number.isNaN(x) ? null : x))).toEqual([null, null, 5]);
  });

  it("flags a line whose closing stock does not balance, without changing it", () => {
    const [s] = buildFacilitySeries([row("2026-01", 10, 0, { closing: 95 })]);
    expect(s!.records[0]!.closing).toBe(95);
    expect(s!.notes).toEqual([{ key: "balance_mismatch", values: { period: "2026-01", difference: 5 } }]);
  });
});
