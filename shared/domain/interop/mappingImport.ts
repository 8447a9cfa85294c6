/**
 * The DHIS2 mapping imported from a spreadsheet (pure): rows → a preview of what is new, changed or unchanged,
 * with every problem keyed by row, column and a stable code. The server applies a plan only when it has no
 * error (all-or-nothing), recomputing it inside the transaction. A sheet adds and changes rows; mapping rows it
 * does not mention stay as they are (removing one is an explicit action of the mapping editor).
 */
import { DHIS2_FIELDS, isDhis2Uid, type Dhis2Field } from "./dhis2Fields";
import type { DataElementMapping } from "./dataValueSet";
import { cell, normalizeHeader, resolveColumns, type SheetRow } from "./sheet";

/** A row-level problem. */
export interface ImportIssue {
  /** Spreadsheet row (1 = headers) */
  row: number;
  column: string | null;
  code: string;
  values: Record<string, string | number>;
}

export type ImportRowStatus = "new" | "changed" | "unchanged" | "error";

/** One row of the preview. */
export interface MappingPlanRow {
  row: number;
  status: ImportRowStatus;
  key: string;
  before: Record<string, string | null> | null;
  after: Record<string, string | null> | null;
}

/** A preview, and the rows to write when it has no error. */
export interface MappingPlan<W> {
  rows: MappingPlanRow[];
  errors: ImportIssue[];
  counts: Record<ImportRowStatus, number>;
  writes: W[];
}

/** How each field may be written in the sheet (normalised like headers): the code, French words, CRGS letters. */
const FIELD_NAMES: Record<Dhis2Field, string[]> = {
  opening_balance: ["opening_balance", "stock_initial", "solde_initial", "a"],
  received: ["received", "recu", "quantite_recue", "b"],
  consumed: ["consumed", "consomme", "consommation", "c"],
  losses_adjustments: ["losses_adjustments", "pertes_et_ajustements", "pertes_ajustements", "d"],
  closing_stock: ["closing_stock", "stock_final", "e"],
  stockout_days: ["stockout_days", "jours_de_rupture", "x"],
  amc: ["amc", "cmm", "p"],
  months_of_stock: ["months_of_stock", "mois_de_stock", "msd", "mos"],
};

/** The field a cell names, if any. */
export function fieldFromCell(text: string): Dhis2Field | null {
  const n = normalizeHeader(text);
  return DHIS2_FIELDS.find((f) => FIELD_NAMES[f].includes(n)) ?? null;
}

const DATA_ELEMENT_COLUMNS = {
  productCode: { names: ["product_code", "code_produit", "produit", "product"], required: true },
  field: { names: ["field", "champ", "rubrique"], required: true },
  dataElement: {
    names: ["data_element", "data_element_uid", "dataelement", "element_de_donnees", "element_donnees"],
    required: true,
  },
  categoryOptionCombo: {
    names: ["category_option_combo", "categoryoptioncombo", "coc", "combinaison_de_categories", "combinaison"],
    required: false,
  },
};

const ORG_UNIT_COLUMNS = {
  facilityId: { names: ["facility_id", "facility", "etablissement", "id_etablissement"], required: true },
  orgUnit: {
    names: ["org_unit", "org_unit_uid", "orgunit", "unite_organisation", "unite_d_organisation"],
    required: true,
  },
  orgUnitCode: { names: ["org_unit_code", "code_unite", "code_dhis2"], required: false },
  orgUnitName: { names: ["org_unit_name", "nom_unite", "nom_dhis2"], required: false },
};

function emptyCounts(): Record<ImportRowStatus, number> {
  return { new: 0, changed: 0, unchanged: 0, error: 0 };
}

function missingColumns(missing: string[]): ImportIssue[] {
  return missing.map((column) => ({ row: 1, column, code: "import.missingColumn", values: { column } }));
}

/** Marks rows with errors and counts statuses. */
function finishPlan<W>(rows: (MappingPlanRow & { write?: W })[], errors: ImportIssue[]): MappingPlan<W> {
  const bad = new Set(errors.map((e) => e.row));
  const counts = emptyCounts();
  const out: MappingPlanRow[] = [];
  const writes: W[] = [];
  for (const { write, ...r } of rows) {
    const status = bad.has(r.row) ? "error" : r.status;
    counts[status]++;
    out.push({ ...r, status });
    if (status !== "error" && status !== "unchanged" && write) writes.push(write);
  }
  return { rows: out, errors: errors.sort((a, b) => a.row - b.row), counts, writes };
}

