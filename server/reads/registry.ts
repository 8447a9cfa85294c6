/**
 * The reads that run on reader threads (readerPool.ts), each with its own read-only connection, so that
 * reading never holds the event loop that writes go through. Two kinds: the national reads that may scan
 * a whole country (every facility × product: 1–4 s) — at most one at a time — and the per-facility reads
 * of the month-end screens (a few ms each, hundreds a second). Each entry takes the database first, then
 * JSON-serialisable arguments; it loads what it needs itself (the facility, settings) in the thread.
 */
import { createHash } from "node:crypto";
import type { Db } from "../../db/client";
import type { ForecastQuery, PlanRunCreate, SupplyPlanQuery } from "../../shared/contracts/forecasts";
import type { ConsumptionQuery, IndicatorsQuery } from "../../shared/contracts/indicators";
import type { OrderQuery, ReportQuery } from "../../shared/contracts/replenishment";
import type { PositionsQuery, StockCardQuery, StockStatusQuery } from "../../shared/contracts/stock";
import type { z } from "zod";
import type { ScopeFilter } from "../policies";
import { areaConsumption, facilityHistoryOf } from "../queries/history";
import type { Dhis2ExportQuery } from "../../shared/contracts/interop";
import { dhis2ExportDocument, dhis2ExportOf } from "../interop/dhis2Export";
import { cachedAreaIndicators } from "../queries/indicators";
import { listOrders, listReports } from "../queries/replenishment";
import { facilityStock, stockCard } from "../queries/stock";
import { stockStatusPicture } from "../queries/stockStatus";
import { productForecast } from "../quantification/forecasting";
import { cataloguePlan, productSupplyPlan, type ProgressFn } from "../quantification/planning";

export const READS = {
  // National reads (HEAVY_READS): one at a time.
  areaIndicators: (db: Db, scope: ScopeFilter, q: IndicatorsQuery, asOf: string) =>
    cachedAreaIndicators(db, scope, q, asOf),
  stockStatus: (db: Db, scope: ScopeFilter, q: StockStatusQuery, asOf: string) =>
    stockStatusPicture(db, scope, q, asOf),
  areaConsumption: (db: Db, scope: ScopeFilter, q: ConsumptionQuery, asOf: string) =>
    areaConsumption(db, scope, q, asOf),
  // Per-facility reads of the month-end screens.
  facilityStock: (db: Db, facilityId: string, q: z.infer<typeof PositionsQuery>, today: string) =>
    facilityStock(db, facilityId, q, today),
  stockCard: (db: Db, facilityId: string, productId: number, q: z.infer<typeof StockCardQuery>) =>
    stockCard(db, facilityId, productId, q),
  facilityHistory: (db: Db, facilityId: string, productId: number, asOf: string) =>
    facilityHistoryOf(db, facilityId, productId, asOf),
  orders: (db: Db, scope: ScopeFilter, q: z.infer<typeof OrderQuery>) => listOrders(db, scope, q),
  reports: (db: Db, scope: ScopeFilter, q: z.infer<typeof ReportQuery>) => listReports(db, scope, q),
  // Quantification reads the whole country's history of a product (every facility's months): on their own reader
  // (deps.quantification).
  productForecast: (db: Db, q: ForecastQuery, asOf: string) => productForecast(db, q, asOf),
  productSupplyPlan: (db: Db, q: SupplyPlanQuery, asOf: string) => productSupplyPlan(db, q, asOf),
  // A national DHIS2 export is ≈ 500,000 values (4–5 s to build, 61 MB of JSON): built and written out here.
  dhis2Export: (db: Db, scope: ScopeFilter, q: Pick<Dhis2ExportQuery, "period" | "regionId" | "districtId">) =>
    dhis2ExportOf(db, scope, q),
  dhis2ExportDocument: (db: Db, scope: ScopeFilter, q: Dhis2ExportQuery, exportedAt: string) =>
    dhis2ExportDocument(db, scope, q, exportedAt),
};

/** Long reads that report their progress (products done out of the total) while they run. */
export const TRACKED_READS = {
  cataloguePlan: (db: Db, progress: ProgressFn, input: PlanRunCreate, asOf: string) =>
    cataloguePlan(db, input, asOf, progress),
};
export type TrackedReadName = keyof typeof TRACKED_READS;
type Tracked<K extends TrackedReadName> = (typeof TRACKED_READS)[K];
/** The arguments of a tracked read after the database and the progress callback. */
export type TrackedReadArgs<K extends TrackedReadName> =
  Parameters<Tracked<K>> extends [Db, ProgressFn, ...infer A] ? A : never;
