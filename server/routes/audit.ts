/** GET /audit — administrators search the audit log (it has no write route: nobody edits it). */
import { AuditEntrySchema, AuditQuery } from "../../shared/contracts/audit";
import { pageOf } from "../../shared/contracts/common";
import { searchAudit } from "../queries/audit";
import type { AppDeps } from "../deps";
import type { SecureRouter } from "./secureRouter";

/** Audit log search. */
export function auditRoutes(r: SecureRouter, { db }: AppDeps): void {
  r.get("/audit", { action: "audit:read", query: AuditQuery, response: pageOf(AuditEntrySchema) }, ({ res, query }) => {
    res.json(searchAudit(db, query));
  });
}
