/** Reference data routes: regions, districts, facilities, programmes, products (readable by every role). */
import { z } from "zod";
import { pageOf } from "../../shared/contracts/common";
import {
  BoundariesSchema,
  DistrictSchema,
  FacilityDetailSchema,
  FacilityQuery,
  FacilitySchema,
  ProductQuery,
  ProductSchema,
  ProgrammeSchema,
  RegionSchema,
} from "../../shared/contracts/reference";
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
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** GET routes of the reference data. */
export function referenceRoutes(r: SecureRouter, { db }: AppDeps): void {
  r.get("/regions", { ...read, response: items(RegionSchema) }, ({ res }) => {
    res.json({ items: listRegions(db) });
  });
  r.get("/regions/boundaries", { ...read, response: BoundariesSchema }, ({ res }) => {
    res.set("Cache-Control", "private, max-age=3600").json(regionBoundaries(db));
  });
  const districtQuery = z.strictObject({ regionId: AnyRegionRef.optional() });
  r.get("/districts", { ...read, query: districtQuery, response: items(DistrictSchema) }, ({ res, query }) => {
    res.json({ items: listDistricts(db, query.regionId) });
  });
  r.get("/facilities", { ...read, query: FacilityQuery, response: pageOf(FacilitySchema) }, ({ res, query }) => {
    res.json(listFacilities(db, query));
  });
  r.get(
    "/facilities/:id",
    { ...read, params: AnyFacilityParams, response: FacilityDetailSchema },
    ({ res, params }) => {
      res.json(getFacility(db, params.id));
    },
  );
  r.get("/programmes", { ...read, response: items(ProgrammeSchema) }, ({ res }) => {
    res.json({ items: listProgrammes(db) });
  });
  r.get("/products", { ...read, query: ProductQuery, response: pageOf(ProductSchema) }, ({ res, query }) => {
    res.json(listProducts(db, query));
  });
}
