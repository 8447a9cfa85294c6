/** The monthly report line's balance check (PRODUCT.md §3): E = A + B − C + D. */

/** The numbers of one report line (base units; D signed). */
export interface ReportBalance {
  opening: number;
  received: number;
  consumed: number;
  adjustments: number;
  closing: number;
}

/** E − (A + B − C + D): 0 when the line balances; the difference is shown, never silently fixed. */
export function balanceMismatch(l: ReportBalance): number {
  return l.closing - (l.opening + l.received - l.consumed + l.adjustments);
}

/** Days in a calendar month "YYYY-MM". */
export function daysInPeriod(period: string): number {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The month before "YYYY-MM". */
export function previousPeriod(period: string, back = 1): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - back, 1));
  return d.toISOString().slice(0, 7);
}
