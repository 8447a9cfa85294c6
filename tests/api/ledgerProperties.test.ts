import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runIdempotent } from "../../server/commands/idempotency";
import { postMovement, postPhysicalCount } from "../../server/commands/stock";
import { receiveTransfer } from "../../server/commands/transfers";
import type { MovementCreate, PhysicalCountCreate } from "../../shared/contracts/stock";
import { AppError } from "../../shared/errors";
import { smallDb } from "../helpers/factories";
import { balanceMismatches, ledgerSnapshot } from "../helpers/app";

const NOW = new Date("2026-11-15T09:00:00Z");
const FACILITIES = ["dep", "cs1"];
const LOTS = [
  { lotCode: "A", expiry: "2027-03-31" },
  { lotCode: "B", expiry: "2028-01-31" },
  { lotCode: "C", expiry: "2026-11-25" }, // short-dated on NOW: received, never issued
];

type Op =
  | { kind: "receipt"; f: number; lot: number; qty: number }
  | { kind: "issue"; f: number; qty: number; partial: boolean }
  | { kind: "transfer"; f: number; qty: number }
  | { kind: "loss"; f: number; lot: number; qty: number }
  | { kind: "count"; f: number; lot: number; counted: number }
  | { kind: "receive"; which: number; rejectShare: number };

const qty = fc.integer({ min: 1, max: 400 });
const f = fc.integer({ min: 0, max: 1 });
const lot = fc.integer({ min: 0, max: LOTS.length - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("receipt" as const), f, lot, qty }),
  fc.record({ kind: fc.constant("issue" as const), f, qty, partial: fc.boolean() }),
  fc.record({ kind: fc.constant("transfer" as const), f, qty }),
  fc.record({ kind: fc.constant("loss" as const), f, lot, qty }),
  fc.record({ kind: fc.constant("count" as const), f, lot, counted: fc.integer({ min: 0, max: 300 }) }),
  fc.record({
    kind: fc.constant("receive" as const),
    which: fc.integer({ min: 0, max: 5 }),
    rejectShare: fc.integer({ min: 0, max: 100 }),
  }),
);

describe("ledger properties over random movement sequences", () => {
  it("keeps every balance equal to the sum of its ledger lines and never negative; refused writes change nothing", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const open = smallDb({ facilities: FACILITIES.map((id) => ({ id, name: id })), products: [{}] });
        open.sqlite
          .prepare(
            "insert into supply_lines (facility_id, programme_code, supplier_id) values ('cs1', 'cost_recovery', 'dep')",
          )
          .run();
        const productId = open.productIds[0]!;
        const lotIds = new Map<number, number>();
        let key = 0;
        for (const o of ops) {
          const before = ledgerSnapshot(open);
          const facilityId = FACILITIES["f" in o ? o.f : 0]!;
          let body: MovementCreate | PhysicalCountCreate | null = null;
          if (o.kind === "receipt")
            body = {
              type: "receipt",
              facilityId,
              productId,
              ...LOTS[o.lot]!,
              quantity: o.qty,
              occurredAt: "2026-11-01T08:00:00Z",
            };
          if (o.kind === "issue")
            body = { type: "issue", facilityId, productId, quantity: o.qty, allowPartial: o.partial };
          if (o.kind === "transfer")
            body = { type: "transfer", facilityId, toFacilityId: FACILITIES[1 - o.f]!, productId, quantity: o.qty };
          if (o.kind === "loss" && lotIds.has(o.lot))
            body = { type: "adjustment", facilityId, lotId: lotIds.get(o.lot)!, reason: "loss", quantity: -o.qty };
          if (o.kind === "count" && lotIds.has(o.lot))
            body = { facilityId, lines: [{ lotId: lotIds.get(o.lot)!, countedQty: o.counted }] };
          if (o.kind === "receive") {
            // A transfer in transit is received, part of each lot rejected back to the sender.
            const pending = open.sqlite
              .prepare("select id from stock_transfers where status = 'in_transit' order by id")
              .pluck()
              .all() as number[];
            if (pending.length === 0) continue;
            const id = pending[o.which % pending.length]!;
            const lots = (
              open.sqlite.prepare("select lot_id, qty from stock_transfer_lots where transfer_id = ?").all(id) as {
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
            runIdempotent(open.db, { userId: null, key: `k${++key}` }, `h${key}`, NOW, (tx) => ({
              status: 200,
              body: receiveTransfer(tx, id, { lots }, { batchId: `b${key}`, now: NOW, userId: null }),
            }));
            continue;
          }
          if (!body) continue;
          const command = body;
          try {
            const result = runIdempotent(open.db, { userId: null, key: `k${++key}` }, `h${key}`, NOW, (tx) => ({
              status: 201,
              body:
                "type" in command
                  ? postMovement(tx, command, { now: NOW, userId: null })
                  : postPhysicalCount(tx, command, { now: NOW, userId: null }),
            }));
            const movements = (result.body as { movements: { lotId: number; lotCode: string; expiry: string }[] })
              .movements;
            for (const m of movements)
              lotIds.set(
                LOTS.findIndex((l) => l.lotCode === m.lotCode),
                m.lotId,
              );
            if (o.kind === "issue" || o.kind === "transfer") {
              // Short-dated lot C is never issued.
              expect(movements.every((m) => m.lotCode !== "C")).toBe(true);
            }
          } catch (e) {
            expect(e).toBeInstanceOf(AppError);
            // A count closes the product's past: a receipt dated before it is period_closed.
            expect(["insufficient_stock", "validation_failed", "period_closed"]).toContain((e as AppError).code);
            expect(ledgerSnapshot(open)).toEqual(before);
          }
          const negative = open.sqlite
            .prepare("select count(*) from stock_balances where qty_on_hand < 0")
            .pluck()
            .get();
          expect(negative).toBe(0);
        }
        expect(balanceMismatches(open)).toEqual([]);
        // Stock is never lost nor counted twice across a transfer: sent = accepted + rejected, or still in transit.
        const unbalanced = open.sqlite
          .prepare(
            `select t.id from stock_transfers t
              where (select coalesce(sum(qty), 0) from stock_transfer_lots where transfer_id = t.id)
                 <> -(select coalesce(sum(qty_delta), 0) from stock_movements where batch_id = t.sent_batch_id)
                 or (t.status = 'received' and (select coalesce(sum(qty_delta), 0) from stock_movements where batch_id = t.received_batch_id)
                     <> (select sum(qty) from stock_transfer_lots where transfer_id = t.id))`,
          )
          .all();
        expect(unbalanced).toEqual([]);
        // Every line's balance_after is the running balance of its facility × lot × funding source.
        const chain = open.sqlite
          .prepare(
            `select count(*) from (select balance_after, sum(qty_delta) over (partition by facility_id, lot_id, funding_source order by id) running from stock_movements) where balance_after <> running`,
          )
          .pluck()
          .get();
        expect(chain).toBe(0);
        open.close();
      }),
      { numRuns: 150, seed: 20261122 },
    );
  });
});
