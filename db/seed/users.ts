/** The first administrator and the demo users (one per role, demo mode only). */
import type { users } from "../schema";

type UserRow = Omit<typeof users.$inferInsert, "passwordHash" | "createdAt">;

/** Password of every demo user (documented in the README; demo mode only). */
export const DEMO_PASSWORD = "fura-demo-2026";

/** Demo users, one per role, scoped to the Kati district (Koulikoro) where relevant. */
export function demoUsers(ids: { katiDepot: string; katiCscom: string }): UserRow[] {
  return [
    { username: "ppm.achats", displayName: "Awa Traoré (PPM, achats)", role: "procurement_officer" },
    {
      username: "region.koulikoro",
      displayName: "Moussa Coulibaly (magasin régional de Koulikoro)",
      role: "regional_manager",
      scopeRegionId: "koulikoro",
    },
    {
      username: "pharmacien.kati",
      displayName: "Fatoumata Diarra (pharmacienne, district de Kati)",
      role: "district_pharmacist",
      scopeRegionId: "koulikoro",
      scopeDistrictId: "kati",
    },
    {
      username: "magasin.kati",
      displayName: "Ibrahim Keïta (magasinier, DRC de Kati)",
      role: "storekeeper",
      scopeRegionId: "koulikoro",
      scopeDistrictId: "kati",
      scopeFacilityId: ids.katiDepot,
    },
    {
      username: "cscom.kati",
      displayName: "Aminata Sidibé (gérante de DV, CSCom)",
      role: "cscom_manager",
      scopeRegionId: "koulikoro",
      scopeDistrictId: "kati",
      scopeFacilityId: ids.katiCscom,
    },
    {
      username: "chauffeur.kati",
      displayName: "Bakary Sangaré (chauffeur, DRC de Kati)",
      role: "driver",
      scopeRegionId: "koulikoro",
      scopeDistrictId: "kati",
      scopeFacilityId: ids.katiDepot,
    },
  ];
}
