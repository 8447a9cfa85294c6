/**
 * The facilities sheet: one row per facility, keyed by its id (empty for a new facility: one is generated), with one
 * supplier column per programme (`fournisseur_<programme>`: the supply line; empty = none). The same rules as the
 * facility screens apply (shared/domain/admin/facilityRules.ts).
 */
import type { IssueKey } from "../../errors";
import {
  CLOCK_PATTERN,
  FACILITY_ID_PATTERN,
  MALI_BOUNDS,
  facilityProblems,
  type SupplierInfo,
} from "../admin/facilityRules";
import type { SupplyLevel } from "../policy";
import { diffValues, duplicateIssues, finishPlan, type DraftRow, type SheetPlan } from "./plan";
import {
  keyText,
  readRecords,
  type CellValue,
  type ColumnSpec,
  type SheetIssue,
  type SheetRow,
  type SheetSpec,
} from "./spec";

const LEVELS = ["central", "regional", "district", "cscom", "asc"] as const;
const RAINY = ["all_year", "slow", "closed"] as const;

const BASE_COLUMNS = [
  {
    key: "id",
    header: "identifiant",
    names: ["facility_id", "id_etablissement"],
    kind: "text",
    required: false,
    maxLength: 100,
  },
  {
    key: "code",
    header: "code",
    names: ["code_etablissement", "facility_code"],
    kind: "text",
    required: false,
    maxLength: 40,
  },
  { key: "name", header: "nom", names: ["name", "nom_etablissement"], kind: "text", required: true, maxLength: 160 },
  { key: "level", header: "niveau", names: ["level"], kind: "enum", required: true, values: LEVELS },
  { key: "regionId", header: "region", names: ["region_id"], kind: "text", required: false, maxLength: 100 },
  { key: "districtId", header: "district", names: ["district_id"], kind: "text", required: false, maxLength: 100 },
  {
    key: "lat",
    header: "latitude",
    names: ["lat"],
    kind: "number",
    required: true,
    min: MALI_BOUNDS.minLat,
    max: MALI_BOUNDS.maxLat,
  },
  {
    key: "lon",
    header: "longitude",
    names: ["lon", "lng"],
    kind: "number",
    required: true,
    min: MALI_BOUNDS.minLon,
    max: MALI_BOUNDS.maxLon,
  },
  {
    key: "opensAt",
    header: "ouverture",
    names: ["opens_at", "heure_ouverture"],
    kind: "text",
    required: true,
    maxLength: 5,
  },
  {
    key: "closesAt",
    header: "fermeture",
    names: ["closes_at", "heure_fermeture"],
    kind: "text",
    required: true,
    maxLength: 5,
  },
  {
    key: "rainySeasonAccess",
    header: "acces_saison_des_pluies",
    names: ["rainy_season_access", "acces_hivernage"],
    kind: "enum",
    required: true,
    values: RAINY,
  },
  { key: "insecure", header: "zone_insecurisee", names: ["insecure", "insecurite"], kind: "bool", required: true },
  {
    key: "contactPhone",
    header: "telephone",
    names: ["contact_phone", "phone", "tel"],
    kind: "text",
    required: false,
    maxLength: 40,
  },
  { key: "active", header: "ouvert", names: ["active", "actif"], kind: "bool", required: true },
] as const satisfies readonly ColumnSpec[];

type BaseKey = (typeof BASE_COLUMNS)[number]["key"];

/** The supplier column of a programme. */
export const supplierColumn = (programme: string) => `fournisseur_${programme}`;

/** The facilities sheet for the programmes of the database (one supplier column each). */
export function facilitySheet(programmes: readonly string[]): SheetSpec {
  return {
    entity: "facilities",
    sheetName: "Etablissements",
    columns: [
      ...BASE_COLUMNS,
      ...programmes.map((p): ColumnSpec => ({
        key: supplierColumn(p),
        header: supplierColumn(p),
        names: [`supplier_${p}`],
        kind: "text",
        required: false,
        optionalColumn: true,
        maxLength: 100,
      })),
    ],
  };
}

/** A facility as the sheet holds it: the base columns and the supplier columns. */
export type FacilityRecord = Record<BaseKey, CellValue> & Record<string, CellValue>;

/** The facility fields a write carries (the command's input). */
export interface FacilityWriteValues {
  name: string;
  code: string | null;
  level: SupplyLevel;
  regionId: string;
  districtId: string | null;
  lat: number;
  lon: number;
  opensAt: string;
  closesAt: string;
  rainySeasonAccess: (typeof RAINY)[number];
  insecure: boolean;
  contactPhone: string | null;
  active: boolean;
  supplyLines: { programmeCode: string; supplierId: string }[];
}

