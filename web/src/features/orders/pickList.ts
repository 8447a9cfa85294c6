/** The pick list of an order being picked: per line, the lots taken (FEFO), the lots blocked and the shortfall (pure). */
import type { Order } from "@shared/contracts/replenishment";
import type { PackRule } from "@shared/domain/replenishment/packs";
import type { LinePick } from "../../api/orders";

/** A lot that cannot be issued, with why. */
export interface BlockedLotView {
  lotId: number;
  lotCode: string;
  expiry: string;
  qty: number;
  reason: "expired" | "short_dated";
}

/** One line of the pick list. */
export interface PickRow {
  lineId: number;
  productId: number;
  name: string;
  code: string;
  packSize: number;
  /** The product's pack rounding (shared packsFor) */
  pack: PackRule;
  approvedQty: number;
  pickedQty: number;
  shortfall: number;
  lots: Order["lines"][number]["lots"];
  blocked: BlockedLotView[];
}

/**
 * Builds the pick list from the order (lots picked) and the blocked lots: those the pick answered in
 * this session, else the depot's blocked lots of the same product and funding source.
 */
export function pickRows(
  order: Pick<Order, "lines">,
  picks: LinePick[] | undefined,
  depotBlocked: (productId: number, fundingSource: string) => BlockedLotView[],
): PickRow[] {
  const byLine = new Map((picks ?? []).map((p) => [p.lineId, p]));
  return order.lines
    .filter((l) => (l.approvedQty ?? 0) > 0)
    .map((l) => {
      const pickedQty = l.lots.reduce((s, lot) => s + lot.pickedQty, 0);
      const pick = byLine.get(l.id);
      const blocked = pick
        ? pick.blocked.map((b) => ({
            lotId: b.lotId,
            lotCode: b.lotCode,
            expiry: b.expiry,
            qty: b.qtyOnHand,
            reason: b.reason,
          }))
        : depotBlocked(l.productId, l.fundingSource);
      return {
        lineId: l.id,
        productId: l.productId,
        name: l.genericName,
        code: l.productCode,
        packSize: l.packSize,
        pack: l,
        approvedQty: l.approvedQty ?? 0,
        pickedQty,
        shortfall: Math.max(0, (l.approvedQty ?? 0) - pickedQty),
        lots: l.lots,
        blocked,
      };
    });
}
