/**
 * A push of a month's export to the configured DHIS2, audited and safe to retry.
 *
 * 0. Build the export (a read; in the API, in the read worker) and open the stored connection.
 * 1. Transaction: record the push as "sending" (with the payload's hash and whether an earlier real push to the
 *    same server already sent the very same payload: `repeatOfPushId`), and audit it — `startPush`.
 * 2. Send (outside any transaction: better-sqlite3 transactions are synchronous — STYLE.md rule 4) — `sendPush`.
 * 3. Transaction: record the answer (import summary, or the failure's code) and audit it — `finishPush`.
 *
 * The API runs these steps through the write path's effect kind (server/routes/write.ts), which adds the
 * Idempotency-Key: a retried request never sends twice.
 *
 * A crash between 1 and 3 leaves the push "sending": its outcome is unknown, and pushing again is the remedy —
 * DHIS2 keeps one value per data element, period, org unit and combo, so the same payload twice doubles nothing
 * (the repeat is recognised by its hash and shows `repeatOfPushId`).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { dhis2Pushes } from "../../db/schema";
import type { Dhis2ExportResponse, Dhis2Push } from "../../shared/contracts/interop";
import type { Dhis2ImportSummary } from "../../shared/domain/interop/importSummary";
import { AppError } from "../../shared/errors";
import { audit, type AuditEntry, type RequestOrigin } from "../audit";
import { pushDataValueSet, type ImportStrategy, type PushClientOptions, type PushResult } from "./dhis2";
import { buildDhis2Export, type ExportArea } from "./dhis2Export";
import { openDhis2Connection, type Dhis2Connection } from "./dhis2Settings";
import type { SecretBox } from "./secretBox";

/** What a push needs from the server. */
export interface PushDeps {
  db: Db;
  box: SecretBox;
  clock: () => Date;
  /** Client options for tests (fetch, retries, delays, request size) */
  client?: PushClientOptions;
}

/** One push request (the area already checked against the user's scope by resolveArea). */
export interface PushInput {
  period: string;
  area: ExportArea;
  dryRun: boolean;
  importStrategy: ImportStrategy;
}

type PushRow = typeof dhis2Pushes.$inferSelect;

/** A stored push as the API shows it. */
export function presentPush(row: PushRow): Dhis2Push {
  return {
    id: row.id,
    requestedAt: row.requestedAt,
    finishedAt: row.finishedAt,
    username: row.username,
    period: row.period,
    regionId: row.regionId,
    districtId: row.districtId,
    baseUrl: row.baseUrl,
    dryRun: row.dryRun,
    importStrategy: row.importStrategy,
    payloadHash: row.payloadHash,
    dataValues: row.dataValues,
    requests: row.requests,
    state: row.state,
    errorCode: row.errorCode,
    httpStatus: row.httpStatus,
    summary: row.summaryJson ? (JSON.parse(row.summaryJson) as Dhis2ImportSummary) : null,
    repeatOfPushId: row.repeatOfPushId,
  };
}

/** Pushes, newest first. */
export function listDhis2Pushes(
  db: Db | Tx,
  q: { period?: string | undefined; limit: number; offset: number },
): { items: Dhis2Push[]; total: number } {
  const where = q.period ? eq(dhis2Pushes.period, q.period) : undefined;
  const items = db
    .select()
    .from(dhis2Pushes)
    .where(where)
    .orderBy(desc(dhis2Pushes.id))
    .limit(q.limit)
    .offset(q.offset)
    .all()
    .map(presentPush);
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(dhis2Pushes)
      .where(where)
      .get()?.n ?? 0;
  return { items, total };
}

/** One push, or 404. */
export function getDhis2Push(db: Db | Tx, id: number): Dhis2Push {
  const row = db.select().from(dhis2Pushes).where(eq(dhis2Pushes.id, id)).get();
  if (!row) throw new AppError("not_found", `Unknown push ${id}`);
  return presentPush(row);
}

/** What a push sends, checked before anything is recorded (nothing to send is refused). */
export interface PushPlan {
  period: string;
  regionId: string | null;
  districtId: string | null;
  dryRun: boolean;
  importStrategy: ImportStrategy;
  dataValueSet: Dhis2ExportResponse["dataValueSet"];
  payloadHash: string;
}

/** Refuses an export with no value to send (validation_failed on `period`, reason dhis2.nothingToSend). */
export function checkSendable(exp: Dhis2ExportResponse): void {
  if (exp.dataValueSet.dataValues.length > 0) return;
  throw new AppError("validation_failed", "Nothing to send: no mapped value for this month and area", {
    issues: [{ path: "period", message: "nothing to send" }],
    reason: "dhis2.nothingToSend",
    unmappedFacilities: exp.unmappedFacilities.length,
    unmappedProducts: exp.unmappedProducts.length,
  });
}

/**
 * Step 1 of a push, in the caller's write transaction: records it as "sending" (whether it repeats an earlier
 * real push of the same payload to the same server: `repeatOfPushId`). Returns the push and its audit line.
 */
