/**
 * The facilities' spreadsheet both ways: the rows an export writes (the facilities in the user's scope, one supplier
 * column per programme), the plan of an import (shared/domain/sheets/facilities.ts) with every new or changed row
 * read through the API's own request contract (FacilityCreate, FacilityUpdate: what the API refuses, the import
 * refuses) and its references checked against the user's scope as the router checks them (a regional manager's
 * sheet covers their region only: a row of a facility elsewhere is an error, even unchanged), and its
 * all-or-nothing apply through the facility commands, one audit line per facility with before / after.
 */
import { createHash } from "node:crypto";
import { asc } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../db/client";
import { districts, facilities, programmes, regions, supplyLines } from "../../db/schema";
import type { Me } from "../../shared/contracts/auth";
import { FacilityCreate, FacilityUpdate } from "../../shared/contracts/facilityAdmin";
import { FacilityParams, findRefs } from "../../shared/contracts/refs";
import { inScope } from "../../shared/domain/access";
import type { SheetPlan } from "../../shared/domain/sheets/plan";
import {
  facilitySheet,
  planFacilityImport,
  supplierColumn,
  type FacilityRecord,
  type FacilityRowProblem,
  type FacilityWrite,
  type FacilityWriteValues,
} from "../../shared/domain/sheets/facilities";
import { writeCell, type SheetRow, type SheetSpec } from "../../shared/domain/sheets/spec";
import type { AuditEntry } from "../audit";
import {
  createFacility,
  ordersInProgress,
  openFacilitiesSupplied,
  transfersInTransit,
  updateFacility,
} from "../commands/facilityAdmin";
import { refusedRefs } from "../policies/scope";
import type { ExportCell } from "./workbook";

/** The programmes, in code order (one supplier column each). */
function programmeCodes(db: Db | Tx): string[] {
  return db
    .select({ code: programmes.code })
    .from(programmes)
    .orderBy(asc(programmes.code))
    .all()
    .map((p) => p.code);
}

/** The facilities sheet of the database (its supplier columns follow the programmes). */
export function facilitySpec(db: Db | Tx): SheetSpec {
  return facilitySheet(programmeCodes(db));
}

type StoredFacility = FacilityRecord & {
  id: string;
  districtId: string | null;
  level: FacilityWriteValues["level"];
  active: boolean;
  regionId: string;
};

/** Every facility as the sheet holds it (suppliers in their programme's column). */
function facilityRecords(db: Db | Tx, codes: readonly string[]): StoredFacility[] {
  const lines = new Map<string, Record<string, string>>();
  for (const l of db.select().from(supplyLines).all())
    (lines.get(l.facilityId) ?? lines.set(l.facilityId, {}).get(l.facilityId)!)[supplierColumn(l.programmeCode)] =
      l.supplierId;
  return db
    .select()
    .from(facilities)
    .orderBy(asc(facilities.regionId), asc(facilities.districtId), asc(facilities.name), asc(facilities.id))
    .all()
    .map((f) => {
      const own = lines.get(f.id) ?? {};
      return {
        id: f.id,
        code: f.code,
        name: f.name,
        level: f.level,
        regionId: f.regionId,
        districtId: f.districtId,
        lat: f.lat,
        lon: f.lon,
        opensAt: f.opensAt,
        closesAt: f.closesAt,
        rainySeasonAccess: f.rainySeasonAccess,
        insecure: f.insecure,
        contactPhone: f.contactPhone,
        active: f.active,
        ...Object.fromEntries(codes.map((c) => [supplierColumn(c), own[supplierColumn(c)] ?? null])),
      };
    });
}

/** The rows of the export: the facilities in the user's scope, in the spec's column order. */
export function facilityExportRows(db: Db, user: Me): { spec: SheetSpec; rows: ExportCell[][] } {
  const codes = programmeCodes(db);
  const spec = facilitySheet(codes);
  const rows = facilityRecords(db, codes)
    .filter((f) => inScope(user, f))
    .map((f) => spec.columns.map((c) => writeCell(c, f[c.key] ?? null)));
  return { spec, rows };
}

/** The body the API would take for a row: POST /facilities for a new one, PATCH /facilities/:id with what changes. */
function requestOf(w: FacilityWrite): { schema: z.ZodType; body: Record<string, unknown> } {
  const v = w.values;
  if (w.kind === "create")
    return {
      schema: FacilityCreate,
      body: {
        name: v.name,
        level: v.level,
        ...(v.code === null ? {} : { code: v.code }),
        lat: v.lat,
        lon: v.lon,
        regionId: v.regionId,
        ...(v.districtId === null ? {} : { districtId: v.districtId }),
        opensAt: v.opensAt,
        closesAt: v.closesAt,
        rainySeasonAccess: v.rainySeasonAccess,
        insecure: v.insecure,
        ...(v.contactPhone === null ? {} : { contactPhone: v.contactPhone }),
        supplyLines: v.supplyLines,
      },
    };
  const body: Record<string, unknown> = {};
  for (const k of w.changed) body[k] = v[k];
  // A district given decides the region, as the API does (both are sent when either changes).
  if (w.changed.includes("regionId") || w.changed.includes("districtId")) {
    body.regionId = v.regionId;
    if (v.districtId !== null || w.changed.includes("districtId")) body.districtId = v.districtId;
  }
  return { schema: FacilityUpdate, body };
}

