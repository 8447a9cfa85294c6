/**
 * Property: random sequences of backdated movements — receipts, FEFO issues, losses, counts, transfers sent and
 * received, each dated anywhere from September to now — interleaved with month closes (a depot's explicit close,
 * a CSCom's submitted report). Whatever is accepted or refused:
 * - every running balance of the stock card (facility × lot × funding source, along occurred_at then recording
 *   order) stays ≥ 0, and every balance equals the sum of its lines;
 * - a closed month never changes: no line is ever added before a facility's open window, and the sums of a
 *   submitted report's month stay equal to the report;
 * - a refused write changes nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runIdempotent } from "../../server/commands/idempotency";
import { closePeriod } from "../../server/commands/periods";
import { createReport, submitReport } from "../../server/commands/reports";
import { postMovement, postPhysicalCount } from "../../server/commands/stock";
import { receiveTransfer } from "../../server/commands/transfers";
import type { MovementCreate, PhysicalCountCreate } from "../../shared/contracts/stock";
import { AppError } from "../../shared/errors";
import { smallDb } from "../helpers/factories";
import { balanceMismatches, ledgerSnapshot } from "../helpers/app";
import type { OpenDb } from "../../db/client";

const NOW = new Date("2026-12-15T09:00:00.000Z");
const FACILITIES = ["dep", "cs1"] as const;
const LOTS = [
  { lotCode: "A", expiry: "2027-06-30" },
  { lotCode: "B", expiry: "2028-01-31" },
];
const MONTHS = ["2026-09", "2026-10", "2026-11"] as const;
/** Days from 1 September 2026 to the test's now. */
const DAYS = 105;

const dateOf = (day: number, hour: number) => new Date(Date.UTC(2026, 8, 1 + day, hour)).toISOString();

type Op =
  | { kind: "receipt"; f: number; lot: number; qty: number; day: number; hour: number }
  | { kind: "issue"; f: number; qty: number; day: number; hour: number }
  | { kind: "loss"; f: number; lot: number; qty: number; day: number; hour: number }
  | { kind: "count"; f: number; lot: number; counted: number; day: number; hour: number }
  | { kind: "transfer"; f: number; qty: number; day: number; hour: number }
  | { kind: "receive"; which: number; rejectShare: number; lateDays: number }
  | { kind: "close"; f: number; month: number };

const f = fc.integer({ min: 0, max: 1 });
const lot = fc.integer({ min: 0, max: LOTS.length - 1 });
const qty = fc.integer({ min: 1, max: 300 });
const when = { day: fc.integer({ min: 0, max: DAYS }), hour: fc.integer({ min: 6, max: 8 }) };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("receipt" as const), f, lot, qty, ...when }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("issue" as const), f, qty, ...when }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("loss" as const), f, lot, qty, ...when }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("count" as const),
      f,
      lot,
      counted: fc.integer({ min: 0, max: 300 }),
      ...when,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("transfer" as const), f, qty, ...when }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("receive" as const),
      which: fc.nat(5),
      rejectShare: fc.integer({ min: 0, max: 100 }),
      lateDays: fc.integer({ min: 0, max: 20 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("close" as const), f, month: fc.integer({ min: 0, max: 2 }) }),
  },
);

/** Every line of a facility dated before `openFrom`: what a closed past is made of. */
function closedPast(open: OpenDb, facilityId: string, openFrom: string) {
  return open.sqlite
    .prepare(
      "select count(*) n, coalesce(sum(qty_delta), 0) qty, coalesce(max(id), 0) maxId from stock_movements where facility_id = ? and occurred_at < ?",
    )
    .get(facilityId, openFrom);
}

/** The month's A, B, C, D, E per product × funding source, from the ledger (as a report is pre-filled). */
function monthFromLedger(open: OpenDb, facilityId: string, period: string) {
  const start = `${period}-01`;
  const [y, m] = period.split("-").map(Number) as [number, number];
  const end = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  return open.sqlite
    .prepare(
      `select product_id productId, funding_source fundingSource,
         sum(case when occurred_at < ? then qty_delta else 0 end) opening,
         sum(case when occurred_at >= ? and type in ('receipt', 'transfer_in') then qty_delta else 0 end) received,
         -sum(case when occurred_at >= ? and type = 'issue' then qty_delta else 0 end) consumed,
         sum(case when occurred_at >= ? and type in ('adjustment', 'transfer_out') then qty_delta else 0 end) adjustments,
         sum(qty_delta) closing
       from stock_movements where facility_id = ? and occurred_at < ?
       group by 1, 2
       having opening <> 0 or received <> 0 or consumed <> 0 or adjustments <> 0
       order by 1, 2`,
    )
    .all(start, start, start, start, facilityId, end);
}

