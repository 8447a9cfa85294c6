/**
 * The accounts' spreadsheet, without passwords: the export never holds a password hash; a new account of the
 * import gets a random temporary password (hashed before the transaction), shown once in the import's answer for
 * the administrator to hand over, never stored in clear nor audited, and to be changed at first sign-in as for an
 * account created on screen. Rows go through the user commands (createUser, updateUser): who may give which role,
 * the role's scope, a closed facility and the last active administrator are their checks, as for POST /users and
 * PATCH /users/:id. A regional manager's sheet holds the accounts they manage; a row naming a place outside their
 * region is refused by the router's own resolvers (refusedRefs).
 */
import { randomInt } from "node:crypto";
import { z } from "zod";
import { districts, facilities, regions } from "../../db/schema";
import { DistrictRef, FacilityRef, findRefs, RegionRef } from "../../shared/contracts/refs";
import { UserCreate, UserUpdate, type UserView } from "../../shared/contracts/users";
import { ROLE_SCOPE } from "../../shared/domain/admin/userScope";
import {
  planUserImport,
  USER_SHEET,
  type UserColumn,
  type UserRecord,
  type UserWrite,
} from "../../shared/domain/sheets/users";
import { writeCell } from "../../shared/domain/sheets/spec";
import { AppError } from "../../shared/errors";
import { hashPassword } from "../auth/password";
import { auditView, createUser, updateUser } from "../commands/users";
import { refusedRefs } from "../policies/scope";
import { managedUsers } from "../queries/users";
import type { EntitySheet } from "./entitySheets";

/** An account as the sheet holds it: only the scope field its role takes. */
function userRecord(u: UserView): UserRecord & { id: number; username: string } {
  const need = ROLE_SCOPE[u.role].need;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    regionId: need === "region" ? u.regionId : null,
    districtId: need === "district" ? u.districtId : null,
    facilityId: need === "facility" ? u.facilityId : null,
    active: u.active,
  };
}

/** The places a row names, as the router checks them (a regional manager: their region only). */
const PLACES = z.object({
  regionId: RegionRef.optional(),
  districtId: DistrictRef.optional(),
  facilityId: FacilityRef.optional(),
});

/** Letters and digits that cannot be misread (no 0/O, 1/l/I): 12 of them ≈ 68 bits. */
const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export function temporaryPassword(): string {
  return Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

/** The temporary passwords of the new accounts, by username: in clear (answered once) and hashed (stored). */
type Prepared = Map<string, { password: string; hash: string }>;

const header = (key: string) => USER_SHEET.columns.find((c) => c.key === key)?.header ?? null;

/** The request's schema problems as the command's refusal (the field named). */
function refuseParse(error: z.ZodError): never {
  throw new AppError("validation_failed", error.message, {
    issues: error.issues.map((i) => ({ path: String(i.path[0] ?? "username"), message: i.message })),
  });
}

export const USER_SHEET_DEF: EntitySheet<UserWrite, Prepared> = {
  entity: "users",
  action: "users:manage",
  spec: () => USER_SHEET,
  exportRows: (db, user, now) =>
    managedUsers(db, user, now).managed.map((u) => {
      const r = userRecord(u);
      return USER_SHEET.columns.map((c) => writeCell(c, r[c.key]));
    }),
  plan: (db, user, sheet, now) => {
    const { managed, usernames } = managedUsers(db, user, now);
    const seen = new Set(managed.map((u) => u.username));
    return planUserImport(sheet, {
      regions: db
        .select({ id: regions.id })
        .from(regions)
        .all()
        .map((r) => r.id),
      districts: db
        .select({ id: districts.id })
        .from(districts)
        .all()
        .map((d) => d.id),
      facilities: db.select({ id: facilities.id, level: facilities.level }).from(facilities).all(),
      existing: managed.map(userRecord),
      hidden: new Set(usernames.filter((u) => !seen.has(u))),
      // The places a row names against the user's scope, as the router checks a body's refs (known ones only: an
      // unknown place is already the plan's error).
      check: (v) =>
        refusedRefs(
          db,
          user,
          findRefs(PLACES, {
            regionId: v.regionId ?? undefined,
            districtId: v.districtId ?? undefined,
            facilityId: v.facilityId ?? undefined,
          }),
        ).map((ref) => ({
          column: String(ref.path[0]) as UserColumn,
          code: "import.outOfScope",
          values: { value: String(ref.value) },
        })),
    });
  },
  prepare: async (plan) => {
    const out: Prepared = new Map();
    for (const w of plan.writes)
      if (w.kind === "create") {
        const password = temporaryPassword();
        out.set(w.values.username, { password, hash: await hashPassword(password) });
      }
    return out;
  },
  write: (tx, [w], { user, now, prepared, dryRun }) => {
    const v = w!.values;
    const scope = {
      ...(v.regionId === null ? {} : { regionId: v.regionId }),
      ...(v.districtId === null ? {} : { districtId: v.districtId }),
      ...(v.facilityId === null ? {} : { facilityId: v.facilityId }),
    };
    if (w!.kind === "create") {
      const secret = prepared?.get(v.username);
      if (!dryRun && !secret)
        throw new AppError("conflict", "The data changed since the preview: preview the file again", {
          issues: [{ path: "expectedPlanHash", message: "stale preview", key: "file.stalePreview", values: {} }],
        });
      const password = secret?.password ?? temporaryPassword();
      const input = UserCreate.safeParse({
        username: v.username,
        displayName: v.displayName,
        role: v.role,
        ...scope,
        password,
      });
      if (!input.success) refuseParse(input.error);
      const created = createUser(tx, user, input.data, secret?.hash ?? "preview", now);
      return [
        {
          audit: [
            { action: "user.create", objectType: "user", objectId: String(created.id), after: auditView(created) },
          ],
          secret: { key: created.username, value: password },
        },
      ];
    }
    const patch: Record<string, unknown> = {};
    if (w!.changed.includes("displayName")) patch.displayName = v.displayName;
    if (w!.changed.includes("active")) patch.active = v.active;
    if (w!.changed.some((k) => k === "role" || k === "regionId" || k === "districtId" || k === "facilityId"))
      Object.assign(patch, { role: v.role, ...scope });
    const parsed = UserUpdate.safeParse(patch);
    if (!parsed.success) refuseParse(parsed.error);
    const { before, after, sessionsEnded } = updateUser(tx, user, w!.id, parsed.data, null, now);
    const action = parsed.data.active === false ? "user.deactivate" : "user.update";
    return [
      {
        audit: [
          {
            action,
            objectType: "user",
            objectId: String(after.id),
            before: auditView(before),
            after: { ...auditView(after), sessionsEnded },
          },
        ],
      },
    ];
  },
  columnOf: (path) => header(path.split(".")[0] ?? ""),
};