/** The fields of a facility a write changes (the supply lines as one field: they are replaced together). */
export type FacilityField = Exclude<keyof FacilityWriteValues, "regionId"> | "regionId";

export type FacilityWrite =
  | { kind: "create"; id: string | null; values: FacilityWriteValues }
  | { kind: "update"; id: string; values: FacilityWriteValues; changed: FacilityField[] };

/** A row's problem found by the caller (the API's request contract, the user's scope): the column key, a code, its values. */
export interface FacilityRowProblem {
  column: string;
  code: IssueKey;
  values: Record<string, string | number>;
}

/** What the plan needs to know about the network. */
export interface FacilityContext {
  programmes: string[];
  regions: string[];
  districts: { id: string; regionId: string }[];
  /** Every facility (as suppliers, and to compare) with its sheet record */
  existing: (FacilityRecord & { id: string; level: SupplyLevel; active: boolean })[];
  /** Facilities with orders in progress (approved → delivered): they may not close */
  busy: string[];
  /** The caller's checks of a row that would be written or kept (the request contract, the scope) */
  check?: (write: FacilityWrite, status: "new" | "changed" | "unchanged") => FacilityRowProblem[];
}

type Issue = (column: string, code: IssueKey, values: Record<string, string | number>) => void;

/** A row's region: its district's (a region given with it must agree), else the one given; unknown ones are issues. */
function rowRegion(
  v: FacilityRecord,
  districtId: string | null,
  regions: ReadonlySet<string>,
  districtRegion: ReadonlyMap<string, string>,
  issue: Issue,
): string | null {
  const regionId = v.regionId === null ? null : String(v.regionId);
  if (districtId !== null && !districtRegion.has(districtId))
    issue("districtId", "import.unknownDistrict", { value: districtId });
  if (regionId !== null && !regions.has(regionId)) issue("regionId", "import.unknownRegion", { value: regionId });
  const derived = districtId !== null ? districtRegion.get(districtId) : undefined;
  if (derived && regionId !== null && regionId !== derived)
    issue("regionId", "facility.regionMismatch", { region: regionId, district: districtId!, districtRegion: derived });
  return derived ?? regionId;
}

/** A row's supply lines, one per filled supplier column (an unknown supplier is an issue at its column). */
function rowSupplyLines(
  v: FacilityRecord,
  programmes: readonly string[],
  byId: ReadonlyMap<string, SupplierInfo>,
  issue: Issue,
): { programmeCode: string; supplierId: string; supplier: SupplierInfo | undefined }[] {
  const out: { programmeCode: string; supplierId: string; supplier: SupplierInfo | undefined }[] = [];
  for (const p of programmes) {
    const s = v[supplierColumn(p)];
    if (s === null || s === undefined) continue;
    const supplier = byId.get(String(s));
    if (!supplier) issue(supplierColumn(p), "import.unknownFacility", { facilityId: String(s) });
    out.push({ programmeCode: p, supplierId: String(s), supplier });
  }
  return out;
}

/** The record's rules (shared with the facility commands), once its level and hours could be read. */
function recordProblems(
  v: FacilityRecord,
  id: string | null,
  regionId: string | null,
  districtId: string | null,
  supplyLines: { programmeCode: string; supplierId: string; supplier: SupplierInfo | undefined }[],
  issue: Issue,
): void {
  if (v.level === null || !CLOCK_PATTERN.test(String(v.opensAt)) || !CLOCK_PATTERN.test(String(v.closesAt))) return;
  for (const p of facilityProblems({
    id,
    level: v.level as SupplyLevel,
    regionId,
    districtId,
    opensAt: String(v.opensAt),
    closesAt: String(v.closesAt),
    supplyLines,
  })) {
    const m = /^supplyLines\.(\d+)\./.exec(p.path);
    issue(m ? supplierColumn(supplyLines[Number(m[1])]!.programmeCode) : p.path, p.key, p.values);
  }
}

/** What a row writes (its cells already read; the place and the code as checked). */
function writeValues(
  v: FacilityRecord,
  placed: {
    code: string | null;
    regionId: string;
    districtId: string | null;
    supplyLines: { programmeCode: string; supplierId: string }[];
  },
): FacilityWriteValues {
  return {
    name: String(v.name),
    code: placed.code,
    level: v.level as SupplyLevel,
    regionId: placed.regionId,
    districtId: placed.districtId,
    lat: Number(v.lat),
    lon: Number(v.lon),
    opensAt: String(v.opensAt),
    closesAt: String(v.closesAt),
    rainySeasonAccess: v.rainySeasonAccess as FacilityWriteValues["rainySeasonAccess"],
    insecure: v.insecure === true,
    contactPhone: v.contactPhone === null ? null : String(v.contactPhone),
    active: v.active !== false,
    supplyLines: placed.supplyLines.map(({ programmeCode, supplierId }) => ({ programmeCode, supplierId })),
  };
}

