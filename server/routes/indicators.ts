/** Indicator routes: an area's indicators, a facility's monthly history of a product, a product's consumption over an area. */
import { ConsumptionQuery, HistoryQuery, IndicatorsQuery } from "../../shared/contracts/indicators";
import { FacilityParams } from "../../shared/contracts/refs";
import type { AppDeps } from "../deps";
import { scopeFilter } from "../policies";
import { areaConsumption, facilityHistory } from "../queries/history";
import { getFacility } from "../queries/reference";
import type { SecureRouter } from "./secureRouter";

/** Read-only routes of the dashboards; areas are narrowed to the user's scope (a region or district outside it answers 404). */
export function indicatorRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db, clock } = deps;
  const today = () => clock().toISOString().slice(0, 10);

  r.get("/indicators", { action: "stock:read", query: IndicatorsQuery }, async ({ res, user, query }) => {
    res.json(await deps.reads.run("areaIndicators", scopeFilter(user), query, today()));
  });

  r.get("/indicators/consumption", { action: "stock:read", query: ConsumptionQuery }, ({ res, user, query }) => {
    res.json(areaConsumption(db, scopeFilter(user), query, today()));
  });

  r.get(
    "/facilities/:id/history",
    { action: "stock:read", params: FacilityParams, query: HistoryQuery },
    ({ res, params, query }) => {
      res.json(facilityHistory(db, getFacility(db, params.id), query.productId, today()));
    },
  );
}
