/**
 * National quantification: a product's forecast at any level, its supply plan at a central store and their
 * export, the catalogue's plan as a job with progress, and the history import (preview, then apply). The
 * forecasts and plans run in the quantification worker (deps.quantification), never on the event loop.
 */
import {
  ForecastExportQuery,
  ForecastQuery,
  PlanRunCreate,
  PlanRunParams,
  PlanRunSchema,
  ProductForecastSchema,
  ProductSupplyPlanSchema,
  RunExportQuery,
  SupplyPlanExportQuery,
  SupplyPlanQuery,
} from "../../shared/contracts/forecasts";
import {
  HistoryFileUpload,
  HistoryImportApply,
  HistoryImportListSchema,
  HistoryImportPreviewSchema,
  HistoryImportSchema,
} from "../../shared/contracts/quantification";
import {
  applyHistoryImport,
  listHistoryImports,
  planHistoryImport,
  previewOf,
  readUpload,
} from "../commands/historyImport";
import { AppError } from "../../shared/errors";
import type { AppDeps } from "../deps";
import {
  catalogueViews,
  forecastViews,
  supplyPlanViews,
  toCsv,
  toWorkbook,
  type ExportView,
} from "../quantification/exports";
import { PlanRuns } from "../quantification/runs";
import { z } from "zod";
import { pipelineRoutes } from "./pipeline";
import type { Response } from "express";
import { created, type RouteResponse, type SecureRouter } from "./secureRouter";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** An export's answer: a workbook, or one view as CSV, sent as a download. */
const EXPORT: RouteResponse = {
  content: { [XLSX]: z.string().describe("the workbook (binary)"), "text/csv": z.string() },
  headers: { "Content-Disposition": "attachment; filename=… (.xlsx, or .csv for one view)" },
};

/** Sends the views as a workbook or one of them as CSV, as a download named `base`. */
async function sendExport(
  res: Response,
  base: string,
  views: ExportView[],
  format: "xlsx" | "csv",
  view: string,
): Promise<void> {
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, "-");
  if (format === "csv") {
    const one = views.find((v) => v.name === view) ?? views[0]!;
    res.type("text/csv; charset=utf-8").attachment(`${safe}-${one.name}.csv`).send(toCsv(one));
    return;
  }
  res
    .type(XLSX)
    .attachment(`${safe}.xlsx`)
    .send(await toWorkbook(views));
}

/** Routes of quantification (and, through pipelineRoutes, the pipeline, scenarios and budgets). */
export function quantificationRoutes(r: SecureRouter, deps: AppDeps): void {
  const today = () => deps.clock().toISOString().slice(0, 10);
  forecastRoutes(r, deps, today);
  planRunRoutes(r, new PlanRuns(deps.quantification, deps.clock), today);
  historyImportRoutes(r, deps);
}

/** A product's forecast and supply plan, and their exports. */
function forecastRoutes(r: SecureRouter, deps: AppDeps, today: () => string): void {
  r.get(
    "/quantification/forecast",
    { action: "quantification:read", query: ForecastQuery, response: ProductForecastSchema },
    async ({ res, query }) => {
      res.json(await deps.quantification.run("productForecast", query, today()));
    },
  );

  r.get(
    "/quantification/forecast/export",
    { action: "quantification:read", query: ForecastExportQuery, response: EXPORT },
    async ({ res, query }) => {
      const { format, view, ...q } = query;
      const forecast = await deps.quantification.run("productForecast", q, today());
      const base = `forecast-${forecast.product.code}-${forecast.level === "national" ? "national" : forecast.area.id}`;
      await sendExport(res, `${base}-${forecast.forecast.periods[0] ?? ""}`, forecastViews(forecast), format, view);
    },
  );

  r.get(
    "/quantification/supply-plan",
    { action: "quantification:read", query: SupplyPlanQuery, response: ProductSupplyPlanSchema },
    async ({ res, query }) => {
      res.json(await deps.quantification.run("productSupplyPlan", query, today()));
    },
  );

  r.get(
    "/quantification/supply-plan/export",
    { action: "quantification:read", query: SupplyPlanExportQuery, response: EXPORT },
    async ({ res, query }) => {
      const { format, view, ...q } = query;
      const plan = await deps.quantification.run("productSupplyPlan", q, today());
      const forecast = await deps.quantification.run(
        "productForecast",
        {
          productId: q.productId,
          level: "national",
          method: q.method,
          horizon: plan.months.length,
          scenarioId: q.scenarioId,
        },
        today(),
      );
      await sendExport(res, `plan-${plan.product.code}-${plan.start}`, supplyPlanViews(plan, forecast), format, view);
    },
  );
}

/** The catalogue's plan runs: started, polled, exported. */
function planRunRoutes(r: SecureRouter, runs: PlanRuns, today: () => string): void {
  // The catalogue's plan: answered at once with the run's id; the web polls GET /quantification/runs/:runId.
  r.compute(
    "/quantification/runs",
    {
      action: "quantification:read",
      body: PlanRunCreate,
      response: { status: 202, content: { "application/json": PlanRunSchema } },
    },
    ({ res, user, body }) => {
      res.status(202).json(runs.start(user.id, body, today()));
    },
  );
  r.get(
    "/quantification/runs/:runId",
    { action: "quantification:read", params: PlanRunParams, response: PlanRunSchema },
    ({ res, params }) => {
      res.json(runs.get(params.runId));
    },
  );
  r.get(
    "/quantification/runs/:runId/export",
    { action: "quantification:read", params: PlanRunParams, query: RunExportQuery, response: EXPORT },
    async ({ res, params, query }) => {
      const run = runs.get(params.runId);
      if (!run.result) throw new AppError("conflict", `Plan run ${run.id} is ${run.status}: no result to export`);
      await sendExport(res, `plan-catalogue-${run.result.start}`, catalogueViews(run.result), query.format, query.view);
    },
  );
}

/** History imports: the list, a preview, the import. */
function historyImportRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db } = deps;
  r.get(
    "/quantification/history-imports",
    { action: "quantification:read", response: HistoryImportListSchema },
    ({ res }) => {
      res.json({ items: listHistoryImports(db) });
    },
  );
  r.compute(
    "/quantification/history-imports/preview",
    { action: "quantification:plan", body: HistoryFileUpload, response: HistoryImportPreviewSchema },
    async ({ res, user, body }) => {
      const upload = await readUpload(body);
      res.json(previewOf(upload, planHistoryImport(db, db.$client, upload, user)));
    },
  );
  r.post(
    "/quantification/history-imports",
    { action: "quantification:plan", body: HistoryImportApply, response: created(HistoryImportSchema) },
    {
      prepare: ({ body }) => readUpload(body),
      run: ({ tx, user, body, now, prepared }) => {
        const batch = applyHistoryImport(tx, db.$client, prepared, body.expectedHash, user, now);
        const { userId: _user, ...answer } = batch;
        return {
          status: 201,
          body: answer,
          audit: {
            action: "history_import.apply",
            objectType: "history_import",
            objectId: String(batch.id),
            after: answer,
          },
        };
      },
    },
  );

  pipelineRoutes(r, deps);
}