describe("the ledger's past under random backdated movements", () => {
  it("keeps every running balance along the dates ≥ 0 and never changes a closed month", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 45 }), (ops) => {
        const open = smallDb({
          facilities: [
            { id: "dep", name: "Dépôt", level: "district" },
            { id: "cs1", name: "CSCom", level: "cscom" },
          ],
          products: [{}],
        });
        open.sqlite
          .prepare(
            "insert into supply_lines (facility_id, programme_code, supplier_id) values ('cs1', 'cost_recovery', 'dep')",
          )
          .run();
        const productId = open.productIds[0]!;
        const lotIds = new Map<number, number>();
        /** What each close left behind, to compare at the end. */
        const closes: { facilityId: string; openFrom: string; past: unknown }[] = [];
        const reports: { facilityId: string; period: string; lines: unknown[] }[] = [];
        let key = 0;
        const run = <T>(command: (tx: Parameters<Parameters<typeof runIdempotent>[4]>[0]) => T): T =>
          runIdempotent(open.db, { userId: null, key: `k${++key}` }, `h${key}`, NOW, (tx) => ({
            status: 201,
            body: command(tx),
          })).body as T;

        for (const o of ops) {
          const before = ledgerSnapshot(open);
          try {
            if (o.kind === "close") {
              const period = MONTHS[o.month]!;
              if (FACILITIES[o.f] === "dep") {
                const closed = run((tx) => closePeriod(tx, "dep", period, null, NOW));
                closes.push({
                  facilityId: "dep",
                  openFrom: closed.openFrom,
                  past: closedPast(open, "dep", closed.openFrom),
                });
              } else {
                const reportId = run((tx) => {
                  const id = createReport(tx, "cs1", period, NOW);
                  submitReport(tx, open.sqlite, id, null, NOW);
                  return id;
                });
                const lines = open.sqlite
                  .prepare(
                    "select product_id productId, funding_source fundingSource, opening, received, consumed, adjustments, closing from stock_report_lines where report_id = ? order by 1, 2",
                  )
                  .all(reportId);
                reports.push({ facilityId: "cs1", period, lines });
                const openFrom = open.sqlite
                  .prepare("select max(period) from stock_reports where facility_id = 'cs1' and status = 'submitted'")
                  .pluck()
                  .get() as string;
                const [y, m] = openFrom.split("-").map(Number) as [number, number];
                const from = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
                closes.push({ facilityId: "cs1", openFrom: from, past: closedPast(open, "cs1", from) });
              }
              continue;
            }
            if (o.kind === "receive") {
              const pending = open.sqlite
                .prepare("select id, sent_at from stock_transfers where status = 'in_transit' order by id")
                .all() as { id: number; sent_at: string }[];
              if (pending.length === 0) continue;
              const transfer = pending[o.which % pending.length]!;
              const receivedAt = new Date(
                Math.min(Date.parse(transfer.sent_at) + o.lateDays * 86_400_000, NOW.getTime()),
              ).toISOString();
              const lots = (
                open.sqlite
                  .prepare("select lot_id, qty from stock_transfer_lots where transfer_id = ?")
                  .all(transfer.id) as {
                  lot_id: number;
                  qty: number;
                }[]
              ).map((l) => {
                const rejectedQty = Math.floor((l.qty * o.rejectShare) / 100);
                return {
                  lotId: l.lot_id,
                  acceptedQty: l.qty - rejectedQty,
                  rejectedQty,
                  ...(rejectedQty > 0 ? { reason: "abîmé" } : {}),
                };
              });
              run((tx) =>
                receiveTransfer(tx, transfer.id, { lots, receivedAt }, { batchId: `r${key}`, now: NOW, userId: null }),
              );
              continue;
            }
            const facilityId = FACILITIES[o.f]!;
            const occurredAt = dateOf(o.day, o.hour);
            let body: MovementCreate | PhysicalCountCreate | null = null;
            if (o.kind === "receipt")
              body = { type: "receipt", facilityId, productId, ...LOTS[o.lot]!, quantity: o.qty, occurredAt };
            if (o.kind === "issue") body = { type: "issue", facilityId, productId, quantity: o.qty, occurredAt };
            if (o.kind === "transfer")
              body = {
                type: "transfer",
                facilityId,
                toFacilityId: FACILITIES[1 - o.f]!,
                productId,
                quantity: o.qty,
                occurredAt,
              };
            if (o.kind === "loss" && lotIds.has(o.lot))
              body = {
                type: "adjustment",
                facilityId,
                lotId: lotIds.get(o.lot)!,
                reason: "loss",
                quantity: -o.qty,
                occurredAt,
              };
            if (o.kind === "count" && lotIds.has(o.lot))
              body = { facilityId, occurredAt, lines: [{ lotId: lotIds.get(o.lot)!, countedQty: o.counted }] };
            if (!body) continue;
            const command = body;
            const result = run((tx) =>
              "type" in command
                ? postMovement(tx, command, { now: NOW, userId: null })
                : postPhysicalCount(tx, command, { now: NOW, userId: null }),
            );
            for (const m of result.movements)
              lotIds.set(
                LOTS.findIndex((l) => l.lotCode === m.lotCode),
                m.lotId,
              );
          } catch (e) {
            expect(e).toBeInstanceOf(AppError);
            expect([
              "insufficient_stock",
              "period_closed",
              "validation_failed",
              "conflict",
              "invalid_transition",
            ]).toContain((e as AppError).code);
            expect(ledgerSnapshot(open)).toEqual(before);
          }
        }

        // The stock card: every running balance along the dates is ≥ 0, and balances are the sums of their lines.
        const negative = open.sqlite
          .prepare(
            `select count(*) from (
               select sum(qty_delta) over (partition by facility_id, lot_id, funding_source order by occurred_at, id) running
               from stock_movements) where running < 0`,
          )
          .pluck()
          .get();
        expect(negative).toBe(0);
        expect(balanceMismatches(open)).toEqual([]);
        // Closed months never changed: nothing was added before any close's open window since the close.
        for (const c of closes)
          expect(closedPast(open, c.facilityId, c.openFrom), `${c.facilityId} < ${c.openFrom}`).toEqual(c.past);
        // A submitted report's month still sums to the report.
        for (const r of reports) expect(monthFromLedger(open, r.facilityId, r.period), r.period).toEqual(r.lines);
        open.close();
      }),
      { numRuns: 120, seed: 20261203 },
    );
  });
});
