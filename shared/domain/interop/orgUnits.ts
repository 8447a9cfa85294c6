/**
 * Import of the facility hierarchy from a DHIS2 organisation-unit export (pure planning; the server loads the
 * context and applies the plan in one transaction: server/interop/orgUnitImport.ts).
 *
 * Which units: those at a DHIS2 level mapped to a Fura facility level (Mali: level 4 → CSCom, 5 → ASC site);
 * the country, regions and districts are areas, reported but never created (Fura's regions and health districts
 * are reference data). Optionally only the units under `rootUid`.
 *
 * Matching a unit to a Fura facility, in order:
 * 1. the unit's UID is already linked to a facility (dhis2_org_units);
 * 2. the unit's code equals a facility id (a facility created from DHIS2 takes the unit's code as its id);
 * 3. one unlinked facility of the same level in the same district has the same name (accents, case, punctuation
 *    and a leading "CSCom" ignored) — shown as matched by name, so the preview can be checked; two or more →
 *    an error (`orgUnit.ambiguousName`), never a guess;
 * otherwise the unit is created.
 *
 * Region and district of a unit come from its ancestors (`path`, else the `parent` chain inside the export): the
 * ancestor at the region level names the Fura region, the one at the district level the health district. An
 * ancestor matches a Fura region / district by code (= Fura id) or by name, once common prefixes are dropped
 * ("Région de", "DRS", "District sanitaire de", "DS", "CSRéf de"…) and accents, case and punctuation ignored.
 * Limits: a district renamed or split since Fura's reference data (the 2016 regions, the 75 districts of
 * PRODUCT.md §2) does not match and its units are refused (`orgUnit.districtUnmatched`) until the district
 * exists in Fura; a unit moved to another district is refused (`orgUnit.districtChanged`): moving a facility
 * changes its supply lines, its users' scope and open orders, so it is done by hand.
 *
 * Updates: name, coordinates (a Point geometry; polygons are not reduced to a point), and closing (a closedDate
 * on or before today makes the facility inactive — a facility is never reactivated by an import), plus the link.
 * A unit to create needs a Point: a facility without coordinates cannot be placed on the map or on a route.
 */
import { normalizeHeader } from "./sheet";
import type { OrgUnitLink } from "./mappingImport";

/** A Fura facility level an organisation unit may become. */
export type ImportLevel = "cscom" | "asc";

/** One organisation unit of the export (already validated by the contract). */
export interface OrgUnitInput {
  id: string;
  code?: string | undefined;
  name: string;
  level: number;
  parent?: { id: string } | undefined;
  path?: string | undefined;
  geometry?: { type: string; coordinates?: unknown } | null | undefined;
  coordinates?: string | undefined;
  featureType?: string | undefined;
  closedDate?: string | undefined;
}

/** What the planner knows of Fura. */
export interface OrgUnitContext {
  /** Today, ISO date */
  asOf: string;
  regions: { id: string; name: string }[];
  districts: { id: string; name: string; regionId: string }[];
  facilities: {
    id: string;
    name: string;
    level: string;
    regionId: string;
    districtId: string | null;
    lat: number;
    lon: number;
    active: boolean;
  }[];
  links: OrgUnitLink[];
}

/** Levels of the hierarchy. */
export interface OrgUnitLevelsInput {
  region: number;
  district: number;
  facilities: Record<string, ImportLevel>;
}

type Issue = { code: string; values: Record<string, string | number> };
type Scalar = string | number | boolean | null;

/** A new facility, or the changes to one. */
export type OrgUnitWrite =
  | {
      kind: "create";
      facility: {
        id: string;
        name: string;
        level: ImportLevel;
        regionId: string;
        districtId: string;
        lat: number;
        lon: number;
        active: boolean;
      };
      /** The Fura facility of the unit's parent, when there is one (an ASC site's CSCom) */
      parentFacilityId: string | null;
      link: OrgUnitLink;
      path: string[];
    }
  | {
      kind: "update";
      facilityId: string;
      set: { name?: string; lat?: number; lon?: number; active?: boolean };
      /** The link to write, when it is new or changed */
      link: OrgUnitLink | null;
    };

/** One row of the preview. */
export interface OrgUnitPlanRow {
  index: number;
  uid: string;
  code: string | null;
  name: string;
  level: number;
  action: "create" | "update" | "unchanged" | "error" | "ignored";
  facilityId: string | null;
  matchedBy: "link" | "code" | "name" | null;
  furaLevel: ImportLevel | null;
  regionId: string | null;
  districtId: string | null;
  changes: { field: string; before: Scalar; after: Scalar }[];
  errors: Issue[];
  warnings: Issue[];
}

