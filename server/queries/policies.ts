/** Stock policy rows with the names of what they narrow to, and the effective policy of a facility × product. */
import { asc, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { facilities, products, stockPolicies } from "../../db/schema";
import type { EffectivePolicyView, PolicyView } from "../../shared/contracts/policies";
import { applicablePolicies, effectivePolicy, policyScope, type PolicyRow } from "../../shared/domain/policy";
import { AppError } from "../../shared/errors";

/** Stored rows (optionally of one level), with facility and product names. */
export function listPolicies(db: Db | Tx, level?: PolicyRow["level"]): PolicyView[] {
  return db
    .select({
      p: stockPolicies,
      facilityName: facilities.name,
      productCode: products.code,
      productName: products.genericName,
    })
    .from(stockPolicies)
    .leftJoin(facilities, eq(facilities.id, stockPolicies.facilityId))
    .leftJoin(products, eq(products.id, stockPolicies.productId))
    .where(level ? eq(stockPolicies.level, level) : undefined)
    .orderBy(
      asc(stockPolicies.level),
      asc(stockPolicies.facilityId),
      asc(stockPolicies.programmeCode),
      asc(stockPolicies.productId),
    )
    .all()
    .map(({ p, facilityName, productCode, productName }) => ({
      ...p,
      facilityName,
      productCode,
      productName,
      scope: policyScope(p),
    }));
}

/** One stored row (404 when unknown). */
export function getPolicy(db: Db | Tx, id: number): PolicyView {
  const row = listPolicies(db).find((p) => p.id === id);
  if (!row) throw new AppError("not_found", `Unknown policy ${id}`);
  return row;
}

/** The policy of a facility × product (effectivePolicy), the rows that apply, most specific first. */
export function effectivePolicyOf(db: Db, facilityId: string, productId: number): EffectivePolicyView {
  const facility = db.select().from(facilities).where(eq(facilities.id, facilityId)).get();
  if (!facility) throw new AppError("not_found", `Unknown facility ${facilityId}`);
  const product = db.select().from(products).where(eq(products.id, productId)).get();
  if (!product)
    throw new AppError("validation_failed", `productId: unknown product ${productId}`, {
      issues: [{ path: "productId", message: `unknown product ${productId}` }],
    });
  const rows = listPolicies(db, facility.level);
  const target = { level: facility.level, facilityId, programmeCode: product.programmeCode, productId };
  const { policy, source } = effectivePolicy(rows, target);
  const candidates = applicablePolicies(rows, target) as PolicyView[];
  return {
    facilityId,
    facilityName: facility.name,
    level: facility.level,
    productId,
    productCode: product.code,
    productName: `${product.genericName} ${product.strength}`.trim(),
    programmeCode: product.programmeCode,
    policy: {
      rule: policy.rule,
      maxMonths: policy.maxMonths,
      minMonths: policy.minMonths,
      eopMonths: policy.eopMonths,
      reviewPeriodMonths: policy.reviewPeriodMonths,
      leadTimeDays: policy.leadTimeDays,
    },
    source,
    candidates,
  };
}
