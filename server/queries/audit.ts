/** Searches the audit log, newest first. */
import { and, count, desc, eq, gte, like, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog } from "../../db/schema";
import type { AuditEntryDto, AuditQuery } from "../../shared/contracts/audit";

/** A page of audit entries matching the filters. */
export function searchAudit(
  db: Db,
  q: AuditQuery,
): { items: AuditEntryDto[]; total: number; limit: number; offset: number } {
  const where = and(
    q.userId ? eq(auditLog.userId, q.userId) : undefined,
    q.username ? eq(auditLog.username, q.username) : undefined,
    q.action ? like(auditLog.action, `${q.action}%`) : undefined,
    q.objectType ? eq(auditLog.objectType, q.objectType) : undefined,
    q.objectId ? eq(auditLog.objectId, q.objectId) : undefined,
    q.from ? gte(auditLog.at, q.from) : undefined,
    q.to ? lte(auditLog.at, `${q.to}T23:59:59.999Z`) : undefined,
  );
  const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const items = db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(q.limit)
    .offset(q.offset)
    .all()
    .map(({ beforeJson, afterJson, ...row }) => ({
      ...row,
      before: beforeJson ? JSON.parse(beforeJson) : null,
      after: afterJson ? JSON.parse(afterJson) : null,
    }));
  return { items, total, limit: q.limit, offset: q.offset };
}
