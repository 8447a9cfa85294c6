/**
 * Accounts: create with a temporary password, change the name, role and scope, deactivate (sessions ended at once),
 * reset the password (temporary again, sessions ended). The role's scope rule is shared/domain/admin/userScope.ts;
 * who may give which role is shared/domain/access.ts; the last active administrator stays one. Passwords are hashed
 * before the transaction (the write's prepare step) and never written to the audit log.
 */
import { and, count, eq, ne } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { districts, facilities, users } from "../../db/schema";
import type { Me, Role } from "../../shared/contracts/auth";
import type { UserCreate, UserUpdate, UserView } from "../../shared/contracts/users";
import { assignableRoles } from "../../shared/domain/access";
import { ROLE_SCOPE, userScopeProblems, type ScopeGiven } from "../../shared/domain/admin/userScope";
import { AppError, type FieldIssue } from "../../shared/errors";
import { endSessions } from "../auth/sessions";
import { getUser } from "../queries/users";

/** The scope columns as stored: the region and district of a district or facility scope are kept beside it. */
interface StoredScope {
  scopeRegionId: string | null;
  scopeDistrictId: string | null;
  scopeFacilityId: string | null;
}

function refuse(issues: FieldIssue[]): never {
  throw new AppError("validation_failed", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
}

/** Checks the role against the editor and the scope against the role; returns the scope to store. */
function resolveScope(tx: Tx, editor: Me, role: Role, given: ScopeGiven): StoredScope {
  const issues: FieldIssue[] = [];
  if (!assignableRoles(editor).includes(role))
    issues.push({
      path: "role",
      message: `you may not give the role ${role}`,
      key: "user.roleNotAllowed",
      values: { role },
    });
  const facility = given.facilityId
    ? tx.select().from(facilities).where(eq(facilities.id, given.facilityId)).get()
    : undefined;
  for (const p of userScopeProblems(role, given, facility?.level ?? null))
    issues.push({ path: p.path, message: p.key, key: p.key, values: p.values });
  if (facility && !facility.active)
    issues.push({
      path: "facilityId",
      message: "the facility is closed",
      key: "facility.closed",
      values: { facilityId: facility.id },
    });
  if (issues.length > 0) refuse(issues);
  switch (ROLE_SCOPE[role].need) {
    case "national":
      return { scopeRegionId: null, scopeDistrictId: null, scopeFacilityId: null };
    case "region":
      return { scopeRegionId: given.regionId!, scopeDistrictId: null, scopeFacilityId: null };
    case "district": {
      const d = tx.select().from(districts).where(eq(districts.id, given.districtId!)).get()!;
      return { scopeRegionId: d.regionId, scopeDistrictId: d.id, scopeFacilityId: null };
    }
    case "facility":
      return {
        scopeRegionId: facility!.regionId,
        scopeDistrictId: facility!.districtId,
        scopeFacilityId: facility!.id,
      };
  }
}

/** What the audit log keeps of an account: who it is, its role, its scope with names, its state (never a password). */
export function auditView(u: UserView) {
  const { sessions: _sessions, createdAt: _createdAt, ...rest } = u;
  return rest;
}

/** Creates an account with a temporary password (hashed by the caller); refuses a taken username with the field named. */
export function createUser(tx: Tx, editor: Me, input: UserCreate, passwordHash: string, now: Date): UserView {
  const taken = tx.select({ id: users.id }).from(users).where(eq(users.username, input.username)).get();
  if (taken)
    refuse([
      { path: "username", message: "already taken", key: "user.usernameTaken", values: { username: input.username } },
    ]);
  const scope = resolveScope(tx, editor, input.role, input);
  const { id } = tx
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      ...scope,
      passwordHash,
      mustChangePassword: true,
      active: true,
      createdAt: now.toISOString(),
    })
    .returning({ id: users.id })
    .get();
  return getUser(tx, id, now);
}

/** The number of active administrators other than `userId`. */
function otherActiveAdmins(tx: Tx, userId: number): number {
  return (
    tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, userId)))
      .get()?.n ?? 0
  );
}

/**
 * Changes an account. `role` or a scope field replaces the whole scope; deactivating ends its sessions; a reset
 * password (hashed by the caller) is temporary again and ends its sessions. The last active administrator can be
 * neither deactivated nor given another role (`last_admin`).
 */
export function updateUser(
  tx: Tx,
  editor: Me,
  id: number,
  patch: UserUpdate,
  passwordHash: string | null,
  now: Date,
): { before: UserView; after: UserView; sessionsEnded: number } {
  const before = getUser(tx, id, now);
  const values: Partial<typeof users.$inferInsert> = {};
  if (patch.displayName !== undefined) values.displayName = patch.displayName;
  const scopeTouched = ["role", "regionId", "districtId", "facilityId"].some((k) => k in patch);
  const role = patch.role ?? before.role;
  if (scopeTouched) Object.assign(values, { role, ...resolveScope(tx, editor, role, patch) });
  if (patch.active !== undefined) values.active = patch.active;
  const staysAdmin = role === "admin" && (patch.active ?? before.active);
  if (before.role === "admin" && before.active && !staysAdmin && otherActiveAdmins(tx, id) === 0)
    throw new AppError(
      "last_admin",
      "The last active administrator can be neither deactivated nor given another role",
      {
        issues: [
          {
            path: patch.active === false ? "active" : "role",
            message: "the last active administrator",
            key: "user.lastAdmin",
            values: {},
          },
        ],
      },
    );
  if (passwordHash !== null) Object.assign(values, { passwordHash, mustChangePassword: true });
  if (Object.keys(values).length > 0) tx.update(users).set(values).where(eq(users.id, id)).run();
  const sessionsEnded = patch.active === false || passwordHash !== null ? endSessions(tx, id) : 0;
  return { before, after: getUser(tx, id, now), sessionsEnded };
}
