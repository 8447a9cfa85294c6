/**
 * DHIS2 routes: the connection settings (the secret never shown back) and its test, the export of a month over an
 * area of the user's scope (JSON dataValueSets, ADX, or the report of what was left out), the push — an effect
 * write (server/routes/write.ts): recorded "sending" with its key, sent outside any transaction, recorded with
 * DHIS2's import summary — and the import of facilities from a DHIS2 organisation-unit export.
 */
import { z } from "zod";
import {
  Dhis2ConnectionTestRequest,
  Dhis2ConnectionTestResult,
  Dhis2DataValueSetSchema,
  Dhis2ExportQuery,
  Dhis2ExportResponse,
  Dhis2PushList,
  Dhis2PushParams,
  Dhis2PushQuery,
  Dhis2PushRequest,
  Dhis2PushSchema,
  Dhis2SettingsInput,
  Dhis2SettingsView,
  OrgUnitImportApply,
  OrgUnitImportPreview,
  OrgUnitImportRequest,
  OrgUnitImportResult,
} from "../../shared/contracts/interop";
import type { AppDeps } from "../deps";
import { testDhis2Connection } from "../interop/dhis2";
import { checkSendable, finishPush, getDhis2Push, listDhis2Pushes, sendPush, startPush } from "../interop/dhis2Push";
import type { PushPlan } from "../interop/dhis2Push";
import { connectionForTest, getDhis2Settings, openDhis2Connection, saveDhis2Settings } from "../interop/dhis2Settings";
import { applyOrgUnitImport, previewOrgUnitImport } from "../interop/orgUnitImport";
import { scopeFilter } from "../policies";
import type { SecureRouter } from "./secureRouter";

const admin = { action: "interop:admin" } as const;

/** Response headers of the JSON and ADX exports: what was left out, counted (the list is in format=report). */
const LEFT_OUT_HEADERS = {
  "X-Fura-Data-Values": "values in the payload",
  "X-Fura-Unmapped-Facilities": "reporting facilities without an organisation unit (none of their values sent)",
  "X-Fura-Unmapped-Products": "reported products with at least one field without a data element",
  "X-Fura-Missing-Values": "mapped values that do not exist (months of stock without AMC)",
  "X-Fura-Payload-Hash": "sha256 of the canonical payload: the same hash is the same data",
};

/** The DHIS2 routes. */
export function dhis2Routes(r: SecureRouter, deps: AppDeps): void {
  const { db, clock, secretBox: box } = deps;

  r.get("/interop/dhis2/settings", { ...admin, response: Dhis2SettingsView }, ({ res }) => {
    res.json(getDhis2Settings(db));
  });
  r.put(
    "/interop/dhis2/settings",
    { ...admin, body: Dhis2SettingsInput, response: Dhis2SettingsView },
    ({ tx, body, now, origin }) => ({
      status: 200,
      body: saveDhis2Settings(tx, body, { now, origin, box }),
      audit: [],
    }),
  );
  r.compute(
    "/interop/dhis2/settings/test",
    {
      ...admin,
      body: Dhis2ConnectionTestRequest,
      response: Dhis2ConnectionTestResult,
      summary: "Tests the stored connection, or settings before saving them: a dry-run import of no value",
    },
    async ({ res, body }) => {
      const conn = connectionForTest(db, box, body.settings);
      res.json({ baseUrl: conn.baseUrl, ...(await testDhis2Connection(conn, deps.dhis2Client)) });
    },
  );

  r.get(
    "/interop/dhis2/dataValueSets",
    {
      action: "interop:export",
      query: Dhis2ExportQuery,
      summary: "The month's logistics data of an area as DHIS2 dataValueSets (JSON or ADX), or the export report",
      response: {
        content: {
          "application/json": z.union([Dhis2DataValueSetSchema, Dhis2ExportResponse]),
          "application/adx+xml": z.string(),
        },
        headers: LEFT_OUT_HEADERS,
      },
    },
    async ({ res, user, query }) => {
      // Built and written out in the read worker: a national export is ≈ 500,000 values.
      const doc = await deps.reads.run("dhis2ExportDocument", scopeFilter(user), query, clock().toISOString());
      res.set({
        "X-Fura-Data-Values": String(doc.leftOut.dataValues),
        "X-Fura-Unmapped-Facilities": String(doc.leftOut.unmappedFacilities),
        "X-Fura-Unmapped-Products": String(doc.leftOut.unmappedProducts),
        "X-Fura-Missing-Values": String(doc.leftOut.missingValues),
        "X-Fura-Payload-Hash": doc.leftOut.payloadHash,
        "Content-Type": doc.contentType,
      });
      res.send(doc.body);
    },
  );

  pushRoutes(r, deps);
  orgUnitRoutes(r, deps);
}

