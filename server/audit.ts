/** Appends to the audit log inside the caller's transaction: who, when, what, before and after, from where. */
import type { Db, Tx } from "../db/client";
import { auditLog } from "../db/schema";
import type { MovementResult } from "../shared/contracts/stock";

/** Where a request comes from: the signed-in user (if any) and the client. */
export interface RequestOrigin {
  userId: number | null;
  username: string | null;
  clientIp: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** One audited change. */
export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit line; call it in the same transaction as the change it records. */
export function audit(tx: Tx | Db, at: Date, origin: RequestOrigin, entry: AuditEntry): void {
  tx.insert(auditLog)
    .values({
      at: at.toISOString(),
      ...origin,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      beforeJson: entry.before === undefined ? null : JSON.stringify(entry.before),
      afterJson: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .run();
}

/** Balances before and after a batch, for the audit log. */
export function auditOfBatch(action: string, request: unknown, result: MovementResult): AuditEntry {
  const keyOf = (m: MovementResult["movements"][number]) => ({
    facilityId: m.facilityId,
    lotId: m.lotId,
    fundingSource: m.fundingSource,
  });
  return {
    action,
    objectType: "stock_batch",
    objectId: result.batchId,
    before: result.movements.map((m) => ({ ...keyOf(m), qtyOnHand: m.balanceAfter - m.qtyDelta })),
    after: {
      request,
      balances: result.movements.map((m) => ({ ...keyOf(m), qtyOnHand: m.balanceAfter })),
      movementIds: result.movements.map((m) => m.id),
    },
  };
}
