/** Coloured stock status badge (text + colour, never colour alone). */
import { useTranslation } from "react-i18next";
import type { StockPosition } from "@shared/contracts/stock";

/** The status of a stock position as a badge. */
export function StatusBadge({ status }: { status: StockPosition["status"] }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}
