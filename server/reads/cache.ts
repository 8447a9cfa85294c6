/**
 * Answers of the per-facility reads kept until a write touches their facility. The triggers of
 * db/dataVersions.ts raise a version per facility (and '*' for the reference data) on every write, whichever
 * connection or process makes it; an answer is kept with the versions read just before it was computed, and
 * served again only while they are unchanged. Reading the versions first is what makes this safe: the answer
 * is at least as new as its versions, so a write that lands during the read changes them and the answer is
 * never served. The month-end screens of a facility are read many times between two of its writes.
 */
import type { Db } from "../../db/client";
import { REFERENCE_SCOPE } from "../../db/dataVersions";
import { prepared } from "../queries/prepared";
import {
  type JsonAnswer,
  type ProgressFn,
  type ReadArgs,
  type Reader,
  type ReadName,
  type ReadResult,
  type TrackedReadArgs,
  type TrackedReadName,
  type TrackedReadResult,
} from "./registry";

/** The facilities whose writes change a read's answer, or null when the read is not kept (a list over an area). */
type ScopesOf<K extends ReadName> = (...args: ReadArgs<K>) => (string | undefined)[] | null;
const onlyFacilities = (ids: (string | undefined)[]) => (ids.some((id) => id !== undefined) ? ids : null);

/** The reads kept, and the facilities each depends on (every answer also depends on the reference data). */
const KEPT: { [K in ReadName]?: ScopesOf<K> } = {
  facilityStock: (facilityId) => [facilityId],
  stockCard: (facilityId) => [facilityId],
  facilityHistory: (facilityId) => [facilityId],
  orders: (_scope, q) => (q.regionId || q.districtId ? null : onlyFacilities([q.facilityId, q.supplierId])),
  reports: (_scope, q) => (q.districtId ? null : onlyFacilities([q.facilityId])),
};

/** Counters for the health answer. */
export interface ReadCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
}

interface Entry {
  versions: string;
  answer: JsonAnswer;
}

/** A Reader that keeps the JSON answers of the per-facility reads (KEPT) until their facility is written. */
export class CachedReader implements Reader {
  /** In least recently used order (a hit moves its entry to the end) */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly inner: Reader,
    private readonly db: Db,
    private readonly maxBytes = 64 * 2 ** 20,
  ) {}

  run<K extends ReadName>(name: K, ...args: ReadArgs<K>): Promise<ReadResult<K>> {
    return this.inner.run(name, ...args);
  }

  runTracked<K extends TrackedReadName>(
    name: K,
    onProgress: ProgressFn,
    ...args: TrackedReadArgs<K>
  ): Promise<TrackedReadResult<K>> {
    return this.inner.runTracked(name, onProgress, ...args);
  }

  close(): Promise<void> {
    this.entries.clear();
    return this.inner.close();
  }

  async json<K extends ReadName>(name: K, ...args: ReadArgs<K>): Promise<JsonAnswer> {
    const scopesOf = KEPT[name] as ScopesOf<K> | undefined;
    const scopes = this.maxBytes > 0 ? scopesOf?.(...args) : null;
    if (!scopes) return this.inner.json(name, ...args);
    const key = `${name}${JSON.stringify(args)}`;
    const versions = this.versionsOf(scopes);
    const kept = this.entries.get(key);
    if (kept?.versions === versions) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept.answer;
    }
    this.misses++;
    const answer = await this.inner.json(name, ...args);
    this.keep(key, { versions, answer });
    return answer;
  }

  stats(): ReadCacheStats {
    return {
      entries: this.entries.size,
      bytes: this.bytes,
      maxBytes: this.maxBytes,
      hits: this.hits,
      misses: this.misses,
    };
  }

  /** The versions of the reference data and of the facilities, as one string (absent = 0). */
  private versionsOf(scopes: (string | undefined)[]): string {
    const get = prepared(this.db, "select version from data_versions where scope = ?");
    return [REFERENCE_SCOPE, ...scopes]
      .map((s) => (s === undefined ? "-" : ((get.get(s) as { version: number } | undefined)?.version ?? 0)))
      .join(":");
  }

  private keep(key: string, entry: Entry): void {
    const size = entry.answer.body.byteLength + key.length;
    // One answer never takes more than an eighth of the room.
    if (size > this.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(k, e);
    }
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.answer.body.byteLength + key.length;
  }
}
