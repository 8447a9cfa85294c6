/**
 * The reads that may scan a whole country (every facility × product of the network): they run in a
 * worker thread on its own read-only connection (readerPool.ts) so that one national dashboard never
 * stalls the API for everyone else. Each entry takes the database first, then JSON-serialisable arguments.
 */
import type { Db } from "../../db/client";
import type { IndicatorsQuery } from "../../shared/contracts/indicators";
import type { StockStatusQuery } from "../../shared/contracts/stock";
import type { ScopeFilter } from "../policies";
import { cachedAreaIndicators } from "../queries/indicators";
import { stockStatusPicture } from "../queries/stockStatus";

export const HEAVY_READS = {
  areaIndicators: (db: Db, scope: ScopeFilter, q: IndicatorsQuery, asOf: string) =>
    cachedAreaIndicators(db, scope, q, asOf),
  stockStatus: (db: Db, scope: ScopeFilter, q: StockStatusQuery, asOf: string) =>
    stockStatusPicture(db, scope, q, asOf),
};

export type HeavyReadName = keyof typeof HEAVY_READS;
type Read<K extends HeavyReadName> = (typeof HEAVY_READS)[K];
/** The arguments of a read after the database. */
export type HeavyReadArgs<K extends HeavyReadName> = Parameters<Read<K>> extends [Db, ...infer A] ? A : never;
export type HeavyReadResult<K extends HeavyReadName> = ReturnType<Read<K>>;

/** Runs heavy reads: in a worker (the server) or inline (tests on an in-memory database). */
export interface HeavyReader {
  run<K extends HeavyReadName>(name: K, ...args: HeavyReadArgs<K>): Promise<HeavyReadResult<K>>;
  close(): Promise<void>;
}

/** Runs the read on the caller's connection, on the event loop (in-memory databases cannot be shared with a worker). */
export class InlineReader implements HeavyReader {
  constructor(private readonly db: Db) {}

  async run<K extends HeavyReadName>(name: K, ...args: HeavyReadArgs<K>): Promise<HeavyReadResult<K>> {
    const read = HEAVY_READS[name] as unknown as (db: Db, ...a: HeavyReadArgs<K>) => HeavyReadResult<K>;
    return read(this.db, ...args);
  }

  async close(): Promise<void> {}
}
