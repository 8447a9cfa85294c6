/** The audit log as the API shows it to administrators. */
import { z } from "zod";
import { freeText, IsoDate, PageQuery, Username } from "./common";

/** Every action the audit log records (the server writes these codes; the web names each in the reader's language). */
export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "auth.lockout",
  "auth.login_throttled",
  "access.denied",
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
  "facility.create",
  "facility.update",
  "product.gtin.set",
  "product.gtin.delete",
  "dhis2.orgUnits.import",
  "dhis2.mapping.dataElement.set",
  "dhis2.mapping.dataElement.delete",
  "dhis2.mapping.orgUnit.set",
  "dhis2.mapping.orgUnit.delete",
  "dhis2.mapping.dataElements.import",
  "dhis2.mapping.orgUnits.import",
  "dhis2.settings.update",
  "dhis2.push",
  "dhis2.push.dryRun",
  "dhis2.push.result",
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
  "request",
  "product",
  "dhis2_data_element",
  "dhis2_mapping",
  "dhis2_org_unit",
  "dhis2_org_units",
  "dhis2_push",
  "dhis2_settings",
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