/** The sheet's rows against the facilities: new, changed or unchanged, and every problem by row and column. */
export function planFacilityImport(
  sheet: { headers: string[]; rows: SheetRow[] },
  ctx: FacilityContext,
): SheetPlan<FacilityWrite> {
  const spec = facilitySheet(ctx.programmes);
  const read = readRecords(spec, sheet);
  const errors: SheetIssue[] = [...read.issues];
  const col = (k: string) => read.columns[k] ?? k;
  const byId = new Map(ctx.existing.map((f) => [f.id, f]));
  const regions = new Set(ctx.regions);
  const districtRegion = new Map(ctx.districts.map((d) => [d.id, d.regionId]));
  const busy = new Set(ctx.busy);
  const fields = spec.columns.map((c) => c.key).filter((k) => k !== "id");
  errors.push(...duplicateIssues(read.records, (r) => keyText(r.values.id ?? null) || null));
  // Codes are unique: the final state may not give one code to two facilities.
  const codeOwner = new Map(ctx.existing.flatMap((f) => (f.code ? [[String(f.code), f.id] as const] : [])));
  const sheetCodes = new Map<string, number>();

  const rows: DraftRow<FacilityWrite>[] = read.records.map((r) => {
    const v = r.values as FacilityRecord;
    const issue = (k: string, code: IssueKey, values: Record<string, string | number>) =>
      errors.push({ row: r.row, column: col(k), code, values });
    const id = keyText(v.id);
    const was = id ? byId.get(id) : undefined;
    if (id && !was && !FACILITY_ID_PATTERN.test(id)) issue("id", "facility.badId", { value: id });
    for (const k of ["opensAt", "closesAt"] as const)
      if (v[k] !== null && !CLOCK_PATTERN.test(String(v[k]))) issue(k, "import.notClock", { value: String(v[k]) });
    const districtId = v.districtId === null ? null : String(v.districtId);
    const regionId = rowRegion(v, districtId, regions, districtRegion, issue);
    // Codes are stored in capitals (the API's FacilityCode): compared and written so.
    const code = v.code === null ? null : String(v.code).trim().toUpperCase();
    if (code !== null) {
      const owner = codeOwner.get(code);
      const firstRow = sheetCodes.get(code);
      if (owner !== undefined && owner !== id) issue("code", "facility.codeTaken", { code, facilityId: owner });
      else if (firstRow !== undefined) issue("code", "facility.codeTaken", { code, facilityId: `ligne ${firstRow}` });
      sheetCodes.set(code, r.row);
    }
    const supplyLines = rowSupplyLines(v, ctx.programmes, byId, issue);
    recordProblems(v, id || null, regionId, districtId, supplyLines, issue);
    if (was && was.active && v.active === false && busy.has(was.id))
      issue("active", "facility.ordersInProgress", { facilityId: was.id });
    const key = id || `${String(v.name ?? "")} (nouveau)`;
    if (v.level === null || v.lat === null || v.lon === null || regionId === null)
      return { row: r.row, key, status: "error", changes: [] };
    const values = writeValues(v, { code, regionId, districtId, supplyLines });
    const after = { ...v, regionId, code };
    const checked = (write: FacilityWrite, status: "new" | "changed" | "unchanged") => {
      for (const p of ctx.check?.(write, status) ?? []) issue(p.column, p.code, p.values);
    };
    if (!was) {
      const write: FacilityWrite = { kind: "create", id: id || null, values };
      checked(write, "new");
      return { row: r.row, key, status: "new", changes: diffValues(spec.columns, null, after, fields), write };
    }
    const changes = diffValues(spec.columns, was, after, fields);
    const changed = changedFields(ctx.programmes, was, after);
    const write: FacilityWrite = { kind: "update", id: was.id, values, changed };
    const status = changes.length === 0 ? "unchanged" : "changed";
    checked(write, status);
    return status === "unchanged" ? { row: r.row, key, status, changes } : { row: r.row, key, status, changes, write };
  });
  return finishPlan(rows, errors);
}

/** The fields of a stored facility the sheet's row changes (every supplier column as `supplyLines`). */
function changedFields(programmes: readonly string[], was: FacilityRecord, after: FacilityRecord): FacilityField[] {
  const out: FacilityField[] = [];
  for (const c of BASE_COLUMNS) if (c.key !== "id" && (was[c.key] ?? null) !== (after[c.key] ?? null)) out.push(c.key);
  if (programmes.some((p) => (was[supplierColumn(p)] ?? null) !== (after[supplierColumn(p)] ?? null)))
    out.push("supplyLines");
  return out;
}
