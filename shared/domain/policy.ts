/**
 * Stock policies (PRODUCT.md §3): a row applies to a level, optionally narrowed to one facility and to a programme
 * or one product; the most specific row wins (resolvePolicy), the built-in defaults of the level when none does
 * (effectivePolicy, which also says where the policy came from). Every reader — the order cycle, emergency and
 * depot orders, stock positions, the national picture, the administration screen — resolves through here.
 */

/** Levels of the supply chain. */
export type SupplyLevel = "central" | "regional" | "district" | "cscom" | "asc";

/** A policy row as stored (months may be fractional). */
export interface PolicyRow {
  /** The stored row's id (absent for the built-in defaults) */
  id?: number;
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
    const score = specificity(r, t);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/** How specific a row is for a target (facility 4, product 2, programme 1), or -1 when it does not apply. */
function specificity(r: PolicyRow, t: PolicyTarget): number {
  if (r.level !== t.level) return -1;
  if (r.facilityId !== null && r.facilityId !== t.facilityId) return -1;
  if (r.programmeCode !== null && r.programmeCode !== t.programmeCode) return -1;
  if (r.productId !== null && r.productId !== t.productId) return -1;
  return (r.facilityId ? 4 : 0) + (r.productId ? 2 : 0) + (r.programmeCode ? 1 : 0);
}

/** Every row that applies to a target, most specific first (the first one is resolvePolicy's). */
export function applicablePolicies(rows: PolicyRow[], t: PolicyTarget): PolicyRow[] {
  return rows
    .map((r) => ({ r, score: specificity(r, t) }))
    .filter((x) => x.score >= 0)
    .sort((a, b) => b.score - a.score)
    .map((x) => x.r);
}

/** How far a policy row is narrowed, from the level's base row to one facility × product. */
export type PolicyScope =
  "default" | "level" | "level_programme" | "level_product" | "facility" | "facility_programme" | "facility_product";

/** The narrowing of a row (its scope), for display and for the explanation of an effective policy. */
export function policyScope(
  r: Pick<PolicyRow, "facilityId" | "programmeCode" | "productId">,
): Exclude<PolicyScope, "default"> {
  const narrow = r.productId !== null ? "_product" : r.programmeCode !== null ? "_programme" : "";
  return `${r.facilityId !== null ? "facility" : "level"}${narrow}` as Exclude<PolicyScope, "default">;
}

/** The policy that applies and where it comes from: a stored row (its id and scope) or the level's built-in default. */
export interface EffectivePolicy {
  policy: PolicyRow;
  source: { scope: PolicyScope; rowId: number | null };
}

/** The policy of a facility × product: the most specific stored row, else the built-in default of the level. */
export function effectivePolicy(rows: PolicyRow[], t: PolicyTarget): EffectivePolicy {
  const row = resolvePolicy(rows, t);
  if (row) return { policy: row, source: { scope: policyScope(row), rowId: row.id ?? null } };
  const fallback = DEFAULT_POLICIES.find((d) => d.level === t.level) ?? DEFAULT_POLICIES[0]!;
  return { policy: fallback, source: { scope: "default", rowId: null } };
}

/** A problem with a policy's values, as a key and values for the screens. */
export interface PolicyProblem {
  field: "minMonths" | "eopMonths" | "productId";
  key: "policy.minAboveMax" | "policy.eopAboveMin" | "policy.programmeAndProduct";
  values: Record<string, number | string>;
}

/** Checks a policy's values against each other: min ≤ max, EOP ≤ min, a programme or a product but not both. */
export function policyProblems(
  p: Pick<PolicyRow, "maxMonths" | "minMonths" | "eopMonths" | "programmeCode" | "productId">,
): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  if (p.minMonths > p.maxMonths)
    out.push({ field: "minMonths", key: "policy.minAboveMax", values: { min: p.minMonths, max: p.maxMonths } });
  if (p.eopMonths !== null && p.eopMonths > p.minMonths)
    out.push({ field: "eopMonths", key: "policy.eopAboveMin", values: { eop: p.eopMonths, min: p.minMonths } });
  if (p.programmeCode !== null && p.productId !== null)
    out.push({ field: "productId", key: "policy.programmeAndProduct", values: { programme: p.programmeCode } });
  return out;
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