/** Product × field → data element rows from a sheet. */
export function planDataElementImport(
  sheet: { headers: string[]; rows: SheetRow[] },
  ctx: { products: { id: number; code: string }[]; existing: DataElementMapping[] },
): MappingPlan<DataElementMapping> {
  const { columns, missing } = resolveColumns(sheet.headers, DATA_ELEMENT_COLUMNS);
  if (missing.length > 0) return finishPlan([], missingColumns(missing));
  const productByCode = new Map(ctx.products.map((p) => [p.code.trim().toUpperCase(), p]));
  const codeById = new Map(ctx.products.map((p) => [p.id, p.code]));
  const existing = new Map(ctx.existing.map((m) => [`${m.productId}|${m.field}`, m]));
  const errors: ImportIssue[] = [];
  const rows: (MappingPlanRow & { write?: DataElementMapping })[] = [];
  const firstRowOfKey = new Map<string, number>();
  const fromSheet = new Map<string, { row: number; m: DataElementMapping }>();

  for (const r of sheet.rows) {
    const issue = (column: string | null, code: string, values: Record<string, string | number>) =>
      errors.push({ row: r.row, column, code, values });
    const code = cell(r, columns.productCode);
    const fieldText = cell(r, columns.field);
    const de = cell(r, columns.dataElement);
    const coc = cell(r, columns.categoryOptionCombo);
    const product = productByCode.get(code.toUpperCase());
    const field = fieldFromCell(fieldText);
    if (code === "") issue(columns.productCode, "import.required", { column: "productCode" });
    else if (!product) issue(columns.productCode, "import.unknownProduct", { code });
    if (fieldText === "") issue(columns.field, "import.required", { column: "field" });
    else if (!field) issue(columns.field, "import.unknownField", { value: fieldText });
    if (de === "") issue(columns.dataElement, "import.required", { column: "dataElement" });
    else if (!isDhis2Uid(de)) issue(columns.dataElement, "import.badUid", { value: de });
    if (coc !== "" && !isDhis2Uid(coc)) issue(columns.categoryOptionCombo, "import.badUid", { value: coc });
    const key = product && field ? `${product.code}|${field}` : `${code}|${fieldText}`;
    if (!product || !field || !isDhis2Uid(de) || (coc !== "" && !isDhis2Uid(coc))) {
      rows.push({ row: r.row, status: "error", key, before: null, after: null });
      continue;
    }
    const idKey = `${product.id}|${field}`;
    const first = firstRowOfKey.get(idKey);
    if (first !== undefined) issue(null, "import.duplicateRow", { firstRow: first });
    else firstRowOfKey.set(idKey, r.row);
    const m: DataElementMapping = {
      productId: product.id,
      field,
      dataElementUid: de,
      categoryOptionComboUid: coc === "" ? null : coc,
    };
    if (first === undefined) fromSheet.set(idKey, { row: r.row, m });
    const was = existing.get(idKey);
    const view = (x: DataElementMapping) => ({
      dataElement: x.dataElementUid,
      categoryOptionCombo: x.categoryOptionComboUid,
    });
    const same =
      was && was.dataElementUid === m.dataElementUid && was.categoryOptionComboUid === m.categoryOptionComboUid;
    rows.push({
      row: r.row,
      status: !was ? "new" : same ? "unchanged" : "changed",
      key,
      before: was ? view(was) : null,
      after: view(m),
      write: m,
    });
  }

  // One DHIS2 value per target: after the import, no two product × field may share a data element + combo.
  const finalState = new Map(existing);
  for (const [k, { m }] of fromSheet) finalState.set(k, m);
  const byTarget = new Map<string, string[]>();
  for (const [k, m] of finalState) {
    const t = `${m.dataElementUid}|${m.categoryOptionComboUid ?? ""}`;
    byTarget.set(t, [...(byTarget.get(t) ?? []), k]);
  }
  for (const [k, { row, m }] of fromSheet) {
    const others = byTarget.get(`${m.dataElementUid}|${m.categoryOptionComboUid ?? ""}`)!.filter((o) => o !== k);
    if (others.length === 0) continue;
    const [pid, f] = others[0]!.split("|") as [string, string];
    errors.push({
      row,
      column: columns.dataElement,
      code: "import.targetTaken",
      values: { dataElement: m.dataElementUid, usedBy: `${codeById.get(Number(pid)) ?? pid}|${f}` },
    });
  }
  return finishPlan(rows, errors);
}

