import { describe, expect, it } from "vitest";
import type { ReportSummary } from "../../api/orders";
import { defaultPeriod, duePeriods, onTimeIfSubmitted } from "./periods";

const summary = (period: string, over: Partial<ReportSummary> = {}): ReportSummary => ({
  id: 1,
  facilityId: "c1",
  facilityName: "CSCom",
  period,
  status: "submitted",
  source: "ledger",
  dueDate: `${period}-28`,
  submittedAt: `${period}-20T09:00:00.000Z`,
  onTime: true,
  mismatches: 0,
  ...over,
});

describe("the months due", () => {
  it("lists the last complete months newest first, each with its state", () => {
    const periods = duePeriods(
      "2026-11-20",
      {
        items: [
          summary("2026-09", { onTime: false }),
          summary("2026-08", { status: "draft", submittedAt: null, onTime: null }),
        ],
        dueDays: 15,
      },
      4,
    );
    expect(periods.map((p) => [p.period, p.state])).toEqual([
      ["2026-10", "missing"],
      ["2026-09", "late"],
      ["2026-08", "draft"],
      ["2026-07", "missing"],
    ]);
    expect(periods[0]!.dueDate).toBe("2026-11-16");
  });
  it("dates a month without a report by the server's due days", () => {
    expect(duePeriods("2026-11-20", { items: [], dueDays: 20 }, 1)[0]!.dueDate).toBe("2026-11-21");
  });
  it("says a month not yet due is not due", () => {
    expect(duePeriods("2026-11-05", { items: [], dueDays: 15 }, 1)[0]!.state).toBe("not_due");
  });
  it("opens the oldest draft first, else the newest month without a report", () => {
    const withDraft = duePeriods(
      "2026-11-20",
      { items: [summary("2026-08", { status: "draft" }), summary("2026-06", { status: "draft" })], dueDays: 15 },
      6,
    );
    expect(defaultPeriod(withDraft)).toBe("2026-06");
    expect(defaultPeriod(duePeriods("2026-11-20", { items: [summary("2026-10")], dueDays: 15 }, 3))).toBe("2026-09");
    expect(defaultPeriod([])).toBeNull();
  });
  it("tells whether a submission today is on time", () => {
    expect([onTimeIfSubmitted("2026-11-16", "2026-11-16"), onTimeIfSubmitted("2026-11-16", "2026-11-17")]).toEqual([
      true,
      false,
    ]);
  });
});
