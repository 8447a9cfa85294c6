/** Sign-in and the signed-in user. */
import { z } from "zod";
import { ROLES } from "../domain/roles";
import { Username } from "./common";

/** Sign-in: the username is normalised (NFKC, trimmed, lower-cased); the password is taken exactly as typed. */
export const LoginRequest = z.strictObject({
  username: Username,
  password: z.string().min(1).max(256),
});

/** Every role (the one list is shared/domain/roles.ts); what each may do is in shared/domain/access. */
export { ROLES };
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const MeSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  scopeRegionId: z.string().nullable(),
  scopeDistrictId: z.string().nullable(),
  scopeFacilityId: z.string().nullable(),
  /** A temporary password (new account, reset): until it is changed the session may only change it */
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof MeSchema>;

/** A new password: at least 10 characters (the same rule for a change, a new account and a reset). */
export const NewPassword = z.string().min(10, "at least 10 characters").max(256);

/** Password change: the current password, and a new one of at least 10 characters. */
export const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: NewPassword,
});
