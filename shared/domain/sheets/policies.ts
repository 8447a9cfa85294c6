/**
 * The stock policies sheet: one row per level × facility × programme × product (empty = all), the values of
 * PRODUCT.md §3 as the policies screen edits them. Rows not in the sheet stay; a row is removed on the policies
 * screen only. The rule of the values (min ≤ max, EOP ≤ min, a programme or a product) is shared/domain/policy.ts.
 */
import type { IssueKey } from "../../errors";
import { policyProblems, type PolicyRow, type SupplyLevel } from "../policy";
import { diffValues, duplicateIssues, finishPlan, tooManyWrites, type DraftRow, type SheetPlan } from "./plan";
import { keyText, readRecords, type CellValue, type SheetIssue, type SheetRow, type SheetSpec } from "./spec";

export const POLICY_SHEET = {
  entity: "policies",
  sheetName: "Politiques",
  columns: [
    {
      key: "level",
      header: "niveau",
      names: ["level"],
      kind: "enum",
      required: true,
      values: ["central", "regional", "district", "cscom", "asc"],
    },
    {
      key: "facilityId",
      header: "etablissement",
      names: ["facility_id", "facility"],
      kind: "text",
      required: false,
      maxLength: 100,
    },
    {
      key: "programmeCode",
      header: "programme",
      names: ["programme_code", "program"],
      kind: "text",
      required: false,
      maxLength: 40,
    },
    {
      key: "productCode",
      header: "code_produit",
      names: ["product_code", "produit"],
      kind: "text",
      required: false,
      maxLength: 40,
    },
    { key: "rule", header: "regle", names: ["rule"], kind: "enum", required: true, values: ["forced", "standard"] },
    {
      key: "maxMonths",
      header: "stock_max_mois",
      names: ["max_months", "max"],
      kind: "number",
      required: true,
      min: 0,
      max: 60,
    },
    {
      key: "minMonths",
      header: "stock_min_mois",
      names: ["min_months", "min"],
      kind: "number",
      required: true,
      min: 0,
      max: 60,
    },
    {
      key: "eopMonths",
      header: "point_commande_urgence_mois",
      names: ["eop_months", "eop", "pcu"],
      kind: "number",
      required: false,
      min: 0,
      max: 60,
    },
    {
      key: "reviewPeriodMonths",
      header: "periode_revue_mois",
      names: ["review_period_months", "periode_revue"],
      kind: "int",
      required: true,
      min: 1,
      max: 24,
    },
    {
      key: "leadTimeDays",
      header: "delai_livraison_jours",
      names: ["lead_time_days", "delai"],
      kind: "int",
      required: true,
      min: 0,
      max: 730,
    },
  ],
} as const satisfies SheetSpec;

/** The most policy rows one file may add or change (a policy is a national setting: a few hundred rows at most). */
export const MAX_POLICY_WRITES = 1_000;

type PolicyColumn = (typeof POLICY_SHEET.columns)[number]["key"];
/** A policy as the sheet holds it. */
export type PolicyRecord = Record<PolicyColumn, CellValue>;

/** A policy row to add or change (identified by its target), with the sheet row it comes from. */
export type PolicyWrite = Omit<PolicyRow, "id"> & { id: number | null; row: number };

/** The target of a policy row, as text: "cscom|||" or "district|osm_node_1||MAL-AL". */
const targetKey = (level: unknown, facility: unknown, programme: unknown, product: unknown) =>
  [level, facility, programme, product].map((x) => (x === null || x === undefined ? "" : String(x))).join("|");

/** The sheet's policies against the stored rows, checked like the screen's (min ≤ max, EOP ≤ min…). */
export function planPolicyImport(
  sheet: { headers: string[]; rows: SheetRow[] },
  ctx: {
    facilities: { id: string; level: SupplyLevel }[];
    programmes: string[];
    products: { id: number; code: string }[];
    existing: (PolicyRecord & { id: number })[];
  },
): SheetPlan<PolicyWrite> {
  const read = readRecords(POLICY_SHEET, sheet);
  const errors: SheetIssue[] = [...read.issues];
  const col = (k: PolicyColumn) => read.columns[k] ?? k;
  const facilityLevel = new Map(ctx.facilities.map((f) => [f.id, f.level]));
  const programmes = new Set(ctx.programmes);
  const productByCode = new Map(ctx.products.map((p) => [p.code.toUpperCase(), p]));
  const existing = new Map(
    ctx.existing.map((p) => [
      targetKey(p.level, p.facilityId, p.programmeCode, keyText(p.productCode).toUpperCase() || null),
      p,
    ]),
  );
  const keyOf = (v: PolicyRecord) =>
    targetKey(v.level, v.facilityId, v.programmeCode, keyText(v.productCode).toUpperCase() || null);
  errors.push(...duplicateIssues(read.records, (r) => (r.values.level === null ? null : keyOf(r.values))));
  const fields = POLICY_SHEET.columns
    .map((c) => c.key)
    .filter((k) => !["level", "facilityId", "programmeCode", "productCode"].includes(k));

  const rows: DraftRow<PolicyWrite>[] = read.records.map((r) => {
    const v = r.values;
    const issue = (k: PolicyColumn, code: IssueKey, values: Record<string, string | number>) =>
      errors.push({ row: r.row, column: col(k), code, values });
    const key = keyOf(v);
    const label = [v.level, v.facilityId, v.programmeCode, v.productCode].filter((x) => x !== null).join(" · ");
    if (v.facilityId !== null) {
      const level = facilityLevel.get(String(v.facilityId));
      if (!level) issue("facilityId", "import.unknownFacility", { facilityId: String(v.facilityId) });
      else if (v.level !== null && level !== v.level)
        issue("level", "policy.levelMismatch", { facilityId: String(v.facilityId), level });
    }
    if (v.programmeCode !== null && !programmes.has(String(v.programmeCode)))
      issue("programmeCode", "import.unknownProgramme", { value: String(v.programmeCode) });
    const product = v.productCode === null ? null : productByCode.get(String(v.productCode).toUpperCase());
    if (v.productCode !== null && !product)
      issue("productCode", "import.unknownProduct", { code: String(v.productCode) });
    if (v.maxMonths === null || v.minMonths === null || v.level === null || v.rule === null)
      return { row: r.row, key: label, status: "error", changes: [] };
    const values: PolicyWrite = {
      row: r.row,
      id: existing.get(key)?.id ?? null,
      level: v.level as SupplyLevel,
      facilityId: v.facilityId === null ? null : String(v.facilityId),
      programmeCode: v.programmeCode === null ? null : String(v.programmeCode),
      productId: product ? product.id : null,
      rule: v.rule as PolicyRow["rule"],
      maxMonths: Number(v.maxMonths),
      minMonths: Number(v.minMonths),
      eopMonths: v.eopMonths === null ? null : Number(v.eopMonths),
      reviewPeriodMonths: Number(v.reviewPeriodMonths),
      leadTimeDays: Number(v.leadTimeDays),
    };
    for (const p of policyProblems(values)) issue(p.field === "productId" ? "productCode" : p.field, p.key, p.values);
    const was = existing.get(key);
    const changes = diffValues(POLICY_SHEET.columns, was ?? null, v, fields);
    if (!was) return { row: r.row, key: label, status: "new", changes, write: values };
    return changes.length === 0
      ? { row: r.row, key: label, status: "unchanged", changes }
      : { row: r.row, key: label, status: "changed", changes, write: values };
  });
  return finishPlan(rows, [...errors, ...tooManyWrites(rows, MAX_POLICY_WRITES)]);
}
