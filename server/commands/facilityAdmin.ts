/**
 * Facilities (administration): create, change, close and reopen — for the API and the spreadsheet import alike.
 * The record's rules are shared/domain/admin/facilityRules.ts; here the references are loaded and the rows written.
 * A closed facility keeps its history (ledger, reports, orders) and gets no orders, allocations or routes; it may
 * not close while orders to or from it are approved and not yet received, nor while stock it sent or that was sent
 * to it is in transit (it would be stranded there).
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray, ne, or } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { districts, facilities, orders, programmes, stockTransfers, supplyLines } from "../../db/schema";
import type { FacilityCreate, FacilityUpdate } from "../../shared/contracts/facilityAdmin";
import type { FacilityDetail } from "../../shared/contracts/reference";
import { ORDERS_IN_PROGRESS, facilityProblems } from "../../shared/domain/admin/facilityRules";
import type { SupplyLevel } from "../../shared/domain/policy";
import { AppError, type FieldIssue, type IssueKey } from "../../shared/errors";
import { getFacility } from "../queries/reference";

/** A facility's record as the commands write it (the region may be missing until checked). */
export interface FacilityValues {
  name: string;
  code: string | null;
  level: SupplyLevel;
  regionId: string | null;
  districtId: string | null;
  lat: number;
  lon: number;
  opensAt: string;
  closesAt: string;
  rainySeasonAccess: "all_year" | "slow" | "closed";
  insecure: boolean;
  contactPhone: string | null;
  active: boolean;
  supplyLines: { programmeCode: string; supplierId: string }[];
}

function refuse(issues: FieldIssue[]): never {
  throw new AppError("validation_failed", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
}

/** Orders to or from the facility in progress (approved, picking, shipped, delivered). */
export function ordersInProgress(tx: Db | Tx, facilityId: string): number {
  return tx
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        or(eq(orders.facilityId, facilityId), eq(orders.supplierId, facilityId)),
        inArray(orders.status, [...ORDERS_IN_PROGRESS]),
      ),
    )
    .all().length;
}

/** Transfers sent to or by the facility and not yet received (stock in transit). */
export function transfersInTransit(tx: Db | Tx, facilityId: string): number {
  return tx
    .select({ id: stockTransfers.id })
    .from(stockTransfers)
    .where(
      and(
        or(eq(stockTransfers.toFacilityId, facilityId), eq(stockTransfers.fromFacilityId, facilityId)),
        eq(stockTransfers.status, "in_transit"),
      ),
    )
    .all().length;
}

/** Open facilities whose supply line names this one as their supplier. */
export function openFacilitiesSupplied(tx: Db | Tx, facilityId: string): number {
  return tx
    .select({ id: supplyLines.facilityId })
    .from(supplyLines)
    .innerJoin(facilities, eq(facilities.id, supplyLines.facilityId))
    .where(and(eq(supplyLines.supplierId, facilityId), eq(facilities.active, true)))
    .all().length;
}

/** The region of a district (undefined when unknown). */
function regionOfDistrict(tx: Tx, districtId: string): string | undefined {
  return tx.select({ regionId: districts.regionId }).from(districts).where(eq(districts.id, districtId)).get()
    ?.regionId;
}

/** Every problem of a facility record, by API field path, with keys and values for the screens. */
function facilityIssues(tx: Tx, id: string | null, v: FacilityValues, wasActive: boolean | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: string, key: IssueKey, values: Record<string, string | number>) =>
    issues.push({ path, message: key, key, values });
  if (v.code !== null) {
    const owner = tx
      .select({ id: facilities.id })
      .from(facilities)
      .where(and(eq(facilities.code, v.code), id === null ? undefined : ne(facilities.id, id)))
      .get();
    if (owner) add("code", "facility.codeTaken", { code: v.code, facilityId: owner.id });
  }
  const known = new Set(
    tx
      .select({ code: programmes.code })
      .from(programmes)
      .all()
      .map((p) => p.code),
  );
  const supplierIds = v.supplyLines.map((l) => l.supplierId);
  const suppliers = new Map(
    (supplierIds.length === 0 ? [] : tx.select().from(facilities).where(inArray(facilities.id, supplierIds)).all()).map(
      (f) => [f.id, { id: f.id, level: f.level, active: f.active }],
    ),
  );
  v.supplyLines.forEach((l, i) => {
    if (!known.has(l.programmeCode))
      add(`supplyLines.${i}.programmeCode`, "import.unknownProgramme", { value: l.programmeCode });
  });
  for (const p of facilityProblems({
    id,
    ...v,
    supplyLines: v.supplyLines.map((l) => ({ programmeCode: l.programmeCode, supplier: suppliers.get(l.supplierId) })),
  }))
    add(p.path, p.key, p.values);
  if (id !== null && wasActive && !v.active) {
    const n = ordersInProgress(tx, id);
    if (n > 0) add("active", "facility.ordersInProgress", { facilityId: id, count: n });
    const inTransit = transfersInTransit(tx, id);
    if (inTransit > 0) add("active", "facility.transfersInTransit", { facilityId: id, count: inTransit });
    const supplied = openFacilitiesSupplied(tx, id);
    if (supplied > 0) add("active", "facility.suppliesOthers", { facilityId: id, count: supplied });
  }
  return issues;
}