/** The sheet column of a contract path (a supply line's fields → its programme's supplier column). */
function columnOf(path: readonly PropertyKey[], v: FacilityWriteValues): string {
  if (path[0] === "supplyLines" && typeof path[1] === "number") {
    const line = v.supplyLines[path[1]];
    if (line) return supplierColumn(line.programmeCode);
  }
  return String(path[0] ?? "name");
}

/** A row checked as the API would check its request: the contract, then every reference against the user's scope. */
function rowProblems(
  db: Db,
  user: Me,
  known: ReadonlySet<string>,
  w: FacilityWrite,
  status: "new" | "changed" | "unchanged",
): FacilityRowProblem[] {
  if (w.kind === "update") {
    if (refusedRefs(db, user, findRefs(FacilityParams, { id: w.id })).length > 0)
      return [{ column: "id", code: "import.outOfScope", values: { value: w.id } }];
  } else if (w.id !== null) return [{ column: "id", code: "facility.unknownId", values: { value: w.id } }];
  if (status === "unchanged") return [];
  const { schema, body } = requestOf(w);
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    return parsed.error.issues.map((i) => ({
      column: columnOf(i.path, w.values),
      code: "import.invalid",
      values: { reason: i.message },
    }));
  // Unknown places and suppliers are already the plan's errors; here, the known ones outside the user's scope.
  const out: FacilityRowProblem[] = refusedRefs(db, user, findRefs(schema, parsed.data))
    .filter((ref) => known.has(String(ref.value)))
    .map((ref) => ({
      column: columnOf(ref.path, w.values),
      code: "import.outOfScope",
      values: { value: String(ref.value) },
    }));
  // Closing: what the facility command refuses besides orders in progress (stock in transit, facilities it supplies).
  if (w.kind === "update" && w.changed.includes("active") && !w.values.active) {
    const inTransit = transfersInTransit(db, w.id);
    if (inTransit > 0)
      out.push({ column: "active", code: "facility.transfersInTransit", values: { count: inTransit } });
    const supplied = openFacilitiesSupplied(db, w.id);
    if (supplied > 0) out.push({ column: "active", code: "facility.suppliesOthers", values: { count: supplied } });
  }
  return out;
}

/** The plan of an import against the database as it is now, for this user. */
export function planFacilities(
  db: Db,
  user: Me,
  sheet: { headers: string[]; rows: SheetRow[] },
): SheetPlan<FacilityWrite> {
  const codes = programmeCodes(db);
  const existing = facilityRecords(db, codes);
  const regionIds = db
    .select({ id: regions.id })
    .from(regions)
    .all()
    .map((r) => r.id);
  const districtRows = db.select({ id: districts.id, regionId: districts.regionId }).from(districts).all();
  const known = new Set([...regionIds, ...districtRows.map((d) => d.id), ...existing.map((f) => f.id)]);
  return planFacilityImport(sheet, {
    programmes: codes,
    regions: regionIds,
    districts: districtRows,
    existing,
    busy: existing.filter((f) => f.active && ordersInProgress(db, f.id) > 0).map((f) => f.id),
    check: (w, status) => rowProblems(db, user, known, w, status),
  });
}

/** The hash of a plan (its rows and errors): the apply refuses a file whose plan is no longer the one previewed. */
export function facilityPlanHash(plan: SheetPlan<FacilityWrite>): string {
  return createHash("sha256")
    .update(JSON.stringify({ entity: "facilities", rows: plan.rows, errors: plan.errors }))
    .digest("hex");
}

/** Writes the plan's new and changed facilities through the facility commands; one audit line each. */
export function applyFacilities(tx: Tx, plan: SheetPlan<FacilityWrite>, now: Date): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const w of plan.writes) {
    const { body } = requestOf(w);
    if (w.kind === "create") {
      let after = createFacility(tx, FacilityCreate.parse(body), now);
      if (!w.values.active) after = updateFacility(tx, after.id, { active: false }, now).after;
      out.push({ action: "facility.create", objectType: "facility", objectId: after.id, after });
      continue;
    }
    const { before, after } = updateFacility(tx, w.id, FacilityUpdate.parse(body), now);
    const action =
      before.active && !after.active
        ? "facility.close"
        : !before.active && after.active
          ? "facility.reopen"
          : "facility.update";
    out.push({ action, objectType: "facility", objectId: w.id, before, after });
  }
  return out;
}
