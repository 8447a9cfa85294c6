/**
 * The DHIS2 mapping as data: product × field → data element (+ combo), facility → organisation unit. Reads,
 * one-row edits and the spreadsheet import (preview, then apply all-or-nothing). Commands are synchronous and
 * run inside the caller's write transaction; each change is audited.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { dhis2DataElements, dhis2OrgUnits, facilities, products } from "../../db/schema";
import type {
  DataElementMappingRow,
  MappingImportPreview,
  MappingImportRequest,
  OrgUnitMappingRow,
} from "../../shared/contracts/interop";
import type { Dhis2Field } from "../../shared/domain/interop/dhis2Fields";
import {
  planDataElementImport,
  planOrgUnitMappingImport,
  type MappingPlan,
  type OrgUnitLink,
} from "../../shared/domain/interop/mappingImport";
import { rowsFromCsv, rowsFromRecords } from "../../shared/domain/interop/sheet";
import type { DataElementMapping } from "../../shared/domain/interop/dataValueSet";
import { AppError } from "../../shared/errors";
import { audit, type RequestOrigin } from "../audit";
import { fieldError } from "../fieldError";
import { loadFacility, loadProduct } from "../commands/stockRefs";
import { loadDataElementMapping } from "./dhis2Export";

/** Who changes the mapping, and when. */
export interface MappingCtx {
  now: Date;
  origin: RequestOrigin;
}

/** A data element mapping row with its product, for the editor. */
export interface DataElementMappingView extends DataElementMapping {
  productCode: string;
  productName: string;
  updatedAt: string;
}

/** Every product × field mapping, by product code then field order. */
export function listDataElementMappings(db: Db | Tx): DataElementMappingView[] {
  return db
    .select({
      productId: dhis2DataElements.productId,
      field: dhis2DataElements.field,
      dataElementUid: dhis2DataElements.dataElementUid,
      categoryOptionComboUid: dhis2DataElements.categoryOptionComboUid,
      productCode: products.code,
      productName: products.genericName,
      updatedAt: dhis2DataElements.updatedAt,
    })
    .from(dhis2DataElements)
    .innerJoin(products, eq(products.id, dhis2DataElements.productId))
    .orderBy(products.code, dhis2DataElements.field)
    .all();
}

/** Every facility → org unit link, with the facility's name. */
export function listOrgUnitMappings(db: Db | Tx): (OrgUnitLink & { facilityName: string; updatedAt: string })[] {
  return db
    .select({
      facilityId: dhis2OrgUnits.facilityId,
      facilityName: facilities.name,
      orgUnitUid: dhis2OrgUnits.orgUnitUid,
      orgUnitCode: dhis2OrgUnits.orgUnitCode,
      orgUnitName: dhis2OrgUnits.orgUnitName,
      updatedAt: dhis2OrgUnits.updatedAt,
    })
    .from(dhis2OrgUnits)
    .innerJoin(facilities, eq(facilities.id, dhis2OrgUnits.facilityId))
    .orderBy(dhis2OrgUnits.facilityId)
    .all();
}

function loadOrgUnitLinks(db: Db | Tx): OrgUnitLink[] {
  return db
    .select({
      facilityId: dhis2OrgUnits.facilityId,
      orgUnitUid: dhis2OrgUnits.orgUnitUid,
      orgUnitCode: dhis2OrgUnits.orgUnitCode,
      orgUnitName: dhis2OrgUnits.orgUnitName,
    })
    .from(dhis2OrgUnits)
    .all();
}

