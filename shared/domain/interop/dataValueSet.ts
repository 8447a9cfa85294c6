/**
 * The month's logistics data of an area as a DHIS2 data value set (pure). The server loads the submitted
 * reports and the mapping (server/interop/dhis2Export.ts); this turns them into `dataValues`, and lists what
 * could not be sent and why — a facility without an organisation unit, a product × field without a data
 * element, a value that does not exist (months of stock without AMC) — instead of leaving it out silently.
 */
import { combineFundingLines, DHIS2_FIELDS, dhis2Period, fieldValue, type Dhis2Field } from "./dhis2Fields";
import type { MissingValueReason, ReportLineFigures } from "./dhis2Fields";

/** One DHIS2 data value (JSON form of /api/dataValueSets). */
export interface Dhis2DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  /** Omitted: DHIS2 uses the default category option combo */
  categoryOptionCombo?: string;
  value: string;
}

/** The payload of POST /api/dataValueSets. */
export interface Dhis2DataValueSet {
  dataSet?: string;
  period: string;
  dataValues: Dhis2DataValue[];
}

/** One mapping row: a product's field → a DHIS2 data element (and category option combo). */
export interface DataElementMapping {
  productId: number;
  field: Dhis2Field;
  dataElementUid: string;
  categoryOptionComboUid: string | null;
}

/** One report line as loaded by the server: the product and one funding source's figures. */
export interface ExportReportLine extends ReportLineFigures {
  productId: number;
  productCode: string;
  productName: string;
}

/** A facility's submitted report for the month. */
export interface ExportFacilityReport {
  facilityId: string;
  facilityName: string;
  reportId: number;
  /** The facility's DHIS2 organisation unit, or null when it is not mapped */
  orgUnitUid: string | null;
  lines: ExportReportLine[];
}

/** What the builder needs. */
export interface Dhis2ExportInput {
  /** "YYYY-MM" */
  period: string;
  dataSetUid: string | null;
  reports: ExportFacilityReport[];
  mapping: DataElementMapping[];
}

/** A product whose fields are (partly) not mapped, with the fields missing and how many facilities reported it. */
export interface UnmappedProduct {
  productId: number;
  productCode: string;
  productName: string;
  fields: Dhis2Field[];
  facilities: number;
}

/** A reporting facility without an organisation unit: none of its values are sent. */
export interface UnmappedFacility {
  facilityId: string;
  facilityName: string;
  reportId: number;
  /** Values it would have sent once mapped */
  values: number;
}

/** A mapped value that has no figure (AMC unknown or zero): not sent. */
export interface MissingValue {
  facilityId: string;
  productId: number;
  field: Dhis2Field;
  reason: MissingValueReason;
}

