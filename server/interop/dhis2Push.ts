/**
 * A push of a month's export to the configured DHIS2, audited and safe to retry.
 *
 * 1. Build the export (a read) and open the stored connection.
 * 2. Transaction: record the push as "sending" (with the payload's hash and whether an earlier real push to the
 *    same server already sent the very same payload: `repeatOfPushId`), and audit it.
 * 3. Send (outside any transaction: better-sqlite3 transactions are synchronous — STYLE.md rule 4).
 * 4. Transaction: record the answer (import summary, or the failure's code) and audit it.
 *
 * A crash between 2 and 4 leaves the push "sending": its outcome is unknown, and pushing again is the remedy —
 * DHIS2 keeps one value per data element, period, org unit and combo, so the same payload twice doubles nothing
 * (the repeat is recognised by its hash and shows `repeatOfPushId`).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { dhis2Pushes } from "../../db/schema";
import type { Dhis2Push } from "../../shared/contracts/interop";
import type { Dhis2ImportSummary } from "../../shared/domain/interop/importSummary";
import { AppError } from "../../shared/errors";
import { audit, type RequestOrigin } from "../audit";
import { pushDataValueSet, type ImportStrategy, type PushOptions } from "./dhis2";
import { buildDhis2Export, type ExportArea } from "./dhis2Export";
import { openDhis2Connection } from "./dhis2Settings";
import type { SecretBox } from "./secretBox";

/** What a push needs from the server. */
export interface PushDeps {
  db: Db;
  box: SecretBox;
  clock: () => Date;
  /** Client options for tests (fetch, retries, delays, request size) */
  client?: Omit<PushOptions, "dryRun" | "importStrategy">;
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

/** Builds, records, sends and records the answer. Resolves with the recorded push, whatever DHIS2 answered. */
export async function pushToDhis2(deps: PushDeps, input: PushInput, origin: RequestOrigin): Promise<Dhis2Push> {
  const exp = buildDhis2Export(deps.db, input.period, input.area);
  const conn = openDhis2Connection(deps.db, deps.box);
  if (exp.dataValueSet.dataValues.length === 0)
    throw new AppError("validation_failed", "Nothing to send: no mapped value for this month and area", {
      issues: [{ path: "period", message: "nothing to send" }],
      reason: "dhis2.nothingToSend",
      unmappedFacilities: exp.unmappedFacilities.length,
      unmappedProducts: exp.unmappedProducts.length,
    });
  const set = exp.dataValueSet;
  const maxValues = deps.client?.maxValuesPerRequest ?? 5000;

  const started = deps.clock();
  const id = deps.db.transaction(
    (tx) => {
      const earlier = tx
        .select({ id: dhis2Pushes.id })
        .from(dhis2Pushes)
        .where(
          and(
            eq(dhis2Pushes.payloadHash, exp.payloadHash),
            eq(dhis2Pushes.baseUrl, conn.baseUrl),
            eq(dhis2Pushes.importStrategy, input.importStrategy),
            eq(dhis2Pushes.dryRun, false),
            eq(dhis2Pushes.state, "done"),
            sql`json_extract(${dhis2Pushes.summaryJson}, '$.status') <> 'ERROR'`,
          ),
        )
        .orderBy(dhis2Pushes.id)
        .get();
      const row = tx
        .insert(dhis2Pushes)
        .values({
          requestedAt: started.toISOString(),
          userId: origin.userId,
          username: origin.username,
          period: input.period,
          regionId: input.area.regionId,
          districtId: input.area.districtId,
          baseUrl: conn.baseUrl,
          dryRun: input.dryRun,
          importStrategy: input.importStrategy,
          payloadHash: exp.payloadHash,
          dataValues: set.dataValues.length,
          requests: Math.max(1, Math.ceil(set.dataValues.length / maxValues)),
          state: "sending",
          repeatOfPushId: input.dryRun ? null : (earlier?.id ?? null),
        })
        .returning({ id: dhis2Pushes.id })
        .get();
      audit(tx, started, origin, {
        action: input.dryRun ? "dhis2.push.dryRun" : "dhis2.push",
        objectType: "dhis2_push",
        objectId: String(row.id),
        after: {
          period: input.period,
          regionId: input.area.regionId,
          districtId: input.area.districtId,
          baseUrl: conn.baseUrl,
          importStrategy: input.importStrategy,
          payloadHash: exp.payloadHash,
          dataValues: set.dataValues.length,
          repeatOfPushId: input.dryRun ? null : (earlier?.id ?? null),
        },
      });
      return row.id;
    },
    { behavior: "immediate" },
  );

  const result = await pushDataValueSet(conn, set, {
    ...deps.client,
    dryRun: input.dryRun,
    importStrategy: input.importStrategy,
  });

  const finished = deps.clock();
  return deps.db.transaction(
    (tx) => {
      tx.update(dhis2Pushes)
        .set({
          finishedAt: finished.toISOString(),
          state: result.ok ? "done" : "failed",
          errorCode: result.ok ? null : result.errorCode,
          httpStatus: result.httpStatus,
          summaryJson: result.summary ? JSON.stringify(result.summary) : null,
          requests: result.requests,
        })
        .where(eq(dhis2Pushes.id, id))
        .run();
      const push = getDhis2Push(tx, id);
      audit(tx, finished, origin, {
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
      });
      return push;
    },
    { behavior: "immediate" },
  );
}