export type TrackedReadResult<K extends TrackedReadName> = ReturnType<Tracked<K>>;
export type { ProgressFn };

/** Runs a tracked read (TRACKED_READS) by name on a connection, `progress` called as it goes. */
export function runTrackedRead<K extends TrackedReadName>(
  db: Db,
  name: K,
  progress: ProgressFn,
  args: TrackedReadArgs<K>,
): TrackedReadResult<K> {
  const read = TRACKED_READS[name] as unknown as (
    db: Db,
    progress: ProgressFn,
    ...a: TrackedReadArgs<K>
  ) => TrackedReadResult<K>;
  return read(db, progress, ...args);
}

export type ReadName = keyof typeof READS;
/** The national reads: never more than one at a time, so that the per-facility reads always find a thread. */
export const HEAVY_READS: ReadonlySet<ReadName> = new Set<ReadName>([
  "areaIndicators",
  "stockStatus",
  "areaConsumption",
  "dhis2Export",
  "dhis2ExportDocument",
]);

type Read<K extends ReadName> = (typeof READS)[K];
/** The arguments of a read after the database. */
export type ReadArgs<K extends ReadName> = Parameters<Read<K>> extends [Db, ...infer A] ? A : never;
export type ReadResult<K extends ReadName> = ReturnType<Read<K>>;

/**
 * A read's answer serialised where it was computed: the JSON as UTF-8 bytes (in their own buffer, so a
 * reader thread can hand them over without a copy) and its ETag (Express's weak form).
 */
export interface JsonAnswer {
  body: Uint8Array;
  etag: string;
}

const utf8 = new TextEncoder();

/** Serialises a value as the answer of a read. */
export function jsonAnswer(value: unknown): JsonAnswer {
  const body = utf8.encode(JSON.stringify(value));
  const hash = createHash("sha1").update(body).digest("base64").slice(0, 27);
  return { body, etag: `W/"${body.byteLength.toString(16)}-${hash}"` };
}

/** Runs a read (READS) by name on a connection. */
export function runRead<K extends ReadName>(db: Db, name: K, args: ReadArgs<K>): ReadResult<K> {
  const read = READS[name] as unknown as (db: Db, ...a: ReadArgs<K>) => ReadResult<K>;
  return read(db, ...args);
}

/** Runs reads: on reader threads (the server) or inline (tests on an in-memory database). */
export interface Reader {
  /** The read's value */
  run<K extends ReadName>(name: K, ...args: ReadArgs<K>): Promise<ReadResult<K>>;
  /** The read's value already serialised, with its ETag (the main thread only sends it) */
  json<K extends ReadName>(name: K, ...args: ReadArgs<K>): Promise<JsonAnswer>;
  /** A long read whose progress `onProgress` receives as it goes */
  runTracked<K extends TrackedReadName>(
    name: K,
    onProgress: ProgressFn,
    ...args: TrackedReadArgs<K>
  ): Promise<TrackedReadResult<K>>;
  close(): Promise<void>;
}

/** Former name of Reader, when it ran the national reads only. */
export type HeavyReader = Reader;

/** Runs the read on the caller's connection, on the event loop (in-memory databases cannot be shared with a thread). */
export class InlineReader implements Reader {
  constructor(private readonly db: Db) {}

  async run<K extends ReadName>(name: K, ...args: ReadArgs<K>): Promise<ReadResult<K>> {
    return runRead(this.db, name, args);
  }

  async json<K extends ReadName>(name: K, ...args: ReadArgs<K>): Promise<JsonAnswer> {
    return jsonAnswer(runRead(this.db, name, args));
  }

  /** Runs the read inline, yielding to the event loop first so the caller gets its answer out before the work. */
  async runTracked<K extends TrackedReadName>(
    name: K,
    onProgress: ProgressFn,
    ...args: TrackedReadArgs<K>
  ): Promise<TrackedReadResult<K>> {
    await new Promise((resolve) => setImmediate(resolve));
    return runTrackedRead(this.db, name, onProgress, args);
  }

  async close(): Promise<void> {}
}
