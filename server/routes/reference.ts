/** Reference data routes: regions, districts, facilities, programmes, products. */
import { Router } from "express";
import { z } from "zod";
import { FacilityQuery, ProductQuery } from "../../shared/contracts/reference";
import { validateQuery } from "../middleware/validate";
import { getFacility, listDistricts, listFacilities, listProducts, listProgrammes, listRegions, regionBoundaries } from "../queries/reference";
import type { AppDeps } from "../app";

/** GET routes of the reference data. */
export function referenceRouter({ db }: AppDeps): Router {
  const r = Router();
  r.get("/regions", (_req, res) => {
    res.json({ items: listRegions(db) });
  });
  r.get("/regions/boundaries", (_req, res) => {
    res.set("Cache-Control", "private, max-age=3600").json(regionBoundaries(db));
  });
  r.get("/districts", validateQuery(z.strictObject({ regionId: z.string().optional() })), (_req, res) => {
    res.json({ items: listDistricts(db, res.locals.query.regionId) });
  });
  r.get("/facilities", validateQuery(FacilityQuery), (_req, res) => {
    res.json(listFacilities(db, res.locals.query));
  });
  r.get("/facilities/:id", (req, res) => {
    res.json(getFacility(db, req.params.id));
  });
  r.get("/programmes", (_req, res) => {
    res.json({ items: listProgrammes(db) });
  });
  r.get("/products", validateQuery(ProductQuery), (_req, res) => {
    res.json(listProducts(db, res.locals.query));
  });
  return r;
}
