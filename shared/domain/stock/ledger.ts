/** The arithmetic of the ledger: applying signed movements to balances that may never go negative. */

/** Key of one balance: facility × lot × funding source. */
export function balanceKey(facilityId: string, lotId: number, fundingSource: string): string {
  return `${facilityId}|${lotId}|${fundingSource}`;
}

/** A ledger line as far as balances are concerned. */
export interface LedgerLine {
  facilityId: string;
  lotId: number;
  fundingSource: string;
  qtyDelta: number;
}

/** Result of applying a delta: the new balance, or the shortfall that forbids it. */
export type ApplyResult = { ok: true; balance: number } | { ok: false; balance: number; shortfall: number };

/** Applies a signed delta (base units, integer, non-zero) to a balance; refuses to go below zero. */
export function applyDelta(balance: number, qtyDelta: number): ApplyResult {
  if (!Number.isSafeInteger(qtyDelta) || qtyDelta === 0) throw new RangeError(`invalid qtyDelta ${qtyDelta}`);
  const next = balance + qtyDelta;
  return next < 0 ? { ok: false, balance, shortfall: -next } : { ok: true, balance: next };
}

/** Replays ledger lines in order and returns every balance; throws if one would go negative. */
export function replayLedger(lines: Iterable<LedgerLine>): Map<string, number> {
  const balances = new Map<string, number>();
  for (const line of lines) {
    const key = balanceKey(line.facilityId, line.lotId, line.fundingSource);
    const result = applyDelta(balances.get(key) ?? 0, line.qtyDelta);
    if (!result.ok) throw new RangeError(`balance ${key} would go negative by ${result.shortfall}`);
    balances.set(key, result.balance);
  }
  return balances;
}
