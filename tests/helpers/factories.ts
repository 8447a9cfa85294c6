/** Minimal reference rows for tests that do not need the whole Mali seed. */
import { openDb, type OpenDb } from "../../db/client";
import { districts, facilities, fundingSources, products, programmes, regions } from "../../db/schema";
import { FUNDING_SOURCES, PROGRAMMES } from "../../db/seed/reference";

type FacilityInsert = typeof facilities.$inferInsert;
type ProductInsert = typeof products.$inferInsert;

/** A facility row with sensible defaults. */
export function buildFacility(overrides: Partial<FacilityInsert> = {}): FacilityInsert {
  return {
    id: "f-1",
    name: "CSCom test",
    level: "cscom",
    regionId: "r-1",
    districtId: "d-1",
    lat: 12.6,
    lon: -8,
    source: "test",
    ...overrides,
  };
}

/** A product row with sensible defaults. */
export function buildProduct(overrides: Partial<ProductInsert> = {}): ProductInsert {
  return {
    code: "TEST-PARA-500",
    genericName: "Paracétamol",
    form: "comprimé",
    strength: "500 mg",
    baseUnit: "comprimé",
    packSize: 100,
    packRoundingThreshold: 30,
    roundToZero: false,
    ven: "E",
    programmeCode: "cost_recovery",
    category: "Analgésiques",
    coldChain: false,
    pricePerPackXof: 1500,
    packWeightG: 120,
    packVolumeCm3: 300,
    ...overrides,
  };
}

/** A migrated in-memory database with programmes, one region, one district, the given facilities and products. */
export function smallDb(input: {
  facilities: Partial<FacilityInsert>[];
  products: Partial<ProductInsert>[];
}): OpenDb & { productIds: number[] } {
  const open = openDb(":memory:");
  const { db } = open;
  db.insert(programmes).values(PROGRAMMES).run();
  db.insert(fundingSources).values(FUNDING_SOURCES).run();
  db.insert(regions)
    .values({ id: "r-1", name: "Région test", capital: "Test", capitalLat: 12.6, capitalLon: -8, source: "test" })
    .run();
  db.insert(districts).values({ id: "d-1", name: "District test", regionId: "r-1", source: "test" }).run();
  db.insert(facilities)
    .values(input.facilities.map((f) => buildFacility(f)))
    .run();
  const productIds = db
    .insert(products)
    .values(input.products.map((p) => buildProduct(p)))
    .returning({ id: products.id })
    .all()
    .map((r) => r.id);
  return { ...open, productIds };
}
