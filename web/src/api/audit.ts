/** The audit log search (administrators). */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { AuditEntrySchema } from "@shared/contracts/audit";
import { pageOf } from "@shared/contracts/common";
import { apiGet } from "./client";

const auditPage = pageOf(AuditEntrySchema);

/** Filters of GET /audit (action is a prefix, dates are inclusive "YYYY-MM-DD"). */
export interface AuditFilter {
  username?: string | undefined;
  /** A fragment of the username or of the user's name */
  who?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/** One page of audit entries, newest first. */
export function useAudit(filter: AuditFilter) {
  return useQuery({
    queryKey: ["audit", filter],
    queryFn: ({ signal }) => apiGet(auditPage, "/audit", { query: { ...filter }, signal }),
    placeholderData: keepPreviousData,
  });
}
