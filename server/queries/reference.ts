/** Read side of the reference data: regions, districts, facilities, programmes, products. */
import { and, asc, between, count, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../db/client";
import { districts, facilities, products, programmes, regions, supplyLines } from "../../db/schema";
import type { FacilityQuery, ProductQuery } from "../../shared/contracts/reference";
import type {
  Derivation,
  District,
  Facility,
  FacilityDetail,
  Product,
  Programme,
  Region,
} from "../../shared/contracts/reference";
import { searchWords } from "../../shared/domain/text";
import { AppError } from "../../shared/errors";

/** All regions with their facility counts. */
export function listRegions(db: Db): Region[] {
  const counts = new Map(
    db
      .select({ id: facilities.regionId, n: count() })
      .from(facilities)
      .groupBy(facilities.regionId)
      .all()
      .map((r) => [r.id, r.n]),
  );
  return db
    .select()
    .from(regions)
    .orderBy(asc(regions.name))
    .all()
    .map((r) => ({
      id: r.id,
      name: r.name,
      capital: r.capital,
      capitalLat: r.capitalLat,
      capitalLon: r.capitalLon,
      hasBoundary: r.boundaryGeojson !== null,
      facilityCount: counts.get(r.id) ?? 0,
    }));
}

/** Region boundaries as a GeoJSON FeatureCollection (regions without a polygon are left out). */
export function regionBoundaries(db: Db) {
  const features = db
    .select({ id: regions.id, name: regions.name, geometry: regions.boundaryGeojson })
    .from(regions)
    .all()
    .filter((r) => r.geometry !== null)
    .map((r) => ({
      type: "Feature" as const,
      properties: { id: r.id, name: r.name },
      geometry: JSON.parse(r.geometry!) as unknown,
    }));
  return { type: "FeatureCollection" as const, features };
}

/** Health districts, optionally of one region, with their depot and CSCom count. */
export function listDistricts(db: Db, regionId?: string): District[] {
  const depots = db
    .select({ id: facilities.id, districtId: facilities.districtId })
    .from(facilities)
    .where(eq(facilities.level, "district"))
    .all();
  const depotOf = new Map(depots.map((d) => [d.districtId, d.id]));
  const cscoms = new Map(
    db
      .select({ id: facilities.districtId, n: count() })
      .from(facilities)
      .where(eq(facilities.level, "cscom"))
      .groupBy(facilities.districtId)
      .all()
      .map((r) => [r.id, r.n]),
  );
  return db
    .select()
    .from(districts)
    .where(regionId ? eq(districts.regionId, regionId) : undefined)
    .orderBy(asc(districts.name))
    .all()
    .map((d) => ({
      id: d.id,
      name: d.name,
      regionId: d.regionId,
      depotId: depotOf.get(d.id) ?? null,
      cscomCount: cscoms.get(d.id) ?? 0,
    }));
}

const supplierSql = sql<
  string | null
>`(select ${supplyLines.supplierId} from ${supplyLines} where ${supplyLines.facilityId} = ${facilities.id} and ${supplyLines.programmeCode} = 'cost_recovery')`;

/** Facilities filtered by level, region, district, bounding box and name; paged. */
export function listFacilities(
  db: Db,
  q: z.infer<typeof FacilityQuery>,
): { items: Facility[]; total: number; limit: number; offset: number } {
  const where = and(
    q.status === "all" ? undefined : eq(facilities.active, q.status === "open"),
    q.level ? eq(facilities.level, q.level) : undefined,
    q.regionId ? eq(facilities.regionId, q.regionId) : undefined,
    q.districtId ? eq(facilities.districtId, q.districtId) : undefined,
    q.bbox
      ? and(between(facilities.lon, q.bbox[0], q.bbox[2]), between(facilities.lat, q.bbox[1], q.bbox[3]))
      : undefined,
    q.q ? searchSql(sql`${facilities.name}`, q.q) : undefined,
  );
  const total = db.select({ n: count() }).from(facilities).where(where).get()?.n ?? 0;
  const rows = db
    .select({ f: facilities, supplierId: supplierSql })
    .from(facilities)
    .where(where)
    .orderBy(asc(facilities.level), asc(facilities.name), asc(facilities.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  return { items: rows.map((r) => presentFacility(r.f, r.supplierId)), total, limit: q.limit, offset: q.offset };
}

/** One facility with its region, district and supply lines; 404 when unknown. */
export function getFacility(db: Db | Tx, id: string): FacilityDetail {
  const row = db
    .select({ f: facilities, regionName: regions.name, districtName: districts.name, supplierId: supplierSql })
    .from(facilities)
    .innerJoin(regions, eq(regions.id, facilities.regionId))
    .leftJoin(districts, eq(districts.id, facilities.districtId))
    .where(eq(facilities.id, id))
    .get();
  if (!row) throw new AppError("not_found", `Unknown facility ${id}`);
  const lines = db
    .select({
      programmeCode: supplyLines.programmeCode,
      supplierId: supplyLines.supplierId,
      supplierName: facilities.name,
    })
    .from(supplyLines)
    .innerJoin(facilities, eq(facilities.id, supplyLines.supplierId))
    .where(eq(supplyLines.facilityId, id))
    .orderBy(asc(supplyLines.programmeCode))
    .all();
  return {
    ...presentFacility(row.f, row.supplierId),
    regionName: row.regionName,
    districtName: row.districtName,
    supplyLines: lines,
  };
}

function presentFacility(f: typeof facilities.$inferSelect, supplierId: string | null): Facility {
  return {
    id: f.id,
    name: f.name,
    code: f.code,
    level: f.level,
    regionId: f.regionId,
    districtId: f.districtId,
    lat: f.lat,
    lon: f.lon,
    opensAt: f.opensAt,
    closesAt: f.closesAt,
    rainySeasonAccess: f.rainySeasonAccess,
    insecure: f.insecure,
    source: f.source,
    derivation: readDerivation(f.derivationNote),
    contactPhone: f.contactPhone,
    active: f.active,
    closedAt: f.closedAt,
    supplierId,
  };
}

/** Sentences older seeds stored as derivation notes, read back as their key (databases seeded before notes were keys). */
const LEGACY_NOTES: [RegExp, Derivation["key"]][] = [
  [/^District depot placed at the OSM CSRéf/, "depot_at_csref"],
  [/^Approximate location in Bamako/, "central_approximate"],
  [/^Placed at the regional capital/, "regional_capital"],
  [/^District derived: nearest district depot/, "nearest_depot"],
  [/^Synthetic CSCom/, "synthetic"],
];

/** A facility's stored derivation note (a key and values as JSON, or an older seed's sentence) as a key and values. */
export function readDerivation(stored: string | null): Derivation | null {
  if (!stored) return null;
  if (stored.startsWith("{")) return JSON.parse(stored) as Derivation;
  const legacy = LEGACY_NOTES.find(([pattern]) => pattern.test(stored));
  if (!legacy) return null;
  const km = /([\d.]+) km/.exec(stored);
  const values = { demoFlags: /demo values/.test(stored), ...(km ? { km: Number(km[1]) } : {}) };
  return { key: legacy[1], values };
}

/** Every word of the search in the text, whatever the case and accents (fold() is shared/domain/text's foldText). */
function searchSql(text: SQL, query: string): SQL | undefined {
  const words = searchWords(query);
  if (words.length === 0) return undefined;
  return and(...words.map((w) => sql`instr(fold(${text}), ${w}) > 0`));
}

/** Programmes with their product counts. */
export function listProgrammes(db: Db): Programme[] {
  const counts = new Map(
    db
      .select({ code: products.programmeCode, n: count() })
      .from(products)
      .groupBy(products.programmeCode)
      .all()
      .map((r) => [r.code, r.n]),
  );
  return db
    .select()
    .from(programmes)
    .orderBy(asc(programmes.code))
    .all()
    .map((p) => ({ ...p, productCount: counts.get(p.code) ?? 0 }));
}

/** Products, optionally of one programme or matching a name or code. */
export function listProducts(
  db: Db,
  q: z.infer<typeof ProductQuery>,
): { items: Product[]; total: number; limit: number; offset: number } {
  const where = and(
    q.status === "all" ? undefined : eq(products.active, q.status === "active"),
    q.programme ? eq(products.programmeCode, q.programme) : undefined,
    q.q
      ? searchSql(
          sql`${products.genericName} || ' ' || ${products.strength} || ' ' || ${products.form} || ' ' || ${products.code}`,
          q.q,
        )
      : undefined,
  );
  const total = db.select({ n: count() }).from(products).where(where).get()?.n ?? 0;
  const items = db
    .select()
    .from(products)
    .where(where)
    .orderBy(asc(products.programmeCode), asc(products.genericName))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  return { items, total, limit: q.limit, offset: q.offset };
}
