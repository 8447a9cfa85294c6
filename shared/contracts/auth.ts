/** Sign-in and the signed-in user. */
import { z } from "zod";

export const LoginRequest = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const Role = z.enum([
  "admin",
  "procurement_officer",
  "regional_manager",
  "district_pharmacist",
  "storekeeper",
  "cscom_manager",
  "driver",
]);
export type Role = z.infer<typeof Role>;

export const MeSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  scopeRegionId: z.string().nullable(),
  scopeDistrictId: z.string().nullable(),
  scopeFacilityId: z.string().nullable(),
});
export type Me = z.infer<typeof MeSchema>;

/** Password change: the current password, and a new one of at least 10 characters. */
export const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(10, "at least 10 characters").max(256),
});
