/**
 * Import of facilities from a DHIS2 organisation-unit export: the server side of
 * shared/domain/interop/orgUnits.ts (which documents the matching and its limits). Preview reads; apply
 * recomputes the plan inside one write transaction and writes it all or nothing.
 *
 * A facility created here gets: the unit's code as id (else "dhis2-<uid>"), its name and Point, level from the
 * DHIS2 level, region and district from its parents, opening hours and access left at Fura's defaults, source
 * "dhis2" and a derivation note naming the unit and its parents; supply lines for every programme from the
 * district's depot (an ASC site: from its CSCom when the parent unit is a Fura facility); and its org-unit link.
 * A district without a depot gets no supply line (warning `orgUnit.noDepot` in the result).
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { dhis2OrgUnits, districts, facilities, programmes, regions, supplyLines } from "../../db/schema";
import type { OrgUnitImportPreview, OrgUnitImportRequest } from "../../shared/contracts/interop";
import { planOrgUnitImport, type OrgUnitPlan } from "../../shared/domain/interop/orgUnits";
import { AppError } from "../../shared/errors";
import { audit, type RequestOrigin } from "../audit";
import { writeOrgUnit } from "./dhis2Mapping";

function plan(db: Db | Tx, req: OrgUnitImportRequest, asOf: string): OrgUnitPlan {
  const ctx = {
    asOf,
    regions: db.select({ id: regions.id, name: regions.name }).from(regions).all(),
    districts: db
      .select({ id: districts.id, name: districts.name, regionId: districts.regionId })
      .from(districts)
      .all(),
    facilities: db
      .select({
        id: facilities.id,
        name: facilities.name,
        level: facilities.level,
        regionId: facilities.regionId,
        districtId: facilities.districtId,
        lat: facilities.lat,
        lon: facilities.lon,
        active: facilities.active,
      })
      .from(facilities)
      .all(),
    links: db
      .select({
        facilityId: dhis2OrgUnits.facilityId,
        orgUnitUid: dhis2OrgUnits.orgUnitUid,
        orgUnitCode: dhis2OrgUnits.orgUnitCode,
        orgUnitName: dhis2OrgUnits.orgUnitName,
      })
      .from(dhis2OrgUnits)
      .all(),
  };
  return planOrgUnitImport(req.export.organisationUnits, req.levels, ctx, { rootUid: req.rootUid });
}

/** sha256 of what the plan would do (rows' actions, targets and changes): the preview's identity. */
export function planHash(p: OrgUnitPlan): string {
  const essence = p.rows.map((r) => [r.uid, r.action, r.facilityId, r.districtId, r.changes, r.errors]);
  return createHash("sha256").update(JSON.stringify(essence)).digest("hex");
}

function present(p: OrgUnitPlan): OrgUnitImportPreview {
  return { rows: p.rows, counts: p.counts, planHash: planHash(p) };
}

/** What the import would do (nothing is written). `asOf`: today, ISO date (closed units). */
export function previewOrgUnitImport(db: Db | Tx, req: OrgUnitImportRequest, asOf: string): OrgUnitImportPreview {
  return present(plan(db, req, asOf));
}

/** What apply did. */
export interface OrgUnitImportResult extends OrgUnitImportPreview {
  created: string[];
  updated: string[];
  /** Created facilities left without supply lines (their district has no depot) */
  withoutSupplier: string[];
}

/**
 * Applies the import in the caller's transaction. Refused, writing nothing: when any unit has an error
 * (validation_failed, details.errors per unit), or when `expectedPlanHash` is given and the plan differs from
 * that preview (conflict: Fura's facilities or the links changed since).
 */
export function applyOrgUnitImport(
  tx: Tx,
  req: OrgUnitImportRequest,
  ctx: { now: Date; origin: RequestOrigin },
): OrgUnitImportResult {
  const asOf = ctx.now.toISOString().slice(0, 10);
  const p = plan(tx, req, asOf);
  const preview = present(p);
  if (req.expectedPlanHash && req.expectedPlanHash !== preview.planHash)
    throw new AppError("conflict", "The facilities changed since the preview: preview the import again", {
      reason: "orgUnit.planChanged",
      planHash: preview.planHash,
    });
  const failing = p.rows.filter((r) => r.action === "error");
  if (failing.length > 0)
    throw new AppError(
      "validation_failed",
      `${failing.length} organisation unit(s) cannot be imported; nothing was written`,
      {
        issues: failing
          .slice(0, 50)
          .map((r) => ({ path: `export.organisationUnits.${r.index}`, message: r.errors[0]!.code })),
        errors: failing.map((r) => ({ index: r.index, uid: r.uid, name: r.name, errors: r.errors })),
      },
    );

  const programmeCodes = tx
    .select({ code: programmes.code })
    .from(programmes)
    .all()
    .map((p) => p.code);
  const depotOf = new Map<string, string>();
  for (const d of tx
    .select({ id: facilities.id, districtId: facilities.districtId })
    .from(facilities)
    .where(eq(facilities.level, "district"))
    .orderBy(facilities.id)
    .all())
    if (d.districtId && !depotOf.has(d.districtId)) depotOf.set(d.districtId, d.id);

  const created: string[] = [];
  const updated: string[] = [];
  const withoutSupplier: string[] = [];
  const mappingCtx = { now: ctx.now, origin: ctx.origin };
  for (const w of p.writes) {
    if (w.kind === "create") {
      const f = w.facility;
      tx.insert(facilities)
        .values({
          ...f,
          source: "dhis2",
          derivationNote:
            `Created from DHIS2 organisation unit ${w.link.orgUnitUid}` +
            (w.path.length > 0 ? ` under ${w.path.join(" / ")}` : "") +
            `; region and district from its parents at DHIS2 levels ${req.levels.region} and ${req.levels.district}`,
        })
        .run();
      const supplier =
        f.level === "asc" && w.parentFacilityId ? w.parentFacilityId : (depotOf.get(f.districtId) ?? null);
      if (supplier)
        tx.insert(supplyLines)
          .values(programmeCodes.map((programmeCode) => ({ facilityId: f.id, programmeCode, supplierId: supplier })))
          .run();
      else withoutSupplier.push(f.id);
      writeOrgUnit(tx, w.link, mappingCtx);
      audit(tx, ctx.now, ctx.origin, {
        action: "facility.create",
        objectType: "facility",
        objectId: f.id,
        after: { ...f, source: "dhis2", orgUnit: w.link.orgUnitUid, supplierId: supplier },
      });
      created.push(f.id);
    } else {
      const before = tx.select().from(facilities).where(eq(facilities.id, w.facilityId)).get();
      if (Object.keys(w.set).length > 0) tx.update(facilities).set(w.set).where(eq(facilities.id, w.facilityId)).run();
      if (w.link) writeOrgUnit(tx, w.link, mappingCtx);
      audit(tx, ctx.now, ctx.origin, {
        action: "facility.update",
        objectType: "facility",
        objectId: w.facilityId,
        before: before ? { name: before.name, lat: before.lat, lon: before.lon, active: before.active } : null,
        after: { ...w.set, ...(w.link ? { orgUnit: w.link.orgUnitUid } : {}), source: "dhis2" },
      });
      updated.push(w.facilityId);
    }
  }
  audit(tx, ctx.now, ctx.origin, {
    action: "dhis2.orgUnits.import",
    objectType: "dhis2_org_units",
    objectId: null,
    after: { counts: p.counts, planHash: preview.planHash, rootUid: req.rootUid ?? null },
  });
  return { ...preview, created, updated, withoutSupplier };
}