/** A facility's link to its organisation unit. */
export interface OrgUnitLink {
  facilityId: string;
  orgUnitUid: string;
  orgUnitCode: string | null;
  orgUnitName: string | null;
}

/** Facility → organisation unit rows from a sheet. */
export function planOrgUnitMappingImport(
  sheet: { headers: string[]; rows: SheetRow[] },
  ctx: { facilityIds: string[]; existing: OrgUnitLink[] },
): MappingPlan<OrgUnitLink> {
  const { columns, missing } = resolveColumns(sheet.headers, ORG_UNIT_COLUMNS);
  if (missing.length > 0) return finishPlan([], missingColumns(missing));
  const known = new Set(ctx.facilityIds);
  const existing = new Map(ctx.existing.map((l) => [l.facilityId, l]));
  const errors: ImportIssue[] = [];
  const rows: (MappingPlanRow & { write?: OrgUnitLink })[] = [];
  const fromSheet = new Map<string, { row: number; l: OrgUnitLink }>();
  const firstRow = new Map<string, number>();

  for (const r of sheet.rows) {
    const issue = (column: string | null, code: string, values: Record<string, string | number>) =>
      errors.push({ row: r.row, column, code, values });
    const facilityId = cell(r, columns.facilityId);
    const uid = cell(r, columns.orgUnit);
    const code = cell(r, columns.orgUnitCode);
    const name = cell(r, columns.orgUnitName);
    if (facilityId === "") issue(columns.facilityId, "import.required", { column: "facilityId" });
    else if (!known.has(facilityId)) issue(columns.facilityId, "import.unknownFacility", { facilityId });
    if (uid === "") issue(columns.orgUnit, "import.required", { column: "orgUnit" });
    else if (!isDhis2Uid(uid)) issue(columns.orgUnit, "import.badUid", { value: uid });
    if (code.length > 50) issue(columns.orgUnitCode, "import.tooLong", { max: 50 });
    if (name.length > 230) issue(columns.orgUnitName, "import.tooLong", { max: 230 });
    if (!known.has(facilityId) || !isDhis2Uid(uid) || code.length > 50 || name.length > 230) {
      rows.push({ row: r.row, status: "error", key: facilityId, before: null, after: null });
      continue;
    }
    const first = firstRow.get(facilityId);
    if (first !== undefined) issue(null, "import.duplicateRow", { firstRow: first });
    else firstRow.set(facilityId, r.row);
    const was = existing.get(facilityId);
    // Empty optional cells keep what is stored.
    const l: OrgUnitLink = {
      facilityId,
      orgUnitUid: uid,
      orgUnitCode: code === "" ? (was?.orgUnitCode ?? null) : code,
      orgUnitName: name === "" ? (was?.orgUnitName ?? null) : name,
    };
    if (first === undefined) fromSheet.set(facilityId, { row: r.row, l });
    const view = (x: OrgUnitLink) => ({
      orgUnit: x.orgUnitUid,
      orgUnitCode: x.orgUnitCode,
      orgUnitName: x.orgUnitName,
    });
    const same =
      was && was.orgUnitUid === l.orgUnitUid && was.orgUnitCode === l.orgUnitCode && was.orgUnitName === l.orgUnitName;
    rows.push({
      row: r.row,
      status: !was ? "new" : same ? "unchanged" : "changed",
      key: facilityId,
      before: was ? view(was) : null,
      after: view(l),
      write: l,
    });
  }

  // One facility per organisation unit.
  const finalState = new Map(existing);
  for (const [k, { l }] of fromSheet) finalState.set(k, l);
  const byUid = new Map<string, string[]>();
  for (const [k, l] of finalState) byUid.set(l.orgUnitUid, [...(byUid.get(l.orgUnitUid) ?? []), k]);
  for (const [k, { row, l }] of fromSheet) {
    const others = byUid.get(l.orgUnitUid)!.filter((o) => o !== k);
    if (others.length > 0)
      errors.push({
        row,
        column: columns.orgUnit,
        code: "import.orgUnitTaken",
        values: { orgUnit: l.orgUnitUid, facilityId: others[0]! },
      });
  }
  return finishPlan(rows, errors);
}