/** Writes one product × field mapping (insert or replace); another product × field on the same target is a 409. */
export function upsertDataElementMapping(tx: Tx, row: DataElementMappingRow, ctx: MappingCtx): DataElementMapping {
  loadProduct(tx, row.productId);
  const coc = row.categoryOptionComboUid;
  const taken = tx
    .select({ productId: dhis2DataElements.productId, field: dhis2DataElements.field })
    .from(dhis2DataElements)
    .where(
      and(
        eq(dhis2DataElements.dataElementUid, row.dataElementUid),
        sql`coalesce(${dhis2DataElements.categoryOptionComboUid}, '') = ${coc ?? ""}`,
        sql`not (${dhis2DataElements.productId} = ${row.productId} and ${dhis2DataElements.field} = ${row.field})`,
      ),
    )
    .get();
  if (taken)
    throw new AppError(
      "conflict",
      `This data element and combo already hold product ${taken.productId} ${taken.field}`,
      {
        reason: "mapping.targetTaken",
        productId: taken.productId,
        field: taken.field,
      },
    );
  const before = tx
    .select()
    .from(dhis2DataElements)
    .where(and(eq(dhis2DataElements.productId, row.productId), eq(dhis2DataElements.field, row.field)))
    .get();
  writeDataElement(tx, { ...row, categoryOptionComboUid: coc }, ctx);
  audit(tx, ctx.now, ctx.origin, {
    action: "dhis2.mapping.dataElement.set",
    objectType: "dhis2_data_element",
    objectId: `${row.productId}|${row.field}`,
    before: before ?? null,
    after: row,
  });
  return { ...row, categoryOptionComboUid: coc };
}

function writeDataElement(tx: Tx, m: DataElementMapping, ctx: MappingCtx): void {
  const values = {
    dataElementUid: m.dataElementUid,
    categoryOptionComboUid: m.categoryOptionComboUid,
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.origin.userId,
  };
  tx.insert(dhis2DataElements)
    .values({ productId: m.productId, field: m.field, ...values })
    .onConflictDoUpdate({ target: [dhis2DataElements.productId, dhis2DataElements.field], set: values })
    .run();
}

/** Removes one product × field mapping (404 when there is none). */
export function deleteDataElementMapping(tx: Tx, key: { productId: number; field: Dhis2Field }, ctx: MappingCtx): void {
  const where = and(eq(dhis2DataElements.productId, key.productId), eq(dhis2DataElements.field, key.field));
  const before = tx.select().from(dhis2DataElements).where(where).get();
  if (!before) throw new AppError("not_found", `No mapping for product ${key.productId} ${key.field}`);
  tx.delete(dhis2DataElements).where(where).run();
  audit(tx, ctx.now, ctx.origin, {
    action: "dhis2.mapping.dataElement.delete",
    objectType: "dhis2_data_element",
    objectId: `${key.productId}|${key.field}`,
    before,
  });
}

/** Links a facility to an org unit (insert or replace); an org unit linked to another facility is a 409. */
export function upsertOrgUnitMapping(tx: Tx, row: OrgUnitMappingRow, ctx: MappingCtx): OrgUnitLink {
  loadFacility(tx, row.facilityId);
  const taken = tx
    .select({ facilityId: dhis2OrgUnits.facilityId })
    .from(dhis2OrgUnits)
    .where(and(eq(dhis2OrgUnits.orgUnitUid, row.orgUnitUid), ne(dhis2OrgUnits.facilityId, row.facilityId)))
    .get();
  if (taken)
    throw new AppError("conflict", `Org unit ${row.orgUnitUid} is linked to facility ${taken.facilityId}`, {
      reason: "mapping.orgUnitTaken",
      facilityId: taken.facilityId,
    });
  const before = tx.select().from(dhis2OrgUnits).where(eq(dhis2OrgUnits.facilityId, row.facilityId)).get();
  writeOrgUnit(tx, row, ctx);
  audit(tx, ctx.now, ctx.origin, {
    action: "dhis2.mapping.orgUnit.set",
    objectType: "dhis2_org_unit",
    objectId: row.facilityId,
    before: before ?? null,
    after: row,
  });
  return row;
}

/** Writes a link (no checks: callers have checked). */
export function writeOrgUnit(tx: Tx, l: OrgUnitLink, ctx: MappingCtx): void {
  const values = {
    orgUnitUid: l.orgUnitUid,
    orgUnitCode: l.orgUnitCode,
    orgUnitName: l.orgUnitName,
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.origin.userId,
  };
  tx.insert(dhis2OrgUnits)
    .values({ facilityId: l.facilityId, ...values })
    .onConflictDoUpdate({ target: dhis2OrgUnits.facilityId, set: values })
    .run();
}