/** The export: the payload and everything that was left out, with the reason. */
export interface Dhis2Export {
  dataValueSet: Dhis2DataValueSet;
  unmappedFacilities: UnmappedFacility[];
  unmappedProducts: UnmappedProduct[];
  missingValues: MissingValue[];
  counts: { reports: number; facilitiesSent: number; dataValues: number };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Builds the data value set. Deterministic: values sorted by org unit, data element, category option combo. */
export function buildDataValueSet(input: Dhis2ExportInput): Dhis2Export {
  const period = dhis2Period(input.period);
  const byKey = new Map(input.mapping.map((m) => [`${m.productId}|${m.field}`, m]));
  const dataValues: Dhis2DataValue[] = [];
  const unmappedFacilities: UnmappedFacility[] = [];
  const unmapped = new Map<number, UnmappedProduct & { seenAt: Set<string> }>();
  const missingValues: MissingValue[] = [];
  let facilitiesSent = 0;

  for (const report of input.reports) {
    const byProduct = new Map<number, ExportReportLine[]>();
    for (const l of report.lines) {
      const lines = byProduct.get(l.productId);
      if (lines) lines.push(l);
      else byProduct.set(l.productId, [l]);
    }
    let values = 0;
    for (const [productId, lines] of byProduct) {
      const figures = combineFundingLines(lines);
      for (const field of DHIS2_FIELDS) {
        const m = byKey.get(`${productId}|${field}`);
        if (!m) {
          const first = lines[0]!;
          const u = unmapped.get(productId) ?? {
            productId,
            productCode: first.productCode,
            productName: first.productName,
            fields: [],
            facilities: 0,
            seenAt: new Set<string>(),
          };
          if (!u.fields.includes(field)) u.fields.push(field);
          u.seenAt.add(report.facilityId);
          unmapped.set(productId, u);
          continue;
        }
        const v = fieldValue(field, figures);
        if ("missing" in v) {
          missingValues.push({ facilityId: report.facilityId, productId, field, reason: v.missing });
          continue;
        }
        values++;
        if (report.orgUnitUid === null) continue;
        dataValues.push({
          dataElement: m.dataElementUid,
          period,
          orgUnit: report.orgUnitUid,
          ...(m.categoryOptionComboUid ? { categoryOptionCombo: m.categoryOptionComboUid } : {}),
          value: v.value,
        });
      }
    }
    if (report.orgUnitUid === null)
      unmappedFacilities.push({
        facilityId: report.facilityId,
        facilityName: report.facilityName,
        reportId: report.reportId,
        values,
      });
    else facilitiesSent++;
  }

  dataValues.sort(
    (a, b) =>
      cmp(a.orgUnit, b.orgUnit) ||
      cmp(a.dataElement, b.dataElement) ||
      cmp(a.categoryOptionCombo ?? "", b.categoryOptionCombo ?? ""),
  );
  const fieldOrder = (f: Dhis2Field) => DHIS2_FIELDS.indexOf(f);
  return {
    dataValueSet: { ...(input.dataSetUid ? { dataSet: input.dataSetUid } : {}), period, dataValues },
    unmappedFacilities: unmappedFacilities.sort((a, b) => cmp(a.facilityId, b.facilityId)),
    unmappedProducts: [...unmapped.values()]
      .map(({ seenAt, ...u }) => ({
        ...u,
        fields: u.fields.sort((a, b) => fieldOrder(a) - fieldOrder(b)),
        facilities: seenAt.size,
      }))
      .sort((a, b) => cmp(a.productCode, b.productCode)),
    missingValues: missingValues.sort(
      (a, b) =>
        cmp(a.facilityId, b.facilityId) || a.productId - b.productId || fieldOrder(a.field) - fieldOrder(b.field),
    ),
    counts: { reports: input.reports.length, facilitiesSent, dataValues: dataValues.length },
  };
}

/**
 * Two data values with the same data element, period, org unit and category option combo would overwrite each
 * other in DHIS2 (it stores one value per key). The mapping forbids it (one target per product × field); this
 * is the check the import and the tests use. Returns the keys used more than once.
 */
export function duplicateDataValueKeys(values: Dhis2DataValue[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) {
    const key = `${v.dataElement}|${v.period}|${v.orgUnit}|${v.categoryOptionCombo ?? ""}`;
    if (seen.has(key)) dup.add(key);
    seen.add(key);
  }
  return [...dup];
}

/**
 * The payload in a canonical form (keys in a fixed order, values sorted) serialised to JSON: what the push hashes,
 * so the same data pushed twice is recognised whatever the order it was built in.
 */
export function canonicalDataValueSetJson(set: Dhis2DataValueSet): string {
  const keyed = set.dataValues.map((v) => {
    const tuple = [v.dataElement, v.period, v.orgUnit, v.categoryOptionCombo ?? "", v.value] as const;
    return { key: tuple.join("\u0000"), tuple };
  });
  keyed.sort((a, b) => cmp(a.key, b.key));
  const values = keyed.map((k) => k.tuple);
  return JSON.stringify({ dataSet: set.dataSet ?? null, period: set.period, dataValues: values });
}
