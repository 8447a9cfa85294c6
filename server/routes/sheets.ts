/**
 * The catalogue's spreadsheets both ways: GET /products/export.xlsx|csv and GET /prices/export.xlsx|csv;
 * POST /sheets/:entity/preview (what an import would do, row by row, with its errors; writes nothing) and
 * POST /sheets/:entity/import (all or nothing, one idempotent audited transaction, refused if the plan changed).
 */
import type { Response } from "express";
import { z } from "zod";
import {
  SheetApplied,
  SheetApply,
  SheetParams,
  SheetPreview,
  SheetUpload,
  type SheetEntity,
} from "../../shared/contracts/sheets";
import type { AppDeps } from "../deps";
import { applyImport, exportRows, planHash, planImport, SHEET_SPECS, type CataloguePlan } from "../sheets/catalogue";
import { readSheet, writeCsv, writeXlsx } from "../sheets/workbook";
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
  entity: SheetEntity,
  format: "xlsx" | "csv",
  rows: ReturnType<typeof exportRows>,
) {
  const spec = SHEET_SPECS[entity];
  const name = `fura-${entity}`;
  if (format === "csv") res.type("text/csv; charset=utf-8").attachment(`${name}.csv`).send(writeCsv(spec, rows));
  else
    res
      .type(XLSX)
      .attachment(`${name}.xlsx`)
      .send(await writeXlsx(spec, rows));
}

/** The routes (the catalogue's administrator: catalogue:manage). */
export function sheetRoutes(r: SecureRouter, { db, clock }: AppDeps): void {
  const today = () => clock().toISOString().slice(0, 10);
  for (const entity of ["products", "prices"] as const)
    for (const format of ["xlsx", "csv"] as const)
      r.get(
        `/${entity}/export.${format}`,
        { ...manage, response: format === "xlsx" ? XLSX_ANSWER : CSV_ANSWER },
        async ({ res }) => {
          await sendExport(res, entity, format, exportRows(db, entity));
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
