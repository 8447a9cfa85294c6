/** Picks the stock policy that applies to a facility × product (most specific row wins). */

/** Levels of the supply chain. */
export type SupplyLevel = "central" | "regional" | "district" | "cscom" | "asc";

/** A policy row as stored (months may be fractional). */
export interface PolicyRow {
  level: SupplyLevel;
  facilityId: string | null;
  programmeCode: string | null;
  productId: number | null;
  rule: "forced" | "standard";
  maxMonths: number;
  minMonths: number;
  eopMonths: number | null;
  reviewPeriodMonths: number;
  leadTimeDays: number;
}

/** What the policy is looked up for. */
export interface PolicyTarget {
  level: string;
  facilityId: string;
  programmeCode: string;
  productId: number;
}

/**
 * Specificity: facility beats level, product beats programme beats "all products".
 * A row that names a different facility, programme or product does not apply.
 */
export function resolvePolicy(rows: PolicyRow[], t: PolicyTarget): PolicyRow | null {
  let best: PolicyRow | null = null;
  let bestScore = -1;
  for (const r of rows) {
    if (r.level !== t.level) continue;
    if (r.facilityId !== null && r.facilityId !== t.facilityId) continue;
    if (r.programmeCode !== null && r.programmeCode !== t.programmeCode) continue;
    if (r.productId !== null && r.productId !== t.productId) continue;
    const score = (r.facilityId ? 4 : 0) + (r.productId ? 2 : 0) + (r.programmeCode ? 1 : 0);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/** Default policies per level (PRODUCT.md §3): max / min / EOP months. */
export const DEFAULT_POLICIES: PolicyRow[] = [
  {
    level: "cscom",
    facilityId: null,
    programmeCode: null,
    productId: null,
    rule: "forced",
    maxMonths: 3,
    minMonths: 1,
    eopMonths: 0.5,
    reviewPeriodMonths: 1,
    leadTimeDays: 14,
  },
  {
    level: "asc",
    facilityId: null,
    programmeCode: null,
    productId: null,
    rule: "forced",
    maxMonths: 3,
    minMonths: 1,
    eopMonths: 0.5,
    reviewPeriodMonths: 1,
    leadTimeDays: 7,
  },
  {
    level: "district",
    facilityId: null,
    programmeCode: null,
    productId: null,
    rule: "standard",
    maxMonths: 4,
    minMonths: 2,
    eopMonths: 1,
    reviewPeriodMonths: 1,
    leadTimeDays: 30,
  },
  {
    level: "regional",
    facilityId: null,
    programmeCode: null,
    productId: null,
    rule: "standard",
    maxMonths: 6,
    minMonths: 3,
    eopMonths: 2,
    reviewPeriodMonths: 3,
    leadTimeDays: 45,
  },
  {
    level: "central",
    facilityId: null,
    programmeCode: null,
    productId: null,
    rule: "standard",
    maxMonths: 12,
    minMonths: 6,
    eopMonths: null,
    reviewPeriodMonths: 6,
    leadTimeDays: 180,
  },
];
