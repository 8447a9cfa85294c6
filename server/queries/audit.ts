/** Searches the audit log, newest first, with the name of the user who made each change. */
import { and, count, desc, eq, gte, like, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, users } from "../../db/schema";
import type { AuditEntryDto, AuditQuery } from "../../shared/contracts/audit";

/** A LIKE pattern for a fragment, its wildcards taken literally. */
const fragment = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A page of audit entries matching the filters. */
export function searchAudit(
  db: Db,
  q: AuditQuery,
): { items: AuditEntryDto[]; total: number; limit: number; offset: number } {
  const who = q.who ? fragment(q.who) : null;
  const where = and(
    q.userId ? eq(auditLog.userId, q.userId) : undefined,
    q.username ? eq(auditLog.username, q.username) : undefined,
    who
      ? or(sql`${auditLog.username} like ${who} escape '\\'`, sql`${users.displayName} like ${who} escape '\\'`)
      : undefined,
    q.action ? like(auditLog.action, `${q.action}%`) : undefined,
    q.objectType ? eq(auditLog.objectType, q.objectType) : undefined,
    q.objectId ? eq(auditLog.objectId, q.objectId) : undefined,
    q.from ? gte(auditLog.at, q.from) : undefined,
    q.to ? lte(auditLog.at, `${q.to}T23:59:59.999Z`) : undefined,
  );
  const total =
    db.select({ n: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.userId)).where(where).get()?.n ?? 0;
  const items = db
    .select({ entry: auditLog, displayName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(q.limit)
    .offset(q.offset)
    .all()
    .map(({ entry: { beforeJson, afterJson, ...row }, displayName }) => ({
      ...row,
      displayName,
      before: beforeJson ? JSON.parse(beforeJson) : null,
      after: afterJson ? JSON.parse(afterJson) : null,
    }));
  return { items, total, limit: q.limit, offset: q.offset };
}