/** The preview and the writes of the rows without error. */
export interface OrgUnitPlan {
  rows: OrgUnitPlanRow[];
  counts: Record<OrgUnitPlanRow["action"], number>;
  writes: OrgUnitWrite[];
}

const AREA_PREFIXES = [
  "region_sanitaire_de_",
  "region_de_",
  "region_du_",
  "region_d_",
  "region_",
  "drs_de_",
  "drs_",
  "district_sanitaire_de_",
  "district_sanitaire_d_",
  "district_sanitaire_",
  "district_de_",
  "district_d_",
  "district_",
  "ds_de_",
  "ds_",
  "csref_de_",
  "csref_d_",
  "csref_",
];

/** Comparable form of a region or district name ("Région de Ségou" → "segou"; "DS Commune I" → "communei"). */
export function areaKey(name: string): string {
  let n = normalizeHeader(name);
  // "DS District sanitaire de Kati": drop prefixes while one leads.
  for (let again = true; again;) {
    again = false;
    for (const p of AREA_PREFIXES)
      if (n.startsWith(p) && n.length > p.length) {
        n = n.slice(p.length);
        again = true;
        break;
      }
  }
  return n.replace(/_/g, "");
}

/** Comparable form of a facility name ("CSCom de Kalaban-Coro" → "kalabancoro"). */
export function facilityKey(name: string): string {
  let n = normalizeHeader(name);
  for (const p of ["cscom_de_", "cscom_d_", "cscom_du_", "cscom_", "centre_de_sante_communautaire_de_"])
    if (n.startsWith(p) && n.length > p.length) {
      n = n.slice(p.length);
      break;
    }
  return n.replace(/_/g, "");
}

/** [lat, lon] of a Point geometry (2.32+) or of the older `coordinates` string, if valid. */
export function pointOf(ou: OrgUnitInput): { lat: number; lon: number } | null {
  let coords: unknown = null;
  if (ou.geometry && ou.geometry.type === "Point") coords = ou.geometry.coordinates;
  else if (ou.coordinates && (ou.featureType ?? "POINT").toUpperCase() === "POINT") {
    try {
      coords = JSON.parse(ou.coordinates);
    } catch {
      return null;
    }
  }
  if (!Array.isArray(coords) || coords.length < 2) return null;
  const [lon, lat] = coords as unknown[];
  if (typeof lon !== "number" || typeof lat !== "number") return null;
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return null;
  return { lat, lon };
}