/** The push (dry run or real) and the list of pushes. */
function pushRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db, secretBox: box } = deps;
  r.get(
    "/interop/dhis2/pushes",
    { action: "interop:push", query: Dhis2PushQuery, response: Dhis2PushList },
    ({ res, query }) => {
      res.json(listDhis2Pushes(db, query));
    },
  );
  r.get(
    "/interop/dhis2/pushes/:pushId",
    { action: "interop:push", params: Dhis2PushParams, response: Dhis2PushSchema },
    ({ res, params }) => {
      res.json(getDhis2Push(db, params.pushId));
    },
  );
  r.post(
    "/interop/dhis2/pushes",
    {
      action: "interop:push",
      body: Dhis2PushRequest,
      summary:
        "Sends the month's export to the configured DHIS2 (dryRun: DHIS2 checks and saves nothing); answers the recorded push with DHIS2's import summary",
      response: { status: 201, content: { "application/json": Dhis2PushSchema } },
    },
    {
      // Outside any transaction: the stored connection (refused when not configured) and the export, in the read worker.
      prepare: async ({ user, body }) => {
        const conn = openDhis2Connection(db, box);
        const exp = await deps.reads.run("dhis2Export", scopeFilter(user), body);
        checkSendable(exp);
        const plan: PushPlan = {
          period: body.period,
          regionId: exp.regionId,
          districtId: exp.districtId,
          dryRun: body.dryRun,
          importStrategy: body.importStrategy,
          dataValueSet: exp.dataValueSet,
          payloadHash: exp.payloadHash,
        };
        return { conn, plan };
      },
      begin: ({ tx, prepared, now, origin }) => {
        const maxValuesPerRequest = deps.dhis2Client?.maxValuesPerRequest ?? 5000;
        const started = startPush(tx, prepared.plan, {
          baseUrl: prepared.conn.baseUrl,
          maxValuesPerRequest,
          now,
          origin,
        });
        // Until DHIS2 answers, a retry with the same key gets the push as "sending" (202).
        return { state: started.push.id, answer: { status: 202, body: started.push }, audit: started.audit };
      },
      effect: (_pushId, prepared) => sendPush(prepared.conn, prepared.plan, deps.dhis2Client),
      finish: ({ tx, state, outcome, now }) => {
        const done = finishPush(tx, state, outcome, now);
        return { status: 201, body: done.push, audit: done.audit };
      },
    },
  );
}

/** Facilities from a DHIS2 organisation-unit export: preview, then apply the approved plan (bodies up to 25 MB). */
function orgUnitRoutes(r: SecureRouter, { db, clock }: AppDeps): void {
  r.compute(
    "/interop/dhis2/org-units/preview",
    { ...admin, body: OrgUnitImportRequest, response: OrgUnitImportPreview },
    ({ res, body }) => {
      res.json(previewOrgUnitImport(db, body, clock().toISOString().slice(0, 10)));
    },
  );
  r.post(
    "/interop/dhis2/org-units/apply",
    { ...admin, body: OrgUnitImportApply, response: OrgUnitImportResult },
    ({ tx, body, now, origin }) => ({ status: 200, body: applyOrgUnitImport(tx, body, { now, origin }), audit: [] }),
  );
}
