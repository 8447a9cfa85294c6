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
import {
  entityPlanHash,
  previewEntity,
  refuseRows,
  runWrites,
  type EntitySheet,
  type RowWrite,
} from "../sheets/entitySheets";
import { applyFacilities, facilityExportRows, facilityPlanHash, planFacilities } from "../sheets/facilities";
import { OPENING_STOCK_SHEET_DEF } from "../sheets/openingStock";
import { POLICY_SHEET_DEF } from "../sheets/policies";
import { USER_SHEET_DEF } from "../sheets/users";
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

/**
 * The sheets that write through the existing commands (server/sheets/entitySheets.ts): GET /<entity>/export.xlsx|csv,
 * POST /sheets/<entity>/preview (the plan, and the commands' refusals found by a write rolled back) and
 * POST /sheets/<entity>/import (all or nothing, one idempotent audited transaction; the audit lines of each command
 * and one `sheet.import` line). Registered before `/users/:id` and the catalogue's `/sheets/:entity/…`.
 */
function entitySheetRoute<W extends RowWrite, X>(r: SecureRouter, { db, clock }: AppDeps, def: EntitySheet<W, X>) {
  const spec = { action: def.action } as const;
  for (const format of ["xlsx", "csv"] as const)
    r.get(
      `/${def.entity}/export.${format}`,
      { ...spec, response: format === "xlsx" ? XLSX_ANSWER : CSV_ANSWER },
      async ({ res, user }) => {
        await sendExport(res, def.entity, format, def.spec(db), def.exportRows(db, user, clock()));
      },
    );
  r.compute(
    `/sheets/${def.entity}/preview`,
    { ...spec, body: SheetUpload, response: SheetPreview },
    async ({ res, user, body }) => {
      const read = await readSheet(body.format, body.contentBase64);
      res.json(previewEntity(db, def, user, read, clock()));
    },
  );
  r.post(
    `/sheets/${def.entity}/import`,
    { ...spec, body: SheetApply, response: created(SheetApplied) },
    {
      prepare: async ({ body, user }) => {
        const read = await readSheet(body.format, body.contentBase64);
        const extra = def.prepare ? await def.prepare(def.plan(db, user, read, clock())) : undefined;
        return { read, extra };
      },
      run: ({ tx, user, body, now, prepared }) => {
        const plan = def.plan(db, user, prepared.read, now);
        refuseUnlessApplicable(plan.errors, entityPlanHash(def.entity, plan), body.expectedPlanHash);
        const { done, issues } = runWrites(tx, def, plan, { user, now, prepared: prepared.extra, dryRun: false });
        refuseRows(issues);
        const answer = { entity: def.entity, counts: plan.counts, written: plan.writes.length };
        const secrets = done.flatMap((d) => (d.secret ? [{ username: d.secret.key, password: d.secret.value }] : []));
        return {
          status: 201,
          body: answer,
          ...(secrets.length > 0 ? { once: { temporaryPasswords: secrets } } : {}),
          audit: [
            ...done.flatMap((d) => d.audit),
            {
              action: "sheet.import",
              objectType: "sheet",
              objectId: def.entity,
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

/** The stock policies', the accounts' and the opening stock's sheets. */
export function entitySheetRoutes(r: SecureRouter, deps: AppDeps): void {
  entitySheetRoute(r, deps, POLICY_SHEET_DEF);
  entitySheetRoute(r, deps, USER_SHEET_DEF);
  entitySheetRoute(r, deps, OPENING_STOCK_SHEET_DEF);
}
