/**
 * Quantification hooks: a product's forecast and supply plan, catalogue plan runs (polled while they run), the
 * pipeline, scenarios, budgets and history imports; each write with its Idempotency-Key.
 */
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  PlanRunSchema,
  ProductForecastSchema,
  ProductSupplyPlanSchema,
  type PlanRunCreate,
} from "@shared/contracts/forecasts";
import {
  PipelinePageSchema,
  PipelineReceiveResultSchema,
  PipelineShipmentSchema,
  type PipelineCreate,
  type PipelinePatch,
  type PipelineReceive,
} from "@shared/contracts/pipeline";
import {
  HistoryImportListSchema,
  HistoryImportPreviewSchema,
  HistoryImportSchema,
  type HistoryFileUpload,
} from "@shared/contracts/quantification";
import {
  BudgetListSchema,
  ScenarioListSchema,
  ScenarioSchema,
  type BudgetsPut,
  type ScenarioSettingsInput,
} from "@shared/contracts/scenarios";
import { apiGet, apiUrl, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";

const BASE = "/quantification";

/** What a forecast is asked for. */
export interface ForecastRequest {
  productId: number;
  level: "national" | "region" | "district" | "facility";
  regionId?: string | null;
  districtId?: string | null;
  facilityId?: string | null;
  method?: string | null;
  horizon?: number;
  scenarioId?: number | null;
}

/** What a supply plan is asked for. */
export interface PlanRequest {
  productId: number;
  scenarioId?: number | null;
  method?: string | null;
  horizon?: number;
}

const keys = {
  all: ["quantification"] as const,
  forecast: (r: ForecastRequest) => ["quantification", "forecast", r] as const,
  plan: (r: PlanRequest) => ["quantification", "plan", r] as const,
  pipeline: (productId: number | null) => ["quantification", "pipeline", productId] as const,
  scenarios: ["quantification", "scenarios"] as const,
  budgets: ["quantification", "budgets"] as const,
  imports: ["quantification", "imports"] as const,
  run: (id: string) => ["quantification", "run", id] as const,
};

/** One product's forecast at a level, with every method compared. */
export function useForecast(request: ForecastRequest | null) {
  return useQuery({
    enabled: request !== null,
    queryKey: keys.forecast(request ?? { productId: 0, level: "national" }),
    queryFn: ({ signal }) => apiGet(ProductForecastSchema, `${BASE}/forecast`, { query: { ...request }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** One product's supply plan at PPM central. */
export function useSupplyPlan(request: PlanRequest | null) {
  return useQuery({
    enabled: request !== null,
    queryKey: keys.plan(request ?? { productId: 0 }),
    queryFn: ({ signal }) => apiGet(ProductSupplyPlanSchema, `${BASE}/supply-plan`, { query: { ...request }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The download address of a product's plan (.xlsx workbook, or one view as CSV). */
export function planExportUrl(request: PlanRequest, format: "xlsx" | "csv", view?: string): string {
  return apiUrl(`${BASE}/supply-plan/export`, { ...request, format, view });
}

/** The download address of a forecast (an .xlsx, or one view as CSV). */
export function forecastExportUrl(request: ForecastRequest, format: "xlsx" | "csv", view?: string): string {
  return apiUrl(`${BASE}/forecast/export`, { ...request, format, view });
}

/** The download address of a catalogue run's result. */
export function runExportUrl(id: string, format: "xlsx" | "csv", view?: string): string {
  return apiUrl(`${BASE}/runs/${encodeURIComponent(id)}/export`, { format, view });
}

/** A catalogue plan run, polled every second while it runs. */
export function usePlanRun(id: string | null) {
  return useQuery({
    enabled: id !== null,
    queryKey: keys.run(id ?? ""),
    queryFn: ({ signal }) => apiGet(PlanRunSchema, `${BASE}/runs/${encodeURIComponent(id!)}`, { signal }),
    refetchInterval: (q) => (q.state.data?.status === "running" ? 1000 : false),
  });
}

/** Starts a catalogue plan run (no Idempotency-Key: it stores nothing). */
export function startPlanRun(body: PlanRunCreate | { scenarioId?: number; settings?: ScenarioSettingsInput }) {
  return apiGet(PlanRunSchema, `${BASE}/runs`, { method: "POST", body });
}

/** The pipeline (open and received), optionally of one product. */
export function usePipeline(productId: number | null) {
  return useQuery({
    queryKey: keys.pipeline(productId),
    queryFn: ({ signal }) =>
      apiGet(PipelinePageSchema, `${BASE}/pipeline`, { query: { productId, limit: 500 }, signal }),
  });
}

/** Refreshes everything a pipeline, scenario or budget change moves (plans, forecasts, lists, stock). */
function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: keys.all });
    void client.invalidateQueries({ queryKey: ["stock"] });
  };
}

/** Creates a pipeline shipment. */
export function useCreateShipment() {
  const refresh = useRefresh();
  return useWriteMutation(
    (body: PipelineCreate, key: string) =>
      apiWrite(PipelineShipmentSchema, `${BASE}/pipeline`, { body, idempotencyKey: key }),
    { onSuccess: refresh },
  );
}

/** Edits an open pipeline shipment. */
export function useEditShipment() {
  const refresh = useRefresh();
  return useWriteMutation(
    ({ id, patch }: { id: number; patch: PipelinePatch }, key: string) =>
      apiWrite(PipelineShipmentSchema, `${BASE}/pipeline/${id}`, { method: "PATCH", body: patch, idempotencyKey: key }),
    { onSuccess: refresh },
  );
}

/** Cancels an open pipeline shipment. */
export function useCancelShipment() {
  const refresh = useRefresh();
  return useWriteMutation(
    (id: number, key: string) =>
      apiWrite(z.object({ id: z.number(), deleted: z.boolean() }), `${BASE}/pipeline/${id}`, {
        method: "DELETE",
        idempotencyKey: key,
      }),
    { onSuccess: refresh },
  );
}

/** Receives a pipeline shipment at its central store (books the lots in the ledger). */
export function useReceiveShipment() {
  const refresh = useRefresh();
  return useWriteMutation(
    ({ id, body }: { id: number; body: PipelineReceive }, key: string) =>
      apiWrite(PipelineReceiveResultSchema, `${BASE}/pipeline/${id}/receive`, { body, idempotencyKey: key }),
    { onSuccess: refresh },
  );
}

/** The saved scenarios. */
export function useScenarios() {
  return useQuery({
    queryKey: keys.scenarios,
    queryFn: async ({ signal }) => (await apiGet(ScenarioListSchema, `${BASE}/scenarios`, { signal })).items,
  });
}

/** Saves a scenario (new, or replacing the one of `id`). */
export function useSaveScenario() {
  const refresh = useRefresh();
  return useWriteMutation(
    ({ id, name, settings }: { id: number | null; name: string; settings: ScenarioSettingsInput }, key: string) =>
      apiWrite(ScenarioSchema, id === null ? `${BASE}/scenarios` : `${BASE}/scenarios/${id}`, {
        method: id === null ? "POST" : "PUT",
        body: { name, settings },
        idempotencyKey: key,
      }),
    { onSuccess: refresh },
  );
}

/** Deletes a scenario. */
export function useDeleteScenario() {
  const refresh = useRefresh();
  return useWriteMutation(
    (id: number, key: string) =>
      apiWrite(z.object({ id: z.number(), deleted: z.boolean() }), `${BASE}/scenarios/${id}`, {
        method: "DELETE",
        idempotencyKey: key,
      }),
    { onSuccess: refresh },
  );
}

/** The procurement budgets per funding source and year. */
export function useBudgets() {
  return useQuery({
    queryKey: keys.budgets,
    queryFn: async ({ signal }) => (await apiGet(BudgetListSchema, `${BASE}/budgets`, { signal })).items,
  });
}

/** Sets budgets. */
export function useSaveBudgets() {
  const refresh = useRefresh();
  return useWriteMutation(
    (body: BudgetsPut, key: string) =>
      apiWrite(BudgetListSchema, `${BASE}/budgets`, { method: "PUT", body, idempotencyKey: key }),
    { onSuccess: refresh },
  );
}

/** The applied history imports. */
export function useHistoryImports() {
  return useQuery({
    queryKey: keys.imports,
    queryFn: async ({ signal }) => (await apiGet(HistoryImportListSchema, `${BASE}/history-imports`, { signal })).items,
  });
}

/** Previews a history file (stores nothing). */
export function previewHistory(file: HistoryFileUpload) {
  return apiGet(HistoryImportPreviewSchema, `${BASE}/history-imports/preview`, { method: "POST", body: file });
}

/** Applies the previewed history file. */
export function useApplyHistory() {
  const refresh = useRefresh();
  return useWriteMutation(
    (body: HistoryFileUpload & { expectedHash: string }, key: string) =>
      apiWrite(HistoryImportSchema, `${BASE}/history-imports`, { body, idempotencyKey: key }),
    { onSuccess: refresh },
  );
}
