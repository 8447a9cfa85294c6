/** Which depots a user works for on the fulfilment screen, and the default one (pure, tested). */
import type { Me } from "@shared/contracts/auth";
import type { District, Facility } from "@shared/contracts/reference";

const DEPOT_LEVELS = new Set(["central", "regional", "district"]);
const RANK: Record<string, number> = { central: 0, regional: 1, district: 2 };

/** The depots (central, regional or district stores) the user may fulfil from, their own first. */
export function depotChoices(me: Me, facilities: Facility[], districts: District[]): Facility[] {
  const depots = facilities.filter((f) => DEPOT_LEVELS.has(f.level));
  const sorted = (list: Facility[]) =>
    [...list].sort((a, b) => RANK[a.level]! - RANK[b.level]! || a.name.localeCompare(b.name, "fr"));
  switch (me.role) {
    case "storekeeper":
      return depots.filter((f) => f.id === me.scopeFacilityId);
    case "district_pharmacist": {
      const depotId = districts.find((d) => d.id === me.scopeDistrictId)?.depotId;
      return depots.filter((f) => f.id === depotId);
    }
    case "regional_manager":
      return sorted(depots.filter((f) => f.regionId === me.scopeRegionId));
    case "admin":
    case "procurement_officer":
      return sorted(depots);
    default:
      return [];
  }
}
