/** The audit log as the API shows it to administrators. */
import { z } from "zod";
import { freeText, IsoDate, PageQuery, Username } from "./common";

/** Every action the audit log records (the server writes these codes; the web names each in the reader's language). */
export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "auth.lockout",
  "auth.logout",
  "auth.password.change",
  "stock.movement.create",
  "stock.count.create",
  "report.create",
  "report.lines.update",
  "report.submit",
  "order.create",
  "order.cycle",
  "order.edit",
  "order.submit",
  "order.approve",
  "order.reject",
  "order.pick",
  "order.ship",
  "order.deliver",
  "order.receive",
  "allocation.send",
  "route_plan.create",
  "route_plan.move",
  "route_plan.status",
] as const;
/** An action of the audit log. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The kinds of object an audit entry is about. */
export const AUDIT_OBJECT_TYPES = [
  "session",
  "user",
  "stock_batch",
  "report",
  "order",
  "period",
  "facility",
  "allocation",
  "route_plan",
] as const;

export const AuditQuery = PageQuery.extend({
  userId: z.coerce.number().int().positive().optional(),
  username: Username.optional(),
  /** A fragment of the username or of the user's name ("diarra", "pharmacien"), without regard to case */
  who: freeText({ max: 64 }).optional(),
  action: z.string().trim().max(64).optional(),
  objectType: z.string().trim().max(64).optional(),
  objectId: z.string().trim().max(100).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
}).strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  /** The user's name as shown everywhere (null: the system, or an account since removed) */
  displayName: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  clientIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntryDto = z.infer<typeof AuditEntrySchema>;
