/** Turns API facilities into the map's plain view models (points with popups) and search entries. */
import type { TFunction } from "i18next";
import type { District, Facility, Region } from "@shared/contracts/reference";
import { escapeHtml, type MapPoint } from "../../map/types";
import { LEVEL_STYLE, MAP_LEVELS, isMapLevel, type MapLevel } from "../../map/levels";
import { foldText } from "@shared/domain/text";

/** A facility with its place names resolved, ready for the list and the map. */
export interface FacilityEntry {
  id: string;
  name: string;
  level: MapLevel;
  lat: number;
  lon: number;
  regionName: string;
  districtName: string | null;
  /** Lower-case, accent-free text searched by the side list */
  haystack: string;
}

/** Resolves region and district names and keeps only the levels the map shows. */
export function toEntries(facilities: Facility[], regions: Region[], districts: District[]): FacilityEntry[] {
  const regionName = new Map(regions.map((r) => [r.id, r.name]));
  const districtName = new Map(districts.map((d) => [d.id, d.name]));
  const entries: FacilityEntry[] = [];
  for (const f of facilities) {
    if (!isMapLevel(f.level)) continue;
    const region = regionName.get(f.regionId) ?? f.regionId;
    const district = f.districtId ? (districtName.get(f.districtId) ?? f.districtId) : null;
    entries.push({
      id: f.id,
      name: f.name,
      level: f.level,
      lat: f.lat,
      lon: f.lon,
      regionName: region,
      districtName: district,
      haystack: foldText(`${f.name} ${district ?? ""} ${region}`),
    });
  }
  return entries;
}

/** Count of facilities per level. */
export function countByLevel(entries: FacilityEntry[]): Record<MapLevel, number> {
  const counts = Object.fromEntries(MAP_LEVELS.map((l) => [l, 0])) as Record<MapLevel, number>;
  for (const e of entries) counts[e.level] += 1;
  return counts;
}

/** Map points for the visible levels; lower levels first so depots are drawn on top of CSComs. */
export function toPoints(entries: FacilityEntry[], visible: ReadonlySet<MapLevel>, t: TFunction): MapPoint[] {
  const order = (level: MapLevel) => MAP_LEVELS.length - MAP_LEVELS.indexOf(level);
  return entries
    .filter((e) => visible.has(e.level))
    .sort((a, b) => order(a.level) - order(b.level))
    .map((e) => ({
      id: e.id,
      lat: e.lat,
      lon: e.lon,
      colour: LEVEL_STYLE[e.level].colour,
      radiusPx: LEVEL_STYLE[e.level].radiusPx,
      label: e.name,
      popupHtml: popupHtml(e, t),
    }));
}

function popupHtml(e: FacilityEntry, t: TFunction): string {
  const place = [
    e.districtName ? escapeHtml(t("map.districtValue", { name: e.districtName })) : null,
    escapeHtml(t("map.regionValue", { name: e.regionName })),
  ]
    .filter(Boolean)
    .join("<br>");
  const href = `/facilities/${encodeURIComponent(e.id)}`;
  return `<div class="popup"><strong class="popup-name">${escapeHtml(e.name)}</strong><div class="popup-level level-${e.level}">${escapeHtml(t(`level.${e.level}`))}</div><div class="popup-place">${place}</div><a class="popup-link" data-route href="${href}">${escapeHtml(t("map.openFacility"))} →</a></div>`;
}