export function startPush(
  tx: Tx,
  plan: PushPlan,
  ctx: { baseUrl: string; maxValuesPerRequest: number; now: Date; origin: RequestOrigin },
): { push: Dhis2Push; audit: AuditEntry } {
  const earlier = plan.dryRun
    ? undefined
    : tx
        .select({ id: dhis2Pushes.id })
        .from(dhis2Pushes)
        .where(
          and(
            eq(dhis2Pushes.payloadHash, plan.payloadHash),
            eq(dhis2Pushes.baseUrl, ctx.baseUrl),
            eq(dhis2Pushes.importStrategy, plan.importStrategy),
            eq(dhis2Pushes.dryRun, false),
            eq(dhis2Pushes.state, "done"),
            sql`json_extract(${dhis2Pushes.summaryJson}, '$.status') <> 'ERROR'`,
          ),
        )
        .orderBy(dhis2Pushes.id)
        .get();
  const dataValues = plan.dataValueSet.dataValues.length;
  const row = tx
    .insert(dhis2Pushes)
    .values({
      requestedAt: ctx.now.toISOString(),
      userId: ctx.origin.userId,
      username: ctx.origin.username,
      period: plan.period,
      regionId: plan.regionId,
      districtId: plan.districtId,
      baseUrl: ctx.baseUrl,
      dryRun: plan.dryRun,
      importStrategy: plan.importStrategy,
      payloadHash: plan.payloadHash,
      dataValues,
      requests: Math.max(1, Math.ceil(dataValues / ctx.maxValuesPerRequest)),
      state: "sending",
      repeatOfPushId: earlier?.id ?? null,
    })
    .returning()
    .get();
  const audit: AuditEntry = {
    action: plan.dryRun ? "dhis2.push.dryRun" : "dhis2.push",
    objectType: "dhis2_push",
    objectId: String(row.id),
    after: {
      period: plan.period,
      regionId: plan.regionId,
      districtId: plan.districtId,
      baseUrl: ctx.baseUrl,
      importStrategy: plan.importStrategy,
      payloadHash: plan.payloadHash,
      dataValues,
      repeatOfPushId: row.repeatOfPushId,
    },
  };
  return { push: presentPush(row), audit };
}

/** Step 3 of a push, in the caller's write transaction: records DHIS2's answer. Returns the push and its audit line. */
export function finishPush(tx: Tx, id: number, result: PushResult, now: Date): { push: Dhis2Push; audit: AuditEntry } {
  tx.update(dhis2Pushes)
    .set({
      finishedAt: now.toISOString(),
      state: result.ok ? "done" : "failed",
      errorCode: result.ok ? null : result.errorCode,
      httpStatus: result.httpStatus,
      summaryJson: result.summary ? JSON.stringify(result.summary) : null,
      requests: result.requests,
    })
    .where(eq(dhis2Pushes.id, id))
    .run();
  const push = getDhis2Push(tx, id);
  const audit: AuditEntry = {
    action: "dhis2.push.result",
    objectType: "dhis2_push",
    objectId: String(id),
    after: {
      state: push.state,
      errorCode: push.errorCode,
      httpStatus: push.httpStatus,
      status: push.summary?.status ?? null,
      imported: push.summary?.imported ?? 0,
      updated: push.summary?.updated ?? 0,
      ignored: push.summary?.ignored ?? 0,
      deleted: push.summary?.deleted ?? 0,
      conflicts: push.summary?.conflicts.length ?? 0,
      attempts: result.attempts,
    },
  };
  return { push, audit };
}

/** Step 2 of a push, outside any transaction: sends the payload (never throws: failures are outcomes). */
export function sendPush(conn: Dhis2Connection, plan: PushPlan, client: PushClientOptions = {}): Promise<PushResult> {
  return pushDataValueSet(conn, plan.dataValueSet, {
    ...client,
    dryRun: plan.dryRun,
    importStrategy: plan.importStrategy,
  });
}

/**
 * The three steps with their own transactions (scripts and the module tests; the API runs the same steps through
 * the write path's effect kind, server/routes/interopDhis2.ts). Resolves with the recorded push, whatever DHIS2
 * answered.
 */
export async function pushToDhis2(deps: PushDeps, input: PushInput, origin: RequestOrigin): Promise<Dhis2Push> {
  const exp = buildDhis2Export(deps.db, input.period, input.area);
  const conn = openDhis2Connection(deps.db, deps.box);
  checkSendable(exp);
  const plan: PushPlan = {
    period: input.period,
    regionId: input.area.regionId,
    districtId: input.area.districtId,
    dryRun: input.dryRun,
    importStrategy: input.importStrategy,
    dataValueSet: exp.dataValueSet,
    payloadHash: exp.payloadHash,
  };
  const started = deps.clock();
  const { push } = deps.db.transaction(
    (tx) => {
      const out = startPush(tx, plan, {
        baseUrl: conn.baseUrl,
        maxValuesPerRequest: deps.client?.maxValuesPerRequest ?? 5000,
        now: started,
        origin,
      });
      audit(tx, started, origin, out.audit);
      return out;
    },
    { behavior: "immediate" },
  );
  const result = await sendPush(conn, plan, deps.client);
  const finished = deps.clock();
  return deps.db.transaction(
    (tx) => {
      const out = finishPush(tx, push.id, result, finished);
      audit(tx, finished, origin, out.audit);
      return out.push;
    },
    { behavior: "immediate" },
  );
}
