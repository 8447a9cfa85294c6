/** Accounts as the administration screens list them: names of their scope, open sessions; never a password. */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { Me } from "../../shared/contracts/auth";
import type { UserView, UsersQuery } from "../../shared/contracts/users";
import { REGION_MANAGED_ROLES } from "../../shared/domain/access";
import { AppError } from "../../shared/errors";

/** The region of an account's scope: its own, else its district's or facility's. */
export const USER_REGION_SQL = "coalesce(u.scope_region_id, d.region_id, f.region_id)";

const SELECT = `
  select u.id, u.username, u.display_name displayName, u.role, u.active, u.must_change_password mustChangePassword,
         u.created_at createdAt, ${USER_REGION_SQL} regionId, u.scope_district_id districtId, u.scope_facility_id facilityId,
         r.name regionName, d.name districtName, f.name facilityName,
         (select count(*) from sessions s where s.user_id = u.id and s.expires_at > ?) sessions
    from users u
    left join districts d on d.id = u.scope_district_id
    left join facilities f on f.id = u.scope_facility_id
    left join regions r on r.id = ${USER_REGION_SQL}`;

interface Row extends Omit<UserView, "active" | "mustChangePassword"> {
  active: number;
  mustChangePassword: number;
}

const present = (r: Row): UserView => ({
  ...r,
  active: r.active === 1,
  mustChangePassword: r.mustChangePassword === 1,
});

/** The accounts an editor manages (shared/domain/access.ts mayManageUser, as SQL), as a condition and its values. */
function managedBy(editor: Me): { where: string; values: unknown[] } {
  if (editor.role === "admin") return { where: "1", values: [] };
  if (editor.role !== "regional_manager" || !editor.scopeRegionId) return { where: "0", values: [] };
  return {
    where: `u.role in (${REGION_MANAGED_ROLES.map(() => "?").join(", ")}) and ${USER_REGION_SQL} = ?`,
    values: [...REGION_MANAGED_ROLES, editor.scopeRegionId],
  };
}

/** A page of the accounts the editor manages, filtered by a fragment of the username or name, a role, a status. */
export function listUsers(db: Db, editor: Me, q: UsersQuery, now: Date) {
  const scope = managedBy(editor);
  const conditions = [scope.where];
  const values: unknown[] = [...scope.values];
  if (q.q) {
    conditions.push("(u.username like ? escape '\\' or u.display_name like ? escape '\\')");
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    values.push(like, like);
  }
  if (q.role) {
    conditions.push("u.role = ?");
    values.push(q.role);
  }
  if (q.status !== "all") conditions.push(q.status === "active" ? "u.active = 1" : "u.active = 0");
  const where = conditions.join(" and ");
  const total = db.$client
    .prepare(
      `select count(*) from users u left join districts d on d.id = u.scope_district_id left join facilities f on f.id = u.scope_facility_id where ${where}`,
    )
    .pluck()
    .get(...values) as number;
  const items = (
    db.$client
      .prepare(`${SELECT} where ${where} order by u.active desc, u.display_name, u.id limit ? offset ?`)
      .all(now.toISOString(), ...values, q.limit, q.offset) as Row[]
  ).map(present);
  return { items, total, limit: q.limit, offset: q.offset };
}

/** One account (404 when unknown); inside a write's transaction too. */
export function getUser(db: Db | Tx, id: number, now: Date): UserView {
  const [head, tail] = SELECT.split("?") as [string, string];
  const row = db.get<Row | undefined>(sql`${sql.raw(head)}${now.toISOString()}${sql.raw(tail)} where u.id = ${id}`);
  if (!row) throw new AppError("not_found", `Unknown user ${id}`);
  return present(row);
}

/** Every account the editor manages (the users sheet's export and import), in username order; and every username. */
export function managedUsers(db: Db | Tx, editor: Me, now: Date): { managed: UserView[]; usernames: string[] } {
  const scope = managedBy(editor);
  const query = `${SELECT} where ${scope.where} order by u.username`;
  const parts = query.split("?");
  const values = [now.toISOString(), ...scope.values];
  const chunks = parts.flatMap((p, i) => (i < values.length ? [sql.raw(p), sql`${values[i]}`] : [sql.raw(p)]));
  const managed = db.all<Row>(sql.join(chunks)).map(present);
  const usernames = db.all<{ username: string }>(sql`select username from users`).map((u) => u.username);
  return { managed, usernames };
}
