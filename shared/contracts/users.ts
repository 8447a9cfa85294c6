/** User accounts (administration): list, create, change role and scope, deactivate, reset the password. */
import { z } from "zod";
import { NewPassword, Role } from "./auth";
import { freeText, PageQuery, Username as SignInName } from "./common";
import { DistrictRef, FacilityRef, RegionRef } from "./refs";

/** A new sign-in name: normalised like every username (lower-cased), then letters, digits, '.', '-' and '_' only. */
export const Username = SignInName.pipe(
  z
    .string()
    .min(3, "must have at least 3 characters")
    .regex(/^[a-z0-9._-]+$/, "letters, digits, '.', '-' and '_' only"),
);

/** The name shown everywhere (the audit log, order histories). */
export const DisplayName = freeText({ min: 2, max: 120 });

/**
 * A new account: its role and the scope the role takes (shared/domain/admin/userScope.ts: a region for a regional
 * manager, a district for a district pharmacist, a facility for a storekeeper, CSCom manager or driver, nothing for
 * the national roles), and a temporary password the user must change at first sign-in.
 */
export const UserCreate = z.strictObject({
  username: Username,
  displayName: DisplayName,
  role: Role,
  regionId: RegionRef.optional(),
  districtId: DistrictRef.optional(),
  facilityId: FacilityRef.optional(),
  password: NewPassword,
});
export type UserCreate = z.infer<typeof UserCreate>;

/**
 * A change to an account. `role` or any scope field replaces the whole scope (the fields left out are cleared);
 * `active: false` deactivates it and ends its sessions at once; `password` resets it to a temporary password
 * (sessions ended, to be changed at the next sign-in).
 */
export const UserUpdate = z
  .strictObject({
    displayName: DisplayName.optional(),
    role: Role.optional(),
    regionId: RegionRef.optional(),
    districtId: DistrictRef.optional(),
    facilityId: FacilityRef.optional(),
    active: z.boolean().optional(),
    password: NewPassword.optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: "nothing to change" });
export type UserUpdate = z.infer<typeof UserUpdate>;

/** `GET /users`: a fragment of the username or name, a role, active or not. */
export const UsersQuery = PageQuery.extend({
  q: freeText({ max: 64 }).optional(),
  role: Role.optional(),
  status: z.enum(["active", "inactive", "all"]).default("all"),
}).strict();
export type UsersQuery = z.infer<typeof UsersQuery>;

/** An account as the administration screens show it (never its password). */
export const UserView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  regionId: z.string().nullable(),
  districtId: z.string().nullable(),
  facilityId: z.string().nullable(),
  regionName: z.string().nullable(),
  districtName: z.string().nullable(),
  facilityName: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  /** Sessions open now */
  sessions: z.number().int(),
});
export type UserView = z.infer<typeof UserView>;
