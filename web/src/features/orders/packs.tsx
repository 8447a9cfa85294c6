/** Packs beside quantities: every quantity is in base units, with the packs and the pack size shown next to it. */
import { useTranslation } from "react-i18next";
import type { Order } from "@shared/contracts/replenishment";
import { packsFor } from "@shared/domain/replenishment/packs";
import { formatNumber } from "../../i18n/format";

/** Packs of a line's suggestion: the shared pack rounding (packsFor), as the calculation rounded them. */
export function suggestedPacks(
  line: Pick<Order["lines"][number], "suggestedQty" | "packSize" | "packRoundingThreshold" | "roundToZero">,
): number {
  return packsFor(line.suggestedQty, line);
}

/** "4 boîtes de 100" under a quantity (nothing for zero). */
export function PackNote({ packs, size }: { packs: number; size: number }) {
  const { t, i18n } = useTranslation();
  if (packs <= 0) return null;
  return (
    <span className="muted small block">
      {t("stock.packs", {
        count: packs,
        packs: formatNumber(packs, i18n.language),
        size: formatNumber(size, i18n.language),
      })}
    </span>
  );
}
