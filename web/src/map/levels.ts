/** How each facility level looks on the map: colour (WCAG AA against white text-free markers), size and order. */
import type { FacilityLevel } from "@shared/contracts/reference";

/** Levels shown on the network map, from the top of the supply chain down. */
export const MAP_LEVELS = ["central", "regional", "district", "cscom"] as const satisfies readonly FacilityLevel[];
/** A level shown on the network map. */
export type MapLevel = (typeof MAP_LEVELS)[number];

/** Marker style per level: higher levels are bigger and drawn on top. */
export const LEVEL_STYLE: Record<MapLevel, { colour: string; radiusPx: number }> = {
  central: { colour: "#6a1b9a", radiusPx: 10 },
  regional: { colour: "#c62828", radiusPx: 8 },
  district: { colour: "#e65100", radiusPx: 6 },
  cscom: { colour: "#1565c0", radiusPx: 4 },
};

/** True when a level is one the map draws. */
export function isMapLevel(level: string): level is MapLevel {
  return (MAP_LEVELS as readonly string[]).includes(level);
}
