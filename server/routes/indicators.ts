/** Indicator routes: an area's indicators, a facility's monthly history of a product, a product's consumption over an area. */
import type { Request } from "express";
import type { Me } from "../../shared/contracts/auth";
import { ConsumptionQuery, HistoryQuery, IndicatorsQuery } from "../../shared/contracts/indicators";
import type { AppDeps } from "../deps";
import { scopeFilter } from "../policies";
import { areaConsumption, facilityHistory } from "../queries/history";
import { getFacility } from "../queries/reference";
import type { SecureRouter } from "./secureRouter";

const pathFacility = (req: Request) => [{ id: req.params.id as string, from: "path" as const }];

/** Read-only routes of the dashboards; areas are narrowed to the user's scope (a region or district outside it answers 404). */
export function indicatorRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db, clock } = deps;
  const today = () => clock().toISOString().slice(0, 10);

  r.get("/indicators", { action: "stock:read", query: IndicatorsQuery }, async (_req, res) => {
    res.json(await deps.reads.run("areaIndicators", scopeFilter(res.locals.user as Me), res.locals.query, today()));
  });

  r.get("/indicators/consumption", { action: "stock:read", query: ConsumptionQuery }, (_req, res) => {
    res.json(areaConsumption(db, scopeFilter(res.locals.user as Me), res.locals.query, today()));
  });

  r.get(
    "/facilities/:id/history",
    { action: "stock:read", query: HistoryQuery, facilities: pathFacility },
    (req, res) => {
      const facility = getFacility(db, req.params.id as string);
      res.json(facilityHistory(db, facility, res.locals.query.productId, today()));
    },
  );
}
