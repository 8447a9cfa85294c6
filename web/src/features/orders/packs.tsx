/** Packs beside quantities: every quantity is in base units, with the packs and the pack size shown next to it. */
import { useTranslation } from "react-i18next";
import type { Order } from "@shared/contracts/replenishment";
import { formatNumber, packsOf } from "../../i18n/format";

/** Packs of a line's suggestion, as the calculation rounded them (explanation step "packs"), else rounded up. */
export function suggestedPacks(
  line: Pick<Order["lines"][number], "explanation" | "suggestedQty" | "packSize">,
): number {
  const step = line.explanation.find((s) => s.key === "packs");
  const packs = step?.values.packs;
  return typeof packs === "number" ? packs : packsOf(line.suggestedQty, line.packSize);
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
