/** Whether a lot may be issued on a given day, and why not. */
import { daysBetween } from "./dates";

/** Why a lot is blocked from issue. */
export type LotBlockReason = "expired" | "short_dated";

/** Issuability of a lot: usable, or blocked with the reason and the days left before expiry. */
export interface LotStatus {
  usable: boolean;
  reason?: LotBlockReason;
  /** Days from asOf to the expiry date (0 or negative = expired) */
  daysToExpiry: number;
}

/**
 * A lot expires at the start of its expiry day. It is short-dated when fewer than
 * `minShelfLifeDays` days remain, which would leave too little time to consume it downstream.
 */
export function lotStatus(expiry: string, asOf: string, minShelfLifeDays: number): LotStatus {
  const daysToExpiry = daysBetween(asOf, expiry);
  if (daysToExpiry <= 0) return { usable: false, reason: "expired", daysToExpiry };
  if (daysToExpiry < minShelfLifeDays) return { usable: false, reason: "short_dated", daysToExpiry };
  return { usable: true, daysToExpiry };
}
