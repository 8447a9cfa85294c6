/**
 * The DHIS2 export of a month over an area: loads the submitted monthly reports of the area's facilities, the
 * product mapping and the org-unit links (two queries), then calls the pure builder
 * (shared/domain/interop/dataValueSet.ts). The area is the one `resolveArea()` checked against the user's
 * scope (server/queries/area.ts), so the export reads only what the user may read.
 */
import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { dhis2DataElements, facilities } from "../../db/schema";
import type { Dhis2ExportQuery, Dhis2ExportResponse } from "../../shared/contracts/interop";
import { toAdx } from "../../shared/domain/interop/adx";
import {
  buildDataValueSet,
  canonicalDataValueSetJson,
  type DataElementMapping,
  type Dhis2DataValueSet,
  type Dhis2ExportInput,
  type ExportFacilityReport,
} from "../../shared/domain/interop/dataValueSet";
import type { ScopeFilter } from "../policies";
import { resolveArea } from "../queries/area";
import { getDhis2Settings } from "./dhis2Settings";

/** The area of an export: a condition on `facilities` and the ids it stands for (see resolveArea). */
export interface ExportArea {
  regionId: string | null;
  districtId: string | null;
  where: SQL;
}

/** sha256 of the canonical payload: equal hashes, equal data. */
export function payloadHash(set: Dhis2DataValueSet): string {
  return createHash("sha256").update(canonicalDataValueSetJson(set)).digest("hex");
}

/** The mapping rows, all of them (a few thousand at most: products × 8 fields). */
export function loadDataElementMapping(db: Db | Tx): DataElementMapping[] {
  return db
    .select({
      productId: dhis2DataElements.productId,
      field: dhis2DataElements.field,
      dataElementUid: dhis2DataElements.dataElementUid,
      categoryOptionComboUid: dhis2DataElements.categoryOptionComboUid,
    })
    .from(dhis2DataElements)
    .all();
}

/** The builder's input: submitted reports of `period` in the area, with their lines and org units. */
export function loadDhis2ExportInput(db: Db | Tx, period: string, area: ExportArea): Dhis2ExportInput {
  const rows = db.all<{
    report_id: number;
    facility_id: string;
    facility_name: string;
    org_unit_uid: string | null;
    product_id: number;
    product_code: string;
    product_name: string;
    opening: number;
    received: number;
    consumed: number;
    adjustments: number;
    closing: number;
    stockout_days: number;
    amc: number | null;
  }>(sql`
    select r.id report_id, ${facilities.id} facility_id, ${facilities.name} facility_name, ou.org_unit_uid,
           p.id product_id, p.code product_code,
           p.generic_name || case when p.strength <> '' then ' ' || p.strength else '' end || ' (' || p.form || ')' product_name,
           l.opening, l.received, l.consumed, l.adjustments, l.closing, l.stockout_days, l.amc
    from stock_reports r
    join ${facilities} on ${facilities.id} = r.facility_id
    join stock_report_lines l on l.report_id = r.id
    join products p on p.id = l.product_id
    left join dhis2_org_units ou on ou.facility_id = r.facility_id
    where r.period = ${period} and r.status = 'submitted' and ${area.where}
    order by ${facilities.id}, p.code, l.funding_source`);
  const reports = new Map<number, ExportFacilityReport>();
  for (const r of rows) {
    let report = reports.get(r.report_id);
    if (!report) {
      report = {
        facilityId: r.facility_id,
        facilityName: r.facility_name,
        reportId: r.report_id,
        orgUnitUid: r.org_unit_uid,
        lines: [],
      };
      reports.set(r.report_id, report);
    }
    report.lines.push({
      productId: r.product_id,
      productCode: r.product_code,
      productName: r.product_name,
      openingUnits: r.opening,
      receivedUnits: r.received,
      consumedUnits: r.consumed,
      adjustmentsUnits: r.adjustments,
      closingUnits: r.closing,
      stockoutDays: r.stockout_days,
      amcUnitsPerMonth: r.amc,
    });
  }
  return {
    period,
    dataSetUid: getDhis2Settings(db).dataSetUid,
    reports: [...reports.values()],
    mapping: loadDataElementMapping(db),
  };
}

/** The export of a month over an area: the payload, what was left out and why, and the payload's hash. */
export function buildDhis2Export(db: Db | Tx, period: string, area: ExportArea): Dhis2ExportResponse {
  const exp = buildDataValueSet(loadDhis2ExportInput(db, period, area));
  return {
    period,
    regionId: area.regionId,
    districtId: area.districtId,
    ...exp,
    payloadHash: payloadHash(exp.dataValueSet),
  };
}

/** The same export as ADX XML (`exported` = the export time). */
export function dhis2ExportAdx(exp: Pick<Dhis2ExportResponse, "dataValueSet">, exported: Date): string {
  return toAdx(exp.dataValueSet, exported.toISOString().replace(/\.\d{3}Z$/, "Z"));
}

/** The area of the request (region / district) checked against the scope, then the export: for the read worker. */
export function dhis2ExportOf(
  db: Db,
  scope: ScopeFilter,
  q: Pick<Dhis2ExportQuery, "period" | "regionId" | "districtId">,
): Dhis2ExportResponse {
  return buildDhis2Export(db, q.period, resolveArea(db, scope, q));
}

/** What is left out of an export, in numbers (the headers of the JSON and ADX answers). */
export interface ExportLeftOut {
  unmappedFacilities: number;
  unmappedProducts: number;
  missingValues: number;
  dataValues: number;
  payloadHash: string;
}

/** An export written out, ready to send: the body as text (made in the read worker, not on the event loop). */
export interface ExportDocument {
  contentType: string;
  body: string;
  leftOut: ExportLeftOut;
}

/**
 * The export as the API answers it: `json` is exactly DHIS2's dataValueSets payload (a partner's script posts it
 * as it is), `adx` the same as ADX XML, `report` the payload with everything left out and why.
 */
export function dhis2ExportDocument(
  db: Db,
  scope: ScopeFilter,
  q: Dhis2ExportQuery,
  exportedAt: string,
): ExportDocument {
  const exp = dhis2ExportOf(db, scope, q);
  const leftOut: ExportLeftOut = {
    unmappedFacilities: exp.unmappedFacilities.length,
    unmappedProducts: exp.unmappedProducts.length,
    missingValues: exp.missingValues.length,
    dataValues: exp.dataValueSet.dataValues.length,
    payloadHash: exp.payloadHash,
  };
  if (q.format === "adx")
    return {
      contentType: "application/adx+xml; charset=utf-8",
      body: dhis2ExportAdx(exp, new Date(exportedAt)),
      leftOut,
    };
  const body = q.format === "report" ? exp : exp.dataValueSet;
  return { contentType: "application/json; charset=utf-8", body: JSON.stringify(body), leftOut };
}
