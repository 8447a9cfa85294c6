/** Stock policy rows: add, change, remove (the rule of their values: shared/domain/policy.ts policyProblems). */
import { eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { facilities, products, programmes, stockPolicies } from "../../db/schema";
import type { PolicyCreate, PolicyUpdate, PolicyView } from "../../shared/contracts/policies";
import { policyProblems, type PolicyRow } from "../../shared/domain/policy";
import { AppError, type FieldIssue } from "../../shared/errors";
import { getPolicy } from "../queries/policies";

function refuse(issues: FieldIssue[]): never {
  throw new AppError("validation_failed", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
}

const issuesOf = (p: Parameters<typeof policyProblems>[0]): FieldIssue[] =>
  policyProblems(p).map((x) => ({ path: x.field, message: x.key, key: x.key, values: x.values }));

/** The row with the same target (level × facility × programme × product), if any: the unique index's expression. */
function sameTarget(tx: Tx, t: Pick<PolicyRow, "level" | "facilityId" | "programmeCode" | "productId">) {
  return tx
    .select({ id: stockPolicies.id })
    .from(stockPolicies)
    .where(
      sql`${stockPolicies.level} = ${t.level} and coalesce(${stockPolicies.facilityId}, '') = ${t.facilityId ?? ""}
        and coalesce(${stockPolicies.programmeCode}, '') = ${t.programmeCode ?? ""} and coalesce(${stockPolicies.productId}, 0) = ${t.productId ?? 0}`,
    )
    .get();
}

/** Adds a policy row; the level comes from the facility when one is named. */
export function createPolicy(tx: Tx, input: PolicyCreate): PolicyView {
  const issues: FieldIssue[] = [];
  const facility = input.facilityId
    ? tx.select().from(facilities).where(eq(facilities.id, input.facilityId)).get()
    : undefined;
  const level = facility?.level ?? input.level;
  if (!level) issues.push({ path: "level", message: "required", key: "import.required", values: { column: "level" } });
  if (facility && input.level && input.level !== facility.level)
    issues.push({
      path: "level",
      message: `facility ${facility.id} is a ${facility.level}`,
      key: "policy.levelMismatch",
      values: { facilityId: facility.id, level: facility.level },
    });
  if (input.programmeCode && !tx.select().from(programmes).where(eq(programmes.code, input.programmeCode)).get())
    issues.push({
      path: "programmeCode",
      message: `unknown programme ${input.programmeCode}`,
      key: "import.unknownProgramme",
      values: { value: input.programmeCode },
    });
  if (input.productId && !tx.select().from(products).where(eq(products.id, input.productId)).get())
    issues.push({
      path: "productId",
      message: `unknown product ${input.productId}`,
      key: "import.unknownProduct",
      values: { code: String(input.productId) },
    });
  const row = {
    level: level!,
    facilityId: input.facilityId ?? null,
    programmeCode: input.programmeCode ?? null,
    productId: input.productId ?? null,
    rule: input.rule,
    maxMonths: input.maxMonths,
    minMonths: input.minMonths,
    eopMonths: input.eopMonths,
    reviewPeriodMonths: input.reviewPeriodMonths,
    leadTimeDays: input.leadTimeDays,
  };
  issues.push(...issuesOf(row));
  if (issues.length > 0) refuse(issues);
  const twin = sameTarget(tx, row);
  if (twin)
    refuse([
      {
        path: "level",
        message: `policy ${twin.id} has the same target`,
        key: "policy.exists",
        values: { id: twin.id },
      },
    ]);
  const { id } = tx.insert(stockPolicies).values(row).returning({ id: stockPolicies.id }).get();
  return getPolicy(tx, id);
}

/** Changes a row's values (its target stays). */
export function updatePolicy(tx: Tx, id: number, patch: PolicyUpdate): { before: PolicyView; after: PolicyView } {
  const before = getPolicy(tx, id);
  const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  const issues = issuesOf(merged);
  if (issues.length > 0) refuse(issues);
  tx.update(stockPolicies)
    .set({
      rule: merged.rule,
      maxMonths: merged.maxMonths,
      minMonths: merged.minMonths,
      eopMonths: merged.eopMonths,
      reviewPeriodMonths: merged.reviewPeriodMonths,
      leadTimeDays: merged.leadTimeDays,
    })
    .where(eq(stockPolicies.id, id))
    .run();
  return { before, after: getPolicy(tx, id) };
}

/** Removes a row: the next most specific one (or the level's built-in default) applies again. */
export function deletePolicy(tx: Tx, id: number): PolicyView {
  const before = getPolicy(tx, id);
  tx.delete(stockPolicies).where(eq(stockPolicies.id, id)).run();
  return before;
}

/** Writes a row of the policies sheet: a new target, or new values for a stored one. */
export function savePolicyRow(tx: Tx, row: Omit<PolicyRow, "id"> & { id: number | null }): void {
  const { id, ...values } = row;
  if (id === null) tx.insert(stockPolicies).values(values).run();
  else tx.update(stockPolicies).set(values).where(eq(stockPolicies.id, id)).run();
}
