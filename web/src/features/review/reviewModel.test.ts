import { describe, expect, it } from "vitest";
import type { Facility } from "@shared/contracts/reference";
import type { OrderListItem, ReportSummary } from "../../api/orders";
import { buildReviewRows, filterRows, reportState, summarize } from "./reviewModel";

const facility = (id: string, name: string) =>
  ({ id, name, level: "cscom", regionId: "r", districtId: "d" }) as Facility;
const report = (facilityId: string, over: Partial<ReportSummary> = {}): ReportSummary => ({
  id: 1,
  facilityId,
  facilityName: facilityId,
  period: "2026-10",
  status: "submitted",
  source: "ledger",
  dueDate: "2026-11-16",
  submittedAt: "2026-11-02T09:00:00Z",
  onTime: true,
  mismatches: 0,
  ...over,
});
const order = (id: number, facilityId: string, over: Partial<OrderListItem> = {}) =>
  ({
    id,
    facilityId,
    period: "2026-10",
    flow: "cost_recovery",
    status: "submitted",
    emergencyLines: 0,
    ...over,
  }) as OrderListItem;

describe("district review model", () => {
  it("tells on time, late, draft, missing and not yet due apart", () => {
    expect(reportState(report("a"), "2026-11-16", "2026-11-20")).toBe("on_time");
    expect(reportState(report("a", { onTime: false }), "2026-11-16", "2026-11-20")).toBe("late");
    expect(reportState(report("a", { status: "draft", onTime: null }), "2026-11-16", "2026-11-20")).toBe("draft");
    expect(reportState(null, "2026-11-16", "2026-11-20")).toBe("missing");
    expect(reportState(null, "2026-11-16", "2026-11-10")).toBe("not_due");
  });

  it("joins every CSCom with its report and orders, counting emergency lines, and filters them", () => {
    const rows = buildReviewRows(
      [facility("b", "Banankoro"), facility("a", "Ascomka")],
      { items: [report("a", { mismatches: 2 })], dueDays: 10 },
      [
        order(1, "a", { emergencyLines: 3 }),
        order(2, "a", { flow: "free_care", status: "approved", emergencyLines: 1 }),
        order(3, "b", { period: "2026-09" }),
      ],
      "2026-10",
      "2026-11-20",
    );
    expect(rows.map((r) => [r.facilityName, r.reportState, r.orders.length, r.emergencyLines, r.mismatches])).toEqual([
      ["Ascomka", "on_time", 2, 4, 2],
      ["Banankoro", "missing", 0, 0, 0],
    ]);
    // Banankoro has no report: the month's due date is the one Ascomka's report was given.
    expect(rows[1]!.dueDate).toBe("2026-11-16");
    // Without any report of the month, the server's due days tell.
    const empty = buildReviewRows(
      [facility("b", "Banankoro")],
      { items: [], dueDays: 10 },
      [],
      "2026-10",
      "2026-11-20",
    );
    expect(empty[0]!.dueDate).toBe("2026-11-11");
    const none = { report: "", order: "", emergencyOnly: false, mismatchOnly: false, query: "" } as const;
    expect(filterRows(rows, { ...none, report: "missing" }).map((r) => r.facilityId)).toEqual(["b"]);
    expect(filterRows(rows, { ...none, order: "to_review" }).map((r) => r.facilityId)).toEqual(["a"]);
    expect(filterRows(rows, { ...none, order: "none" }).map((r) => r.facilityId)).toEqual(["b"]);
    expect(filterRows(rows, { ...none, query: "BANAN" }).map((r) => r.facilityId)).toEqual(["b"]);
    expect(summarize(rows)).toMatchObject({ cscoms: 2, onTime: 1, missing: 1, toReview: 1, emergencyLines: 4 });
  });
});
