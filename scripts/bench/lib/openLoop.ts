/**
 * A fixed-rate ("open loop") load generator: request i of a stream is due at start + i / rate, and is
 * sent then whether or not earlier ones have answered; its latency is counted from that due time.
 * A closed-loop tool (autocannon, or one with a rate cap per connection) only sends when a connection is
 * free, so a server that stalls is simply asked less — and its stall never shows in the latencies
 * ("coordinated omission"). Here a stall shows as the latency of every request that was due during it.
 * Writers also need a fresh Idempotency-Key and body per request, which this takes from `next(i)`.
 */
import type { Answer, HttpClient, RequestSpec } from "../../../tests/helpers/httpClient";

/** One kind of traffic at a fixed rate. */
export interface Stream {
  name: string;
  ratePerS: number;
  client: HttpClient;
  next: (i: number) => RequestSpec;
  /** Statuses that count as answered correctly (default 200–299 and 304) */
  ok?: (status: number) => boolean;
}

/** Figures of one stream. */
export interface StreamStats {
  name: string;
  sent: number;
  /** Answers the server completed per second within the measured window (a backlog drained later does not count) */
  achievedPerS: number;
  errors: number;
  /** First few errors: status and body */
  errorSamples: string[];
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Answers that were 304 Not Modified */
  notModified: number;
  /** Every latency, sorted (to merge streams) */
  latencies: number[];
}

/** Figures of several streams taken together (e.g. every kind of read). */
export function mergeStats(name: string, parts: StreamStats[]): StreamStats {
  const sorted = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
  return {
    name,
    sent: sorted.length,
    achievedPerS: parts.reduce((n, p) => n + p.achievedPerS, 0),
    errors: parts.reduce((n, p) => n + p.errors, 0),
    errorSamples: parts.flatMap((p) => p.errorSamples).slice(0, 5),
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? NaN,
    notModified: parts.reduce((n, p) => n + p.notModified, 0),
    latencies: sorted,
  };
}

/** The value at quantile q of sorted numbers. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Runs every stream for `seconds` (after `warmupS` seconds whose answers are not counted) and returns their figures. */
export async function runOpenLoop(
  streams: Stream[],
  seconds: number,
  o: { warmupS?: number; onSecond?: (elapsedS: number) => void } = {},
): Promise<StreamStats[]> {
  const warmupMs = (o.warmupS ?? 0) * 1000;
  const totalMs = warmupMs + seconds * 1000;
  const start = performance.now();
  const state = streams.map(() => ({
    i: 0,
    latencies: [] as number[],
    inWindow: 0,
    errors: 0,
    samples: [] as string[],
    nm: 0,
  }));
  const inflight = new Set<Promise<void>>();
  let lastSecond = 0;
  while (performance.now() - start < totalMs) {
    const now = performance.now() - start;
    streams.forEach((s, k) => {
      const st = state[k]!;
      // Send every request of this stream that is due by now.
      while ((st.i * 1000) / s.ratePerS <= now && (st.i * 1000) / s.ratePerS < totalMs) {
        const dueAt = start + (st.i * 1000) / s.ratePerS;
        const counted = dueAt - start >= warmupMs;
        const p = s.client.send(s.next(st.i)).then((a: Answer) => {
          if (!counted) return;
          const doneAt = performance.now();
          st.latencies.push(doneAt - dueAt);
          if (doneAt - start <= totalMs) st.inWindow++;
          if (a.status === 304) st.nm++;
          if (!(s.ok ?? ((x) => (x >= 200 && x < 300) || x === 304))(a.status)) {
            st.errors++;
            if (st.samples.length < 5) st.samples.push(`${a.status} ${a.error ?? a.text.slice(0, 200)}`);
          }
        });
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
        st.i++;
      }
    });
    const second = Math.floor(now / 1000);
    if (second !== lastSecond) {
      lastSecond = second;
      o.onSecond?.(second);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(inflight);
  return streams.map((s, k) => {
    const st = state[k]!;
    const sorted = [...st.latencies].sort((a, b) => a - b);
    return {
      name: s.name,
      sent: sorted.length,
      achievedPerS: st.inWindow / seconds,
      errors: st.errors,
      errorSamples: st.samples,
      p50: quantile(sorted, 0.5),
      p90: quantile(sorted, 0.9),
      p99: quantile(sorted, 0.99),
      max: sorted.at(-1) ?? NaN,
      notModified: st.nm,
      latencies: sorted,
    };
  });
}