const FACILITY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** Plans the import of `units` against Fura. */
export function planOrgUnitImport(
  units: OrgUnitInput[],
  levels: OrgUnitLevelsInput,
  ctx: OrgUnitContext,
  options: { rootUid?: string | undefined } = {},
): OrgUnitPlan {
  const byUid = new Map<string, OrgUnitInput>();
  for (const u of units) if (!byUid.has(u.id)) byUid.set(u.id, u);
  const regionByKey = new Map<string, string>();
  for (const r of ctx.regions) {
    regionByKey.set(areaKey(r.name), r.id);
    regionByKey.set(areaKey(r.id), r.id);
  }
  const districtsByKey = new Map<string, { id: string; regionId: string }[]>();
  for (const d of ctx.districts)
    for (const k of new Set([areaKey(d.name), areaKey(d.id)]))
      districtsByKey.set(k, [...(districtsByKey.get(k) ?? []), { id: d.id, regionId: d.regionId }]);
  const facilityById = new Map(ctx.facilities.map((f) => [f.id, f]));
  const linkByUid = new Map(ctx.links.map((l) => [l.orgUnitUid, l]));
  const linkByFacility = new Map(ctx.links.map((l) => [l.facilityId, l]));
  const regionIds = new Set(ctx.regions.map((r) => r.id));
  const districtIds = new Set(ctx.districts.map((d) => d.id));

  /** Ancestors from the root down (without the unit itself). */
  const ancestors = (u: OrgUnitInput): string[] => {
    if (u.path) return u.path.split("/").filter((p) => p !== "" && p !== u.id);
    const chain: string[] = [];
    let p = u.parent?.id;
    while (p && !chain.includes(p) && chain.length < 20) {
      chain.unshift(p);
      p = byUid.get(p)?.parent?.id;
    }
    return chain;
  };
  const atLevel = (chain: string[], level: number): OrgUnitInput | null | undefined => {
    // The path lists one ancestor per level from 1: the one at `level` is chain[level - 1] when complete.
    const found = chain.map((id) => byUid.get(id)).find((a) => a?.level === level);
    if (found) return found;
    return chain.length >= level ? null : undefined; // null: present in the path but not in the export
  };
  const matchRegion = (ou: OrgUnitInput): string | null => {
    if (ou.code && regionIds.has(ou.code)) return ou.code;
    return regionByKey.get(areaKey(ou.name)) ?? null;
  };
  const matchDistrict = (ou: OrgUnitInput, regionId: string | null): string | null => {
    if (ou.code && districtIds.has(ou.code)) return ou.code;
    const candidates = (districtsByKey.get(areaKey(ou.name)) ?? []).filter(
      (d) => regionId === null || d.regionId === regionId,
    );
    return candidates.length === 1 ? candidates[0]!.id : null;
  };

  const rows: OrgUnitPlanRow[] = [];
  const writes: OrgUnitWrite[] = [];
  const seenUid = new Set<string>();
  const claimed = new Map<string, string>(); // facility id → uid that matched or created it
  const facilityOfUid = new Map<string, string>();

  units.forEach((ou, index) => {
    const row: OrgUnitPlanRow = {
      index,
      uid: ou.id,
      code: ou.code ?? null,
      name: ou.name,
      level: ou.level,
      action: "ignored",
      facilityId: null,
      matchedBy: null,
      furaLevel: null,
      regionId: null,
      districtId: null,
      changes: [],
      errors: [],
      warnings: [],
    };
    rows.push(row);
    const err = (code: string, values: Record<string, string | number> = {}) => row.errors.push({ code, values });
    const warn = (code: string, values: Record<string, string | number> = {}) => row.warnings.push({ code, values });
    if (seenUid.has(ou.id)) {
      err("orgUnit.duplicateUid", { uid: ou.id });
      row.action = "error";
      return;
    }
    seenUid.add(ou.id);
    const chain = ancestors(ou);
    if (options.rootUid && ou.id !== options.rootUid && !chain.includes(options.rootUid)) {
      warn("orgUnit.outsideRoot", { rootUid: options.rootUid });
      return;
    }

    // Region and district from the ancestors (or the unit itself at those levels).
    const regionOu = ou.level === levels.region ? ou : atLevel(chain, levels.region);
    const districtOu = ou.level === levels.district ? ou : atLevel(chain, levels.district);
    const regionId = regionOu ? matchRegion(regionOu) : null;
    row.districtId = districtOu ? matchDistrict(districtOu, regionId) : null;
    // A matched district decides the region (Fura's districts belong to one region).
    row.regionId = row.districtId ? ctx.districts.find((d) => d.id === row.districtId)!.regionId : regionId;

    const furaLevel = levels.facilities[String(ou.level)];
    if (!furaLevel) {
      if (ou.level === levels.region && !row.regionId) warn("orgUnit.regionUnmatched", { name: ou.name });
      if (ou.level === levels.district && !row.districtId) warn("orgUnit.districtUnmatched", { name: ou.name });
      return;
    }
    row.furaLevel = furaLevel;

    // Match an existing facility.
    let facility: OrgUnitContext["facilities"][number] | undefined;
    const linked = linkByUid.get(ou.id);
    if (linked) {
      facility = facilityById.get(linked.facilityId);
      row.matchedBy = "link";
    } else if (ou.code && facilityById.has(ou.code)) {
      const other = linkByFacility.get(ou.code);
      if (other && other.orgUnitUid !== ou.id)
        err("orgUnit.codeTaken", { facilityId: ou.code, orgUnit: other.orgUnitUid });
      facility = facilityById.get(ou.code);
      row.matchedBy = "code";
    } else if (row.districtId) {
      const key = facilityKey(ou.name);
      const same = ctx.facilities.filter(
        (f) =>
          f.level === furaLevel &&
          f.districtId === row.districtId &&
          !linkByFacility.has(f.id) &&
          facilityKey(f.name) === key,
      );
      if (same.length > 1) err("orgUnit.ambiguousName", { count: same.length });
      else if (same.length === 1) {
        facility = same[0];
        row.matchedBy = "name";
      }
    }
    if (facility) {
      const by = claimed.get(facility.id);
      if (by !== undefined) err("orgUnit.facilityTaken", { facilityId: facility.id, orgUnit: by });
      claimed.set(facility.id, ou.id);
    }

    const point = pointOf(ou);
    const closed = ou.closedDate !== undefined && ou.closedDate.slice(0, 10) <= ctx.asOf;
    const link: OrgUnitLink = {
      facilityId: facility?.id ?? "",
      orgUnitUid: ou.id,
      orgUnitCode: ou.code ?? null,
      orgUnitName: ou.name,
    };

    if (facility) {
      row.facilityId = facility.id;
      if (!row.districtId) {
        if (districtOu) warn("orgUnit.districtUnmatched", { name: districtOu.name });
      } else if (facility.districtId !== row.districtId) {
        err("orgUnit.districtChanged", { from: facility.districtId ?? "", to: row.districtId });
      }
      row.regionId = facility.regionId;
      row.districtId = facility.districtId;
      const set: Extract<OrgUnitWrite, { kind: "update" }>["set"] = {};
      if (ou.name.trim() !== facility.name) {
        set.name = ou.name.trim();
        row.changes.push({ field: "name", before: facility.name, after: set.name });
      }
      if (point && (Math.abs(point.lat - facility.lat) > 1e-6 || Math.abs(point.lon - facility.lon) > 1e-6)) {
        set.lat = point.lat;
        set.lon = point.lon;
        row.changes.push({ field: "lat", before: facility.lat, after: point.lat });
        row.changes.push({ field: "lon", before: facility.lon, after: point.lon });
      }
      if (!point) warn("orgUnit.noCoordinates");
      if (closed && facility.active) {
        set.active = false;
        row.changes.push({ field: "active", before: true, after: false });
      }
      const was = linkByFacility.get(facility.id);
      // A unit exported without its code keeps the code stored with the link.
      link.orgUnitCode = ou.code ?? (was?.orgUnitUid === ou.id ? was.orgUnitCode : null);
      if (!was || was.orgUnitUid !== link.orgUnitUid)
        row.changes.push({ field: "orgUnit", before: was?.orgUnitUid ?? null, after: link.orgUnitUid });
      else {
        if (was.orgUnitCode !== link.orgUnitCode)
          row.changes.push({ field: "orgUnitCode", before: was.orgUnitCode, after: link.orgUnitCode });
        if (was.orgUnitName !== link.orgUnitName)
          row.changes.push({ field: "orgUnitName", before: was.orgUnitName, after: link.orgUnitName });
      }
      const newLink = row.changes.some((c) => c.field.startsWith("orgUnit")) ? link : null;
      if (row.errors.length > 0) {
        row.action = "error";
        return;
      }
      facilityOfUid.set(ou.id, facility.id);
      if (row.changes.length === 0) {
        row.action = "unchanged";
        return;
      }
      row.action = "update";
      writes.push({ kind: "update", facilityId: facility.id, set, link: newLink });
      return;
    }

    // Create.
    if (!districtOu) err("orgUnit.noParent", { level: levels.district });
    else if (!row.districtId) err("orgUnit.districtUnmatched", { name: districtOu.name });
    if (!point) err("orgUnit.noCoordinates");
    const id = ou.code && FACILITY_ID.test(ou.code) ? ou.code : `dhis2-${ou.id}`;
    if (facilityById.has(id) || claimed.has(id)) err("orgUnit.idTaken", { facilityId: id });
    row.facilityId = id;
    if (row.errors.length > 0) {
      row.action = "error";
      return;
    }
    claimed.set(id, ou.id);
    facilityOfUid.set(ou.id, id);
    const parentFacilityId = ou.parent ? (facilityOfUid.get(ou.parent.id) ?? null) : null;
    row.action = "create";
    row.changes.push(
      { field: "name", before: null, after: ou.name.trim() },
      { field: "level", before: null, after: furaLevel },
      { field: "districtId", before: null, after: row.districtId },
    );
    if (closed) warn("orgUnit.createdClosed", { closedDate: ou.closedDate!.slice(0, 10) });
    writes.push({
      kind: "create",
      facility: {
        id,
        name: ou.name.trim(),
        level: furaLevel,
        regionId: row.regionId!,
        districtId: row.districtId!,
        lat: point!.lat,
        lon: point!.lon,
        active: !closed,
      },
      parentFacilityId,
      link: { ...link, facilityId: id },
      path: chain.map((a) => byUid.get(a)?.name ?? a),
    });
  });

  const counts = { create: 0, update: 0, unchanged: 0, error: 0, ignored: 0 };
  for (const r of rows) counts[r.action]++;
  return { rows, counts, writes };
}
