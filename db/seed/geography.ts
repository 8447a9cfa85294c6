/**
 * Builds regions, health districts and facilities from the bundled Mali data (db/seed/data/mali,
 * OSM / GeoNames / Natural Earth; see SOURCES.md there). Links the data does not hold are derived
 * here and every derived value says so in the facility's derivationNote.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import type { facilities as facilitiesTable, districts as districtsTable, regions as regionsTable } from "../schema";
import type { Derivation } from "../../shared/contracts/reference";
import { foldText } from "../../shared/domain/text";
import { unitHash } from "./random";

const DATA = (f: string) => fileURLToPath(new URL(`./data/mali/${f}`, import.meta.url));

function readCsv(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(DATA(file), "utf8"), { header: true, skipEmptyLines: true })
    .data;
}

/** "Ségou" → "segou", "Bamako Commune 1" → "bamako-commune-1". */
export function slug(s: string): string {
  return foldText(s)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Great-circle distance in km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

type RegionRow = typeof regionsTable.$inferInsert;
type DistrictRow = typeof districtsTable.$inferInsert;
type FacilityRow = typeof facilitiesTable.$inferInsert;

/** Everything the geography seed inserts, plus the supply line of each facility. */
export interface Geography {
  regions: RegionRow[];
  districts: DistrictRow[];
  facilities: FacilityRow[];
  /** facility id → supplier facility id (same for every programme in the demo network) */
  supplierOf: Map<string, string>;
}

const NORTH = new Set(["gao", "kidal", "tombouctou", "menaka", "taoudenit"]);
/** Korofina's CSRéf is the referral centre of Bamako Commune I (see SOURCES.md §2). */
const DISTRICT_ALIASES: Record<string, string> = { korofina: "bamako-commune-1" };

function titleCase(s: string): string {
  return s === s.toUpperCase() || s === s.toLowerCase() ? s.charAt(0).toUpperCase() + s.slice(1).toLowerCase() : s;
}

/** Regions from mali_regions.csv with their Natural Earth polygons. */
function buildRegions(): RegionRow[] {
  const geo = JSON.parse(readFileSync(DATA("mali_regions_ne10m.geojson"), "utf8")) as {
    features: { properties: { region: string }; geometry: unknown }[];
  };
  const polygons = new Map(geo.features.map((f) => [slug(f.properties.region), JSON.stringify(f.geometry)]));
  return readCsv("mali_regions.csv").map((r) => ({
    id: slug(r.region!),
    name: r.region!,
    capital: r.region === "Tombouctou" ? "Tombouctou" : r.capital === "Taoudenni" ? "Taoudéni" : r.capital!,
    capitalLat: Number(r.capital_lat),
    capitalLon: Number(r.capital_lon),
    boundaryGeojson: polygons.get(slug(r.region!)) ?? null,
    source: "GeoNames (CC BY 4.0) capitals; Natural Earth (public domain) pre-2016 polygons",
  }));
}

/** Demo access and security flags: a deterministic stand-in, not an official assessment. */
function demoFlags(id: string, regionId: string): Pick<FacilityRow, "insecure" | "rainySeasonAccess"> {
  const u = unitHash(`flags:${id}`);
  const insecure = NORTH.has(regionId) || (regionId === "mopti" && u < 0.5) || (regionId === "segou" && u < 0.1);
  const wet = unitHash(`rain:${id}`);
  const floodProne = regionId === "mopti" ? 0.4 : 0.12;
  const rainySeasonAccess = wet < floodProne * 0.3 ? "closed" : wet < floodProne ? "slow" : "all_year";
  return { insecure, rainySeasonAccess };
}

/** The derivation note stored with a facility: a key and values (shared/contracts/reference Derivation), never a sentence. */
const note = (key: Derivation["key"], values: Derivation["values"]) => JSON.stringify({ key, values });

/** Builds the whole demo geography. */
export function buildGeography(): Geography {
  const regions = buildRegions();
  const regionIds = new Set(regions.map((r) => r.id));
  const cercleRegion = new Map(readCsv("mali_cercles.csv").map((c) => [slug(c.cercle!), slug(c.region_2016!)]));

  // District depots: one per distinct district name among the OSM CSRéfs.
  const districts = new Map<string, DistrictRow>();
  const depots = new Map<string, FacilityRow>();
  for (const c of readCsv("mali_csref_districts_osm.csv")) {
    if (!c.district_from_name || c.note) continue;
    const id = DISTRICT_ALIASES[slug(c.district_from_name)] ?? slug(c.district_from_name);
    if (districts.has(id)) continue;
    const regionId = (c.matches_cercle && cercleRegion.get(slug(c.matches_cercle))) || slug(c.region_ne!);
    if (!regionIds.has(regionId)) continue;
    districts.set(id, {
      id,
      name: titleCase(c.district_from_name),
      regionId,
      source: "OSM CSRéf name (ODbL); region from GeoNames cercle when the name matches one",
    });
    depots.set(id, {
      id: c.facility_id!,
      name: `Dépôt répartiteur — ${c.name}`,
      level: "district",
      regionId,
      districtId: id,
      lat: Number(c.lat),
      lon: Number(c.lon),
      opensAt: "07:30",
      closesAt: "17:00",
      ...demoFlags(c.facility_id!, regionId),
      source: "osm",
      derivationNote: note("depot_at_csref", { demoFlags: true }),
    });
  }

  const central: FacilityRow = {
    id: "ppm-central",
    name: "PPM — Magasin central, Bamako",
    level: "central",
    regionId: "bamako",
    lat: 12.6418,
    lon: -7.9897,
    opensAt: "07:30",
    closesAt: "17:00",
    insecure: false,
    rainySeasonAccess: "all_year",
    source: "approximation",
    derivationNote: note("central_approximate", { demoFlags: false }),
  };
  const regionalStores: FacilityRow[] = regions
    .filter((r) => r.id !== "bamako")
    .map((r) => ({
      id: `ppm-${r.id}`,
      name: `PPM — Magasin régional de ${r.capital}`,
      level: "regional",
      regionId: r.id,
      lat: r.capitalLat,
      lon: r.capitalLon,
      opensAt: "07:30",
      closesAt: "17:00",
      ...demoFlags(`ppm-${r.id}`, r.id),
      source: "geonames",
      derivationNote: note("regional_capital", { demoFlags: true }),
    }));

  const depotList = [...depots.values()];
  const cscoms: FacilityRow[] = [];
  for (const f of readCsv("mali_health_facilities_osm.csv")) {
    if (f.facility_type !== "CSCom" || !f.name) continue;
    const lat = Number(f.lat);
    const lon = Number(f.lon);
    const sameRegion = depotList.filter((d) => regionOfPolygon(d.regionId) === slug(f.region_ne!));
    const pool = sameRegion.length > 0 ? sameRegion : depotList;
    const nearest = pool.reduce((best, d) =>
      haversineKm(lat, lon, d.lat, d.lon) < haversineKm(lat, lon, best.lat, best.lon) ? d : best,
    );
    const km = haversineKm(lat, lon, nearest.lat, nearest.lon).toFixed(1);
    cscoms.push({
      id: f.facility_id!,
      name: f.name,
      level: "cscom",
      regionId: nearest.regionId,
      districtId: nearest.districtId!,
      lat,
      lon,
      opensAt: "08:00",
      closesAt: "16:00",
      ...demoFlags(f.facility_id!, nearest.regionId),
      source: "osm",
      derivationNote: note("nearest_depot", { km: Number(km), demoFlags: true }),
    });
  }

  const supplierOf = new Map<string, string>();
  for (const r of regionalStores) supplierOf.set(r.id!, central.id!);
  for (const d of depotList) supplierOf.set(d.id!, d.regionId === "bamako" ? central.id! : `ppm-${d.regionId}`);
  for (const c of cscoms) supplierOf.set(c.id!, depots.get(c.districtId!)!.id!);

  return {
    regions,
    districts: [...districts.values()],
    facilities: [central, ...regionalStores, ...depotList, ...cscoms],
    supplierOf,
  };
}

/** The Natural Earth (pre-2016) polygon a region's facilities fall in: Ménaka in Gao, Taoudénit in Tombouctou. */
function regionOfPolygon(regionId: string): string {
  return regionId === "menaka" ? "gao" : regionId === "taoudenit" ? "tombouctou" : regionId;
}
