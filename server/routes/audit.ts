/** GET /audit — administrators search the audit log (it has no write route: nobody edits it). */
import { AuditQuery } from "../../shared/contracts/audit";
import { searchAudit } from "../queries/audit";
import type { AppDeps } from "../deps";
import type { SecureRouter } from "./secureRouter";

/** Audit log search. */
export function auditRoutes(r: SecureRouter, { db }: AppDeps): void {
  r.get("/audit", { action: "audit:read", query: AuditQuery }, ({ res, query }) => {
    res.json(searchAudit(db, query));
  });
}
