/**
 * The ledger's time axis: when a line may be dated, and what a line dated in the past may take.
 *
 * A line's `occurredAt` may not be in the future (MAX_CLOCK_SKEW_MS of clock skew allowed) nor before its
 * facility × product's open window: a month closes when its report is submitted or by an explicit close, and a
 * physical count closes everything before it for that product. Inside the window a line may be backdated, but
 * balances are read along `occurred_at` (the stock card's order): a line dated t shifts every running balance
 * at and after t, so a removal is refused when any of them would go below zero, not only today's.
 */
import { periodEnd } from "../months";
import { applyDelta } from "./ledger";

/** How far ahead of the server's clock a line may be dated (a tablet's clock running a little fast). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** Why the open window starts where it does. */
export type ClosedBy = "report" | "close" | "count";

/** The start of a facility × product's open window (ISO date or date-time), and what closed what lies before it. */
export interface OpenWindow {
  /** Lines dated before this instant are refused; null when nothing is closed */
  openFrom: string | null;
  closedBy: ClosedBy | null;
  /** The last closed month "YYYY-MM" (report or close), when that is what decides */
  closedPeriod?: string | null;
}

/** The outcome of checking a line's date. */
export type TimeCheck =
  | { ok: true }
  | { ok: false; reason: "future"; latest: string }
  | { ok: false; reason: "closed"; openFrom: string; closedBy: ClosedBy };

/** First day (ISO date) of the month after `period` ("2026-10" → "2026-11-01"). */
export function monthAfter(period: string): string {
  return periodEnd(period);
}

/**
 * The later of the two starts: the month after the facility's last closed period, and the product's last count.
 * ISO dates and date-times compare as strings ("2026-11-01" < "2026-11-01T08:00:00.000Z").
 */
export function openWindow(
  lastClosed: { period: string; by: "report" | "close" } | null,
  lastCountAt: string | null,
): OpenWindow {
  const fromPeriod = lastClosed ? monthAfter(lastClosed.period) : null;
  if (lastCountAt !== null && (fromPeriod === null || lastCountAt > fromPeriod))
    return { openFrom: lastCountAt, closedBy: "count", closedPeriod: lastClosed?.period ?? null };
  if (fromPeriod !== null) return { openFrom: fromPeriod, closedBy: lastClosed!.by, closedPeriod: lastClosed!.period };
  return { openFrom: null, closedBy: null, closedPeriod: null };
}

/** Whether a line dated `occurredAt` (ISO date-time, UTC) may be written at `now` in the window. */
export function checkLineTime(occurredAt: string, now: Date, window: OpenWindow): TimeCheck {
  const at = Date.parse(occurredAt);
  if (at > now.getTime() + MAX_CLOCK_SKEW_MS)
    return { ok: false, reason: "future", latest: new Date(now.getTime() + MAX_CLOCK_SKEW_MS).toISOString() };
  if (window.openFrom !== null && new Date(at).toISOString() < normalise(window.openFrom))
    return { ok: false, reason: "closed", openFrom: window.openFrom, closedBy: window.closedBy! };
  return { ok: true };
}

/** An ISO date as the first instant of that day, a date-time as itself (both as toISOString writes them). */
function normalise(iso: string): string {
  return iso.length === 10 ? `${iso}T00:00:00.000Z` : new Date(iso).toISOString();
}

/**
 * What may be taken at instant t from one facility × lot × funding source without any running balance at or
 * after t going below zero: the least of the balance at t and every later running balance. `pendingOut` is
 * stock that will leave after every line (reserved by a picked order): it counts as one more line at the end.
 */
export function availableAt(balanceAtT: number, laterDeltas: readonly number[], pendingOut = 0): number {
  let running = balanceAtT;
  let least = running;
  for (const d of laterDeltas) {
    running += d;
    if (running < least) least = running;
  }
  running -= pendingOut;
  if (running < least) least = running;
  return Math.max(0, least);
}

/** The outcome of placing a line in the past: the balance right after it, or the shortfall that forbids it. */
export type PlaceResult =
  | { ok: true; balanceAtT: number; balanceNow: number }
  | { ok: false; shortfall: number; balanceAtT: number; least: number };

/**
 * Places a signed delta at instant t on one key, given the balance along `occurred_at` at t (every line dated at
 * or before t) and the deltas of the lines dated after t, in order. Refused when the balance at t or any later
 * running balance would go below zero; a line dated now (no later lines) is exactly applyDelta.
 */
export function placeLine(balanceAtT: number, laterDeltas: readonly number[], qtyDelta: number): PlaceResult {
  const here = applyDelta(balanceAtT, qtyDelta);
  const balanceNow = balanceAtT + laterDeltas.reduce((s, d) => s + d, 0) + qtyDelta;
  if (qtyDelta > 0) return { ok: true, balanceAtT: here.balance, balanceNow };
  const least = availableAt(balanceAtT, laterDeltas);
  if (least + qtyDelta < 0) return { ok: false, shortfall: -(least + qtyDelta), balanceAtT, least };
  return { ok: true, balanceAtT: balanceAtT + qtyDelta, balanceNow };
}

/** A ledger line as the time axis sees it. */
export interface TimedLine {
  occurredAt: string;
  /** Recording order (the ledger's id): breaks ties between lines dated alike */
  seq: number;
  qtyDelta: number;
}

/** The running balances of one key along the stock card's order (occurred_at, then recording order). */
export function runningBalances(lines: readonly TimedLine[]): number[] {
  const sorted = [...lines].sort((a, b) =>
    a.occurredAt === b.occurredAt ? a.seq - b.seq : a.occurredAt < b.occurredAt ? -1 : 1,
  );
  let running = 0;
  return sorted.map((l) => (running += l.qtyDelta));
}

/**
 * The months a facility may close on `today` (ISO date), newest first: every finished month after its last closed
 * one (at most `max`). Closing a month closes the ones before it, so any of them may be chosen.
 */
export function closableMonths(closedPeriod: string | null, today: string, max = 12): string[] {
  const out: string[] = [];
  let [y, m] = today.slice(0, 7).split("-").map(Number) as [number, number];
  while (out.length < max) {
    m -= 1;
    if (m === 0) {
      y -= 1;
      m = 12;
    }
    const period = `${y}-${String(m).padStart(2, "0")}`;
    if (closedPeriod !== null && period <= closedPeriod) break;
    out.push(period);
  }
  return out;
}
