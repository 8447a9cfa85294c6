/**
 * Where a facility's open window starts (shared/domain/stock/timeAxis.ts): its last closed month — the latest
 * submitted monthly report or explicit close — and, per product, its last physical count.
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { LedgerWindow } from "../../shared/contracts/periods";
import { monthAfter, openWindow, type OpenWindow } from "../../shared/domain/stock";

/** The facility's last closed month and what closed it (a submitted report, or an explicit close), or null. */
export function lastClosedPeriod(db: Db | Tx, facilityId: string): { period: string; by: "report" | "close" } | null {
  const row = db.get<{ report: string | null; close: string | null }>(sql`
    select (select max(period) from stock_reports where facility_id = ${facilityId} and status = 'submitted') report,
           (select max(period) from period_closes where facility_id = ${facilityId}) close`);
  const report = row?.report ?? null;
  const close = row?.close ?? null;
  if (report === null && close === null) return null;
  if (close !== null && (report === null || close > report)) return { period: close, by: "close" };
  return { period: report!, by: "report" };
}

/** When the product was last counted at the facility (ISO date-time), or null. */
export function lastCountAt(db: Db | Tx, facilityId: string, productId: number): string | null {
  const row = db.get<{ at: string | null }>(
    sql`select max(counted_at) at from stock_counts where facility_id = ${facilityId} and product_id = ${productId}`,
  );
  return row?.at ?? null;
}

/** The open window of one facility × product. */
export function windowOf(db: Db | Tx, facilityId: string, productId: number): OpenWindow {
  return openWindow(lastClosedPeriod(db, facilityId), lastCountAt(db, facilityId, productId));
}

/** The facility's window as the API shows it (the month part; a product's count may start it later). */
export function ledgerWindow(db: Db | Tx, facilityId: string): LedgerWindow {
  const closed = lastClosedPeriod(db, facilityId);
  return {
    facilityId,
    closedPeriod: closed?.period ?? null,
    closedBy: closed?.by ?? null,
    openFrom: closed ? monthAfter(closed.period) : null,
  };
}
