/** The crash test's checks (scripts/bench/crash.ts): the database file against what the clients were told. */
import Database from "better-sqlite3";
import type { Op } from "./run";

/** Checks the database file against what the clients were told. */
export function verify(file: string, ops: Op[]): { integrity: string; problems: string[] } {
  const db = new Database(file, { readonly: true });
  const problems: string[] = [];
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join("; ");
    if (integrity !== "ok") problems.push(`integrity_check: ${integrity}`);
    const keyRow = db.prepare("select status from idempotency_keys where key = ?");
    const auditCount = db.prepare("select count(*) from audit_log where action = ? and object_id = ?").pluck();
    // A movement's lines carry its reference; a transfer's carry "Transfert #id", its reference is on the transfer.
    const batches = db
      .prepare(
        `select count(distinct batch_id) from stock_movements
          where reference = ? or batch_id in (select sent_batch_id from stock_transfers where reference = ?)`,
      )
      .pluck();
    const batchIds = db.prepare("select id from stock_movements where batch_id = ? order by id").pluck();
    for (const op of ops) {
      if (!op.answer || op.answer.status === 0 || op.answer.status >= 500) {
        problems.push(
          `${op.key}: never answered (${op.answer?.status ?? "no attempt"} ${op.answer?.text.slice(0, 200) ?? ""})`,
        );
        continue;
      }
      const ok = op.answer.status >= 200 && op.answer.status < 300;
      const stored = keyRow.get(op.key) as { status: number } | undefined;
      if (ok && stored?.status !== op.answer.status) problems.push(`${op.key}: acknowledged but its key is not stored`);
      if (!ok && stored) problems.push(`${op.key}: refused (${op.answer.status}) yet its key is stored`);
      if (op.kind === "movement") {
        const n = batches.get(op.key, op.key) as number;
        if (ok && n !== 1) problems.push(`${op.key}: acknowledged movement written ${n} times`);
        if (!ok && n !== 0) problems.push(`${op.key}: refused movement written ${n} times`);
        if (ok) {
          const body = JSON.parse(op.answer.text) as { batchId: string; movements: { id: number }[] };
          const ids = batchIds.all(body.batchId) as number[];
          if (ids.join() !== body.movements.map((m) => m.id).join())
            problems.push(
              `${op.key}: ledger lines ${ids.join()} differ from the answer's ${body.movements.map((m) => m.id).join()}`,
            );
        }
      } else if (ok && op.kind !== "report") {
        const n = auditCount.get(op.action, String(op.objectId)) as number;
        if (n !== 1) problems.push(`${op.key}: ${op.action} of order ${op.objectId} audited ${n} times`);
        const batchId = (JSON.parse(op.answer.text) as { batchId?: string }).batchId;
        if (batchId && (batchIds.all(batchId) as number[]).length === 0)
          problems.push(`${op.key}: its ledger batch ${batchId} is missing`);
      }
    }
    checkReports(db, ops, problems);
    checkOrders(db, ops, problems);
    const mismatches = db
      .prepare(
        `with ledger as (select facility_id, lot_id, funding_source, sum(qty_delta) qty from stock_movements group by 1, 2, 3)
         select count(*) from ledger l full outer join stock_balances b
           on b.facility_id = l.facility_id and b.lot_id = l.lot_id and b.funding_source = l.funding_source
         where l.qty is null or b.qty_on_hand is null or l.qty <> b.qty_on_hand`,
      )
      .pluck()
      .get() as number;
    if (mismatches > 0) problems.push(`${mismatches} balances differ from the sum of their ledger lines`);
    return { integrity, problems };
  } finally {
    db.close();
  }
}

/** Each report's lines are those of its last acknowledged save, and each save is audited once. */
function checkReports(db: Database.Database, ops: Op[], problems: string[]): void {
  const saves = ops.filter((o) => o.kind === "report" && o.answer?.status === 200);
  const byReport = new Map<number, Op[]>();
  for (const op of saves) byReport.set(op.objectId!, [...(byReport.get(op.objectId!) ?? []), op]);
  const days = db.prepare(
    "select product_id productId, stockout_days stockoutDays from stock_report_lines where report_id = ?",
  );
  const audits = db
    .prepare("select count(*) from audit_log where action = 'report.lines.update' and object_id = ?")
    .pluck();
  for (const [reportId, list] of byReport) {
    const last = list.at(-1)!.spec.body as { lines: { productId: number; stockoutDays: number }[] };
    const now = new Map(
      (days.all(reportId) as { productId: number; stockoutDays: number }[]).map((r) => [r.productId, r.stockoutDays]),
    );
    for (const l of last.lines)
      if (now.get(l.productId) !== l.stockoutDays)
        problems.push(
          `report ${reportId}: product ${l.productId} has ${now.get(l.productId)} stock-out days, its last save said ${l.stockoutDays}`,
        );
    const n = audits.get(String(reportId)) as number;
    if (n !== list.length) problems.push(`report ${reportId}: ${list.length} saves acknowledged, ${n} audited`);
  }
}

/** Each order is in the status its last acknowledged transition answered. */
function checkOrders(db: Database.Database, ops: Op[], problems: string[]): void {
  const last = new Map<number, Op>();
  for (const op of ops)
    if ((op.kind === "transition" || op.kind === "delivery") && op.answer?.status === 200) last.set(op.objectId!, op);
  const status = db.prepare("select status from orders where id = ?").pluck();
  for (const [id, op] of last) {
    const answered = (JSON.parse(op.answer!.text) as { order: { status: string } }).order.status;
    const stored = status.get(id) as string;
    if (stored !== answered) problems.push(`order ${id}: ${stored} in the database, ${answered} when last answered`);
  }
}
