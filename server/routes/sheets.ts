/**
 * The catalogue's spreadsheets both ways: GET /products/export.xlsx|csv and GET /prices/export.xlsx|csv;
 * POST /sheets/:entity/preview (what an import would do, row by row, with its errors; writes nothing) and
 * POST /sheets/:entity/import (all or nothing, one idempotent audited transaction, refused if the plan changed).
 */
import type { Response } from "express";
import { z } from "zod";
import { SheetApplied, SheetApply, SheetParams, SheetPreview, SheetUpload } from "../../shared/contracts/sheets";
import type { SheetSpec } from "../../shared/domain/sheets/spec";
import type { AppDeps } from "../deps";
import {
  applyImport,
  exportRows,
  planHash,
  planImport,
  refuseUnlessApplicable,
  SHEET_SPECS,
  type CataloguePlan,
} from "../sheets/catalogue";
import { applyFacilities, facilityExportRows, facilityPlanHash, planFacilities } from "../sheets/facilities";
import { readSheet, writeCsv, writeXlsx, type ExportCell } from "../sheets/workbook";
import { created, type RouteResponse, type SecureRouter } from "./secureRouter";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const manage = { action: "catalogue:manage" } as const;
const XLSX_ANSWER: RouteResponse = {
  content: { [XLSX]: z.string().describe("the workbook (binary)") },
  headers: { "Content-Disposition": "attachment; filename=<sheet>.xlsx" },
};
const CSV_ANSWER: RouteResponse = {
  content: { "text/csv": z.string() },
  headers: { "Content-Disposition": "attachment; filename=<sheet>.csv" },
};

/** The preview's answer of a plan. */
function previewOf(p: CataloguePlan): SheetPreview {
  return { entity: p.entity, rows: p.plan.rows, errors: p.plan.errors, counts: p.plan.counts, planHash: planHash(p) };
}

/** Sends an export as a download. */
async function sendExport(
  res: Response,
  entity: string,
  format: "xlsx" | "csv",
  spec: SheetSpec,
  rows: ExportCell[][],
) {
  const name = `fura-${entity}`;
  if (format === "csv") res.type("text/csv; charset=utf-8").attachment(`${name}.csv`).send(writeCsv(spec, rows));
  else
    res
      .type(XLSX)
      .attachment(`${name}.xlsx`)
      .send(await writeXlsx(spec, rows));
}

/** The catalogue's routes (the catalogue's administrator: catalogue:manage). */
export function sheetRoutes(r: SecureRouter, { db, clock }: AppDeps): void {
  const today = () => clock().toISOString().slice(0, 10);
  for (const entity of ["products", "prices"] as const)
    for (const format of ["xlsx", "csv"] as const)
      r.get(
        `/${entity}/export.${format}`,
        { ...manage, response: format === "xlsx" ? XLSX_ANSWER : CSV_ANSWER },
        async ({ res }) => {
          await sendExport(res, entity, format, SHEET_SPECS[entity], exportRows(db, entity));
        },
      );
  r.compute(
    "/sheets/:entity/preview",
    { ...manage, params: SheetParams, body: SheetUpload, response: SheetPreview },
    async ({ res, params, body }) => {
      const sheet = await readSheet(body.format, body.contentBase64);
      res.json(previewOf(planImport(db, params.entity, sheet, today())));
    },
  );
  r.post(
    "/sheets/:entity/import",
    { ...manage, params: SheetParams, body: SheetApply, response: created(SheetApplied) },
    {
      prepare: ({ body }) => readSheet(body.format, body.contentBase64),
      run: ({ tx, user, params, body, now, prepared }) => {
        const plan = planImport(tx, params.entity, prepared, now.toISOString().slice(0, 10));
        const written = applyImport(tx, plan, body.expectedPlanHash, user.id, now);
        const answer = { entity: params.entity, counts: plan.plan.counts, written };
        return {
          status: 201,
          body: answer,
          audit: {
            action: "sheet.import",
            objectType: "sheet",
            objectId: params.entity,
            after: {
              ...answer,
              fileName: body.fileName ?? null,
              rows: plan.plan.rows.filter((row) => row.status === "new" || row.status === "changed"),
            },
          },
        };
      },
    },
  );
}

/**
 * The facilities' sheet (facilities:manage): the export holds the facilities in the user's scope; the import checks
 * each row as POST /facilities or PATCH /facilities/:id would (contract and scope), all or nothing. Registered before
 * the reference routes (`/facilities/:id`) and the catalogue's `/sheets/:entity/…` so that these paths reach them.
 */
export function facilitySheetRoutes(r: SecureRouter, { db }: AppDeps): void {
  const facilitiesManage = { action: "facilities:manage" } as const;
  for (const format of ["xlsx", "csv"] as const)
    r.get(
      `/facilities/export.${format}`,
      { ...facilitiesManage, response: format === "xlsx" ? XLSX_ANSWER : CSV_ANSWER },
      async ({ res, user }) => {
        const { spec, rows } = facilityExportRows(db, user);
        await sendExport(res, "facilities", format, spec, rows);
      },
    );
  r.compute(
    "/sheets/facilities/preview",
    { ...facilitiesManage, body: SheetUpload, response: SheetPreview },
    async ({ res, user, body }) => {
      const plan = planFacilities(db, user, await readSheet(body.format, body.contentBase64));
      res.json({ entity: "facilities", ...plan, planHash: facilityPlanHash(plan) });
    },
  );
  r.post(
    "/sheets/facilities/import",
    { ...facilitiesManage, body: SheetApply, response: created(SheetApplied) },
    {
      prepare: ({ body }) => readSheet(body.format, body.contentBase64),
      run: ({ tx, user, body, now, prepared }) => {
        const plan = planFacilities(db, user, prepared);
        refuseUnlessApplicable(plan.errors, facilityPlanHash(plan), body.expectedPlanHash);
        const lines = applyFacilities(tx, plan, now);
        const answer = { entity: "facilities" as const, counts: plan.counts, written: plan.writes.length };
        return {
          status: 201,
          body: answer,
          audit: [
            ...lines,
            {
              action: "sheet.import",
              objectType: "sheet",
              objectId: "facilities",
              after: {
                ...answer,
                fileName: body.fileName ?? null,
                rows: plan.rows.filter((row) => row.status === "new" || row.status === "changed"),
              },
            },
          ],
        };
      },
    },
  );
}
