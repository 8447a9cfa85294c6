/** Reference data routes: regions, districts, facilities, programmes, products (readable by every role). */
import { z } from "zod";
import { FacilityQuery, ProductQuery } from "../../shared/contracts/reference";
import { AnyFacilityParams, AnyRegionRef } from "../../shared/contracts/refs";
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
  r.get("/regions", read, ({ res }) => {
    res.json({ items: listRegions(db) });
  });
  r.get("/regions/boundaries", read, ({ res }) => {
    res.set("Cache-Control", "private, max-age=3600").json(regionBoundaries(db));
  });
  r.get("/districts", { ...read, query: z.strictObject({ regionId: AnyRegionRef.optional() }) }, ({ res, query }) => {
    res.json({ items: listDistricts(db, query.regionId) });
  });
  r.get("/facilities", { ...read, query: FacilityQuery }, ({ res, query }) => {
    res.json(listFacilities(db, query));
  });
  r.get("/facilities/:id", { ...read, params: AnyFacilityParams }, ({ res, params }) => {
    res.json(getFacility(db, params.id));
  });
  r.get("/programmes", read, ({ res }) => {
    res.json({ items: listProgrammes(db) });
  });
  r.get("/products", { ...read, query: ProductQuery }, ({ res, query }) => {
    res.json(listProducts(db, query));
  });
}