/** Unlinks a facility (404 when it is not linked). */
export function deleteOrgUnitMapping(tx: Tx, facilityId: string, ctx: MappingCtx): void {
  const before = tx.select().from(dhis2OrgUnits).where(eq(dhis2OrgUnits.facilityId, facilityId)).get();
  if (!before) throw new AppError("not_found", `Facility ${facilityId} is not linked to DHIS2`);
  tx.delete(dhis2OrgUnits).where(eq(dhis2OrgUnits.facilityId, facilityId)).run();
  audit(tx, ctx.now, ctx.origin, {
    action: "dhis2.mapping.orgUnit.delete",
    objectType: "dhis2_org_unit",
    objectId: facilityId,
    before,
  });
}

type AnyPlan = MappingPlan<DataElementMapping> | MappingPlan<OrgUnitLink>;
/** A sheet as text or rows (an .xlsx is turned into its CSV text first: server/interop/sheetFile.ts). */
export type SheetImportRequest = Exclude<MappingImportRequest, { xlsxBase64: string }>;

function plan(db: Db | Tx, req: SheetImportRequest): AnyPlan {
  const sheet = "csv" in req ? rowsFromCsv(req.csv) : rowsFromRecords(req.rows);
  if ("csv" in req && sheet.rows.length > 50_000) fieldError("csv", "at most 50,000 rows per import");
  if (req.kind === "dataElements")
    return planDataElementImport(sheet, {
      products: db.select({ id: products.id, code: products.code }).from(products).all(),
      existing: loadDataElementMapping(db),
    });
  return planOrgUnitMappingImport(sheet, {
    facilityIds: db
      .select({ id: facilities.id })
      .from(facilities)
      .all()
      .map((f) => f.id),
    existing: loadOrgUnitLinks(db),
  });
}

function present(kind: MappingImportRequest["kind"], p: AnyPlan): MappingImportPreview {
  return { kind, rows: p.rows, errors: p.errors, counts: p.counts };
}

/** What importing the sheet would do (nothing is written). */
export function previewMappingImport(db: Db | Tx, req: SheetImportRequest): MappingImportPreview {
  return present(req.kind, plan(db, req));
}

/**
 * Applies a sheet, all or nothing: the plan is recomputed inside the transaction (the mapping may have changed
 * since the preview) and any row error refuses the whole import (validation_failed, details.errors), writing
 * nothing. Returns the preview of what was applied.
 */
export function applyMappingImport(tx: Tx, req: SheetImportRequest, ctx: MappingCtx): MappingImportPreview {
  const p = plan(tx, req);
  if (p.errors.length > 0)
    throw new AppError("validation_failed", `The sheet has ${p.errors.length} error(s); nothing was imported`, {
      issues: p.errors
        .slice(0, 50)
        .map((e) => ({ path: `rows.${e.row}${e.column ? `.${e.column}` : ""}`, message: e.code })),
      errors: p.errors,
    });
  if (req.kind === "dataElements") {
    const writes = p.writes as DataElementMapping[];
    // Two rows may swap targets: clear the rows being rewritten first, so the unique target index holds at every step.
    for (const m of writes)
      tx.delete(dhis2DataElements)
        .where(and(eq(dhis2DataElements.productId, m.productId), eq(dhis2DataElements.field, m.field)))
        .run();
    for (const m of writes) writeDataElement(tx, m, ctx);
  } else {
    const writes = p.writes as OrgUnitLink[];
    for (const l of writes) tx.delete(dhis2OrgUnits).where(eq(dhis2OrgUnits.facilityId, l.facilityId)).run();
    for (const l of writes) writeOrgUnit(tx, l, ctx);
  }
  audit(tx, ctx.now, ctx.origin, {
    action: `dhis2.mapping.${req.kind}.import`,
    objectType: "dhis2_mapping",
    objectId: req.kind,
    after: { counts: p.counts, written: p.writes },
  });
  return present(req.kind, p);
}
