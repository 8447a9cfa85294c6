/**
 * Every role, the one list (the database column, the API, the web's screens); what each may do is in ./access.
 * Kept free of zod (shared/contracts/auth builds its enum from it) so the web's entry chunk can read it.
 */
export const ROLES = [
  "admin",
  "procurement_officer",
  "regional_manager",
  "district_pharmacist",
  "storekeeper",
  "cscom_manager",
  "driver",
] as const;
