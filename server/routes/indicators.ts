/** Indicator routes: an area's indicators, a facility's monthly history of a product, a product's consumption over an area. */
import {
  ConsumptionQuery,
  ConsumptionSeriesSchema,
  FacilityHistorySchema,
  HistoryQuery,
  IndicatorsQuery,
  IndicatorsSchema,
} from "../../shared/contracts/indicators";
import { FacilityParams } from "../../shared/contracts/refs";
import type { AppDeps } from "../deps";
import { scopeFilter } from "../policies";
import { sendJson } from "../reads/send";
import type { SecureRouter } from "./secureRouter";

/** Read-only routes of the dashboards; areas are narrowed to the user's scope (a region or district outside it answers 404). */
export function indicatorRoutes(r: SecureRouter, deps: AppDeps): void {
  const today = () => deps.clock().toISOString().slice(0, 10);

  r.get(
    "/indicators",
    { action: "stock:read", query: IndicatorsQuery, response: IndicatorsSchema },
    async ({ res, user, query }) => {
      sendJson(res, await deps.reads.json("areaIndicators", scopeFilter(user), query, today()));
    },
  );

  r.get(
    "/indicators/consumption",
    { action: "stock:read", query: ConsumptionQuery, response: ConsumptionSeriesSchema },
    async ({ res, user, query }) => {
      sendJson(res, await deps.reads.json("areaConsumption", scopeFilter(user), query, today()));
    },
  );

  r.get(
    "/facilities/:id/history",
    { action: "stock:read", params: FacilityParams, query: HistoryQuery, response: FacilityHistorySchema },
    async ({ res, params, query }) => {
      sendJson(res, await deps.reads.json("facilityHistory", params.id, query.productId, today()));
    },
  );
}
