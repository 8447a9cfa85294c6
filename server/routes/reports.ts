/** Monthly reports (CRGS): list, read, create pre-filled from the ledger, correct from paper, submit. */
import {
  ReportCreate,
  ReportLinesUpdate,
  ReportQuery,
  ReportSchema,
  ReportListSchema,
} from "../../shared/contracts/replenishment";
import { ReportParams } from "../../shared/contracts/refs";
import { createReport, submitReport, updateReportLines } from "../commands/reports";
import type { AppDeps } from "../deps";
import { scopeFilter } from "../policies";
import { loadReport } from "../queries/replenishment";
import { sendJson } from "../reads/send";
import { created, type SecureRouter } from "./secureRouter";

/** Routes of the monthly reports. */
export function reportRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db } = deps;

  r.get(
    "/reports",
    { action: "stock:read", query: ReportQuery, response: ReportListSchema },
    async ({ res, user, query }) => {
      sendJson(res, await deps.reads.json("reports", scopeFilter(user), query));
    },
  );
  r.get("/reports/:id", { action: "stock:read", params: ReportParams, response: ReportSchema }, ({ res, params }) => {
    res.json(loadReport(db, params.id));
  });
  r.post(
    "/reports",
    { action: "reports:write", body: ReportCreate, response: created(ReportSchema) },
    ({ tx, body, now }) => {
      const id = createReport(tx, body.facilityId, body.period, now);
      return {
        status: 201,
        body: loadReport(tx, id),
        audit: { action: "report.create", objectType: "report", objectId: String(id), after: body },
      };
    },
  );
  r.put(
    "/reports/:id/lines",
    { action: "reports:write", params: ReportParams, body: ReportLinesUpdate, response: ReportSchema },
    ({ tx, params: { id }, body, now }) => {
      const before = loadReport(tx, id);
      updateReportLines(tx, id, body.lines, { confirmImplausible: body.confirmImplausible, now });
      const after = loadReport(tx, id);
      return {
        status: 200,
        body: after,
        audit: {
          action: "report.lines.update",
          objectType: "report",
          objectId: String(id),
          before: before.lines,
          after: after.lines,
        },
      };
    },
  );
  r.post(
    "/reports/:id/submit",
    { action: "reports:write", params: ReportParams, response: ReportSchema },
    ({ tx, params: { id }, user, now }) => {
      submitReport(tx, db.$client, id, user.id, now);
      return {
        status: 200,
        body: loadReport(tx, id),
        audit: {
          action: "report.submit",
          objectType: "report",
          objectId: String(id),
          before: { status: "draft" },
          after: { status: "submitted" },
        },
      };
    },
  );
}
