/** First-expiry-first-out picking over the lots on the shelf, with the reasons for what cannot be picked. */
import type { Message } from "../messages";
import { lotStatus, type LotBlockReason } from "./lots";

/** A lot on the shelf at one facility (one funding source). */
export interface ShelfLot {
  lotId: number;
  lotCode: string;
  expiry: string;
  qtyOnHand: number;
}

/** What FEFO picked from one lot. */
export interface Allocation {
  lotId: number;
  lotCode: string;
  expiry: string;
  qty: number;
}

/** A lot left out of the pick, with the reason (shown to the user). */
export interface BlockedLot {
  lotId: number;
  lotCode: string;
  expiry: string;
  qtyOnHand: number;
  reason: LotBlockReason;
  daysToExpiry: number;
}

/** The outcome of a FEFO pick: what was allocated, what could not be, and why. */
export interface FefoPick {
  requested: number;
  allocated: number;
  shortfall: number;
  allocations: Allocation[];
  blocked: BlockedLot[];
  /** Usable stock on the shelf before the pick */
  usableOnHand: number;
}

/** Input of pickFefo. Quantities in base units; dates ISO. */
export interface FefoInput {
  lots: ShelfLot[];
  quantity: number;
  asOf: string;
  minShelfLifeDays: number;
}

/**
 * Picks `quantity` from the usable lots, earliest expiry first (ties: lower lot id, i.e. received
 * earlier). Expired and short-dated lots are never picked; they are listed in `blocked`.
 */
export function pickFefo({ lots, quantity, asOf, minShelfLifeDays }: FefoInput): FefoPick {
  const blocked: BlockedLot[] = [];
  const usable: ShelfLot[] = [];
  for (const lot of lots) {
    if (lot.qtyOnHand <= 0) continue;
    const status = lotStatus(lot.expiry, asOf, minShelfLifeDays);
    if (status.usable) usable.push(lot);
    else blocked.push({ ...lot, reason: status.reason!, daysToExpiry: status.daysToExpiry });
  }
  usable.sort((a, b) => (a.expiry === b.expiry ? a.lotId - b.lotId : a.expiry < b.expiry ? -1 : 1));
  const allocations: Allocation[] = [];
  let remaining = quantity;
  for (const lot of usable) {
    if (remaining === 0) break;
    const qty = Math.min(remaining, lot.qtyOnHand);
    allocations.push({ lotId: lot.lotId, lotCode: lot.lotCode, expiry: lot.expiry, qty });
    remaining -= qty;
  }
  const usableOnHand = usable.reduce((s, l) => s + l.qtyOnHand, 0);
  return {
    requested: quantity,
    allocated: quantity - remaining,
    shortfall: remaining,
    allocations,
    blocked,
    usableOnHand,
  };
}

/** Keys of a pick's explanation (web/src/i18n: fefo.<key>). */
export type FefoKey = "picked" | "lot" | "shortfall" | "blocked";

/** What a pick did, as keys and values: how much of what was asked, from which lots, what was left and why. */
export function explainPick(p: FefoPick): Message<FefoKey>[] {
  return [
    { key: "picked", values: { allocated: p.allocated, requested: p.requested } },
    ...p.allocations.map((a) => ({
      key: "lot" as const,
      values: { lotCode: a.lotCode, expiry: a.expiry, qty: a.qty },
    })),
    ...(p.shortfall > 0 ? [{ key: "shortfall" as const, values: { qty: p.shortfall } }] : []),
    ...p.blocked.map((b) => ({
      key: "blocked" as const,
      values: { lotCode: b.lotCode, qty: b.qtyOnHand, reason: b.reason, expiry: b.expiry },
    })),
  ];
}
