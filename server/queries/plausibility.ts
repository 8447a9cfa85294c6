/** What the plausibility rule (shared/domain/stock/plausibility.ts) compares a quantity with, per facility × product. */
import { eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { facilities, products } from "../../db/schema";
import { resolvePolicy, type SupplyLevel } from "../../shared/domain/policy";
import type { PlausibilityBasis } from "../../shared/domain/stock";
import { ledgerAmcInTransaction } from "./ledgerAmc";
import { policiesFor } from "./stock";

/**
 * Per product: the AMC (the latest submitted report's, else the mean monthly outflow of the last complete months
 * in the ledger, as the stock positions show it), the policy's maximum months and the pack size.
 */
export function plausibilityBases(
  db: Db | Tx,
  facilityId: string,
  productIds: number[],
  asOf: string,
): Map<number, PlausibilityBasis> {
  const out = new Map<number, PlausibilityBasis>();
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return out;
  const facility = db.select().from(facilities).where(eq(facilities.id, facilityId)).get();
  if (!facility) return out;
  const reported = new Map(
    db
      .all<{ product_id: number; amc: number }>(
        sql`select l.product_id, sum(l.amc) amc from stock_report_lines l
            join stock_reports r on r.id = l.report_id
            where r.id = (select id from stock_reports where facility_id = ${facilityId} and status = 'submitted' order by period desc limit 1)
              and l.amc is not null
            group by l.product_id`,
      )
      .map((r) => [r.product_id, r.amc]),
  );
  const missing = ids.filter((id) => !reported.has(id));
  const ledger =
    missing.length === 0
      ? new Map<number, number>()
      : ledgerAmcInTransaction(db, facilityId, asOf, missing.length === 1 ? missing[0] : undefined);
  const policies = policiesFor(db, facility.level as SupplyLevel);
  const rows = db
    .select({ id: products.id, packSize: products.packSize, programmeCode: products.programmeCode })
    .from(products)
    .where(inArray(products.id, ids))
    .all();
  for (const p of rows) {
    const policy = resolvePolicy(policies, {
      level: facility.level as SupplyLevel,
      facilityId,
      programmeCode: p.programmeCode,
      productId: p.id,
    });
    out.set(p.id, {
      amc: reported.get(p.id) ?? ledger.get(p.id) ?? 0,
      maxMonths: policy?.maxMonths ?? 3,
      packSize: p.packSize,
    });
  }
  return out;
}
