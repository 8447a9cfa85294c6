/**
 * "Retour au dépôt": the depot confirms what came back on the truck — rejected quantities and the goods of
 * skipped stops, which left the depot's ledger when their order shipped and rode in transit since. What is
 * received enters the depot's ledger again (transfer_in from the facility); less than in transit is recorded
 * as lost on the way (it never re-enters). Once every skipped return of an order is received, the order goes
 * back to picking (its lots picked again, back on the shelf) to ship on another day.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { deliveryReturns, orderLineLots, orderLines } from "../../db/schema";
import type { ReturnReceipt } from "../../shared/contracts/deliveries";
import type { AuditEntry } from "../audit";
import { skippedInTransit } from "./fulfilment";
import { appendLines, type LineInput } from "./ledger";
import { loadOrderRow, orderLineIds, transition } from "./orders";
import { fieldError } from "../fieldError";

/** Receives returned lines at the depot; returns the answer's figures and the audit line. */
export function receiveReturns(tx: Tx, input: ReturnReceipt, userId: number, now: Date) {
  const ids = input.lines.map((l) => l.returnId);
  const rows = new Map(
    tx
      .select()
      .from(deliveryReturns)
      .where(and(inArray(deliveryReturns.id, ids), eq(deliveryReturns.depotId, input.depotId)))
      .all()
      .map((r) => [r.id, r]),
  );
  const seen = new Set<number>();
  const ledger: LineInput[] = [];
  let receivedUnits = 0,
    lostUnits = 0;
  input.lines.forEach((l, i) => {
    const row = rows.get(l.returnId);
    if (!row) fieldError(`lines.${i}.returnId`, `unknown return ${l.returnId} at ${input.depotId}`);
    if (seen.has(row.id)) fieldError(`lines.${i}.returnId`, `return ${row.id} appears twice`);
    seen.add(row.id);
    if (row.receivedAt !== null) fieldError(`lines.${i}.returnId`, `return ${row.id} was already received`);
    if (l.receivedQty > row.qtyUnits) fieldError(`lines.${i}.receivedQty`, `more than the ${row.qtyUnits} riding back`);
    tx.update(deliveryReturns)
      .set({ receivedQtyUnits: l.receivedQty, receivedAt: now.toISOString(), receivedBy: userId })
      .where(eq(deliveryReturns.id, row.id))
      .run();
    receivedUnits += l.receivedQty;
    lostUnits += row.qtyUnits - l.receivedQty;
    if (l.receivedQty > 0)
      ledger.push({
        facilityId: row.depotId,
        productId: row.productId,
        lotId: row.lotId,
        fundingSource: row.fundingSource,
        type: "transfer_in",
        qtyDelta: l.receivedQty,
        occurredAt: now.toISOString(),
        counterpartyId: row.facilityId,
        reference: `Commande #${row.orderId}`,
        note:
          row.kind === "skipped"
            ? `Retour au dépôt : arrêt non livré (${row.reason ?? ""})`
            : `Retour au dépôt : refusé à la livraison (${row.reason ?? ""})`,
      });
  });
  appendLines(tx, ledger, { batchId: randomUUID(), recordedAt: now.toISOString(), userId });
  const skippedOrders = [...new Set([...rows.values()].filter((r) => r.kind === "skipped").map((r) => r.orderId))];
  const reopened = skippedOrders.filter((orderId) => !skippedInTransit(tx, orderId));
  for (const orderId of reopened) reopen(tx, orderId, userId, now);
  const audit: AuditEntry = {
    action: "delivery.return.receive",
    objectType: "facility",
    objectId: input.depotId,
    after: { lines: input.lines, receivedUnits, lostUnits, reopenedOrderIds: reopened },
  };
  return { body: { received: input.lines.length, receivedUnits, lostUnits, reopenedOrderIds: reopened }, audit };
}

/** A skipped stop's order back to picking: nothing shipped any more, its picked lots reserved again. */
function reopen(tx: Tx, orderId: number, userId: number, now: Date) {
  const order = loadOrderRow(tx, orderId);
  transition(tx, order, "return", userId, now, { returnedToDepot: true });
  const lineIds = orderLineIds(tx, orderId);
  tx.update(orderLines).set({ shippedQty: 0 }).where(eq(orderLines.orderId, orderId)).run();
  tx.update(orderLineLots)
    .set({ shippedQty: 0 })
    .where(inArray(orderLineLots.orderLineId, [...lineIds, -1]))
    .run();
}
