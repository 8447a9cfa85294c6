/**
 * The account forms as typed (pure): which scope field a role takes (shared/domain/admin/userScope.ts), the
 * request built from what was typed (only the role's own scope field is sent), the contracts with the role's
 * scope required, and a temporary password suggestion.
 */
import type { z } from "zod";
import type { Role } from "@shared/contracts/auth";
import { UserCreate, UserUpdate, type UserView } from "@shared/contracts/users";
import { ROLE_SCOPE, userScopeProblems, type ScopeGiven } from "@shared/domain/admin/userScope";

/** What the create and edit forms hold (text, as typed). `area` narrows the district and facility choices only. */
export interface AccountValues {
  username: string;
  displayName: string;
  role: string;
  area: string;
  regionId: string;
  districtId: string;
  facilityId: string;
  password: string;
}

export const EMPTY_ACCOUNT: AccountValues = {
  username: "",
  displayName: "",
  role: "",
  area: "",
  regionId: "",
  districtId: "",
  facilityId: "",
  password: "",
};

/** The scope field a role takes, or null for the national roles. */
export function scopeFieldOf(role: string): "regionId" | "districtId" | "facilityId" | null {
  const need = ROLE_SCOPE[role as Role]?.need;
  if (need === "region") return "regionId";
  if (need === "district") return "districtId";
  if (need === "facility") return "facilityId";
  return null;
}

const text = (s: string) => (s.trim() === "" ? undefined : s.trim());

/** The role and its one scope field (empty: left out, so that the contract says it is missing). */
function roleAndScope(v: AccountValues) {
  const field = scopeFieldOf(v.role);
  return { role: text(v.role), ...(field ? { [field]: text(v[field]) } : {}) };
}

/** The POST /users request of what was typed. */
export const toCreateRequest = (v: AccountValues) => ({
  username: text(v.username),
  displayName: text(v.displayName),
  ...roleAndScope(v),
  password: v.password,
});

/** The PATCH /users/:id request of the edit form: the name, the role and its scope (the whole scope is replaced). */
export const toUpdateRequest = (v: AccountValues) => ({ displayName: text(v.displayName), ...roleAndScope(v) });

/** The role's scope field must be given (the server checks the same rule, shared/domain/admin/userScope.ts). */
function scopeGiven(u: { role?: Role | undefined } & ScopeGiven, ctx: z.RefinementCtx) {
  if (!u.role) return;
  for (const p of userScopeProblems(u.role, u, null)) ctx.addIssue({ code: "custom", path: [p.path], message: p.key });
}
export const CreateContract = UserCreate.superRefine(scopeGiven);
export const UpdateContract = UserUpdate.superRefine(scopeGiven);

/** The form's words for the scope refinements. */
export const SCOPE_MESSAGES = {
  regionId: "users.invalid.scopeRequired",
  districtId: "users.invalid.scopeRequired",
  facilityId: "users.invalid.scopeRequired",
};

/** The edit form's values of an account. */
export function valuesOf(u: UserView): AccountValues {
  return {
    ...EMPTY_ACCOUNT,
    displayName: u.displayName,
    role: u.role,
    area: u.regionId ?? "",
    regionId: u.regionId ?? "",
    districtId: u.districtId ?? "",
    facilityId: u.facilityId ?? "",
  };
}

const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A temporary password of 12 characters without look-alikes (l, 1, O, 0), from the browser's random source. */
export function suggestPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}
