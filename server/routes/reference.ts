/** Reference data routes: regions, districts, facilities, programmes, products (readable by every role). */
import { z } from "zod";
import { FacilityQuery, ProductQuery } from "../../shared/contracts/reference";
import {
  getFacility,
  listDistricts,
  listFacilities,
  listProducts,
  listProgrammes,
  listRegions,
  regionBoundaries,
} from "../queries/reference";
import type { AppDeps } from "../deps";
import type { SecureRouter } from "./secureRouter";

const read = { action: "reference:read" } as const;

/** GET routes of the reference data. */
export function referenceRoutes(r: SecureRouter, { db }: AppDeps): void {
  r.get("/regions", read, (_req, res) => {
    res.json({ items: listRegions(db) });
  });
  r.get("/regions/boundaries", read, (_req, res) => {
    res.set("Cache-Control", "private, max-age=3600").json(regionBoundaries(db));
  });
  r.get("/districts", { ...read, query: z.strictObject({ regionId: z.string().optional() }) }, (_req, res) => {
    res.json({ items: listDistricts(db, res.locals.query.regionId) });
  });
  r.get("/facilities", { ...read, query: FacilityQuery }, (_req, res) => {
    res.json(listFacilities(db, res.locals.query));
  });
  r.get("/facilities/:id", read, (req, res) => {
    res.json(getFacility(db, req.params.id as string));
  });
  r.get("/programmes", read, (_req, res) => {
    res.json({ items: listProgrammes(db) });
  });
  r.get("/products", { ...read, query: ProductQuery }, (_req, res) => {
    res.json(listProducts(db, res.locals.query));
  });
}