/** What refuses a close as a conflict with the facility's state (not bad input). */
const CLOSE_CONFLICTS = new Set([
  "facility.ordersInProgress",
  "facility.transfersInTransit",
  "facility.suppliesOthers",
]);

/** Writes a facility record and replaces its supply lines (checked first; refuses with every field named). */
export function saveFacility(tx: Tx, id: string | null, v: FacilityValues, now: Date): string {
  const before = id === null ? undefined : tx.select().from(facilities).where(eq(facilities.id, id)).get();
  const issues = facilityIssues(tx, id, v, before ? before.active : null);
  if (issues.length > 0) {
    // Closing refused only because of its orders, its transfers or the facilities it supplies: a conflict, not bad input.
    if (issues.every((i) => CLOSE_CONFLICTS.has(i.key ?? "")))
      throw new AppError("conflict", `${id}: ${issues.map((i) => i.key).join(", ")}`, { issues });
    refuse(issues);
  }
  const row = {
    name: v.name,
    regionId: v.regionId!,
    code: v.code,
    level: v.level,
    districtId: v.districtId,
    lat: v.lat,
    lon: v.lon,
    opensAt: v.opensAt,
    closesAt: v.closesAt,
    rainySeasonAccess: v.rainySeasonAccess,
    insecure: v.insecure,
    contactPhone: v.contactPhone,
    active: v.active,
    closedAt: v.active ? null : (before?.closedAt ?? now.toISOString()),
  };
  const facilityId = id ?? `fac-${randomUUID().slice(0, 8)}`;
  if (before) tx.update(facilities).set(row).where(eq(facilities.id, facilityId)).run();
  else
    tx.insert(facilities)
      .values({ id: facilityId, ...row, source: "admin", derivationNote: null })
      .run();
  tx.delete(supplyLines).where(eq(supplyLines.facilityId, facilityId)).run();
  if (v.supplyLines.length > 0)
    tx.insert(supplyLines)
      .values(v.supplyLines.map((l) => ({ facilityId, programmeCode: l.programmeCode, supplierId: l.supplierId })))
      .run();
  return facilityId;
}

/** The region a facility lies in: its district's, else the one given; refuses a district and a region that disagree. */
function placeOf(tx: Tx, regionId: string | undefined, districtId: string | null): string | null {
  if (districtId === null) return regionId ?? null;
  const derived = regionOfDistrict(tx, districtId)!;
  if (regionId && regionId !== derived)
    refuse([
      {
        path: "regionId",
        message: `district ${districtId} lies in ${derived}`,
        key: "facility.regionMismatch",
        values: { region: regionId, district: districtId, districtRegion: derived },
      },
    ]);
  return derived;
}

/** Creates a facility (and its supply lines). */
export function createFacility(tx: Tx, input: FacilityCreate, now: Date): FacilityDetail {
  const districtId = input.districtId ?? null;
  const values: FacilityValues = {
    name: input.name,
    code: input.code ?? null,
    level: input.level,
    regionId: placeOf(tx, input.regionId, districtId),
    districtId,
    lat: input.lat,
    lon: input.lon,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    rainySeasonAccess: input.rainySeasonAccess,
    insecure: input.insecure,
    contactPhone: input.contactPhone ?? null,
    active: true,
    supplyLines: input.supplyLines,
  };
  return getFacility(tx, saveFacility(tx, null, values, now));
}

/** The values of a stored facility, as a command writes them. */
export function facilityValues(f: FacilityDetail): FacilityValues {
  return {
    name: f.name,
    code: f.code,
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
    supplyLines: f.supplyLines.map((l) => ({ programmeCode: l.programmeCode, supplierId: l.supplierId })),
  };
}

/** Changes a facility: the fields given, the rest as stored. */
export function updateFacility(
  tx: Tx,
  id: string,
  patch: FacilityUpdate,
  now: Date,
): { before: FacilityDetail; after: FacilityDetail } {
  const before = getFacility(tx, id);
  const merged: FacilityValues = { ...facilityValues(before) };
  for (const [k, value] of Object.entries(patch)) if (value !== undefined) Object.assign(merged, { [k]: value });
  // A district decides the region (a region given with it must agree); without a district, the region given or kept.
  merged.regionId = placeOf(tx, patch.regionId, merged.districtId) ?? before.regionId;
  saveFacility(tx, id, merged, now);
  return { before, after: getFacility(tx, id) };
}
