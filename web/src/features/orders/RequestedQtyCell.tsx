/** The requested quantity of a line while its requester may still change it (draft or rejected order), with its packs and the suggestion beside it. */
import { useTranslation } from "react-i18next";
import type { Order } from "@shared/contracts/replenishment";
import { packsFor } from "@shared/domain/replenishment/packs";
import { formatNumber } from "../../i18n/format";
import { parseQty } from "./approvalDraft";

/** Props: the line, what was typed (undefined = unchanged), and how to change it (null = back to the saved quantity). */
export interface RequestedQtyCellProps {
  line: Order["lines"][number];
  text: string | undefined;
  onText: (text: string | null) => void;
}

/** One editable requested-quantity cell. */
export function RequestedQtyCell({ line, text, onText }: RequestedQtyCellProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const value = text ?? String(line.requestedQty);
  const qty = parseQty(value);
  const changed = qty === null || qty !== line.requestedQty;
  const id = `req-${line.id}`;
  return (
    <div className={changed ? "qty-edit is-changed" : "qty-edit"}>
      <label className="visually-hidden" htmlFor={id}>
        {t("orderRequest.qtyFor", { name: line.genericName })}
      </label>
      <div className="qty-row">
        <input
          id={id}
          className="qty-input"
          inputMode="numeric"
          pattern="[0-9]*"
          value={value}
          aria-invalid={qty === null || undefined}
          aria-describedby={`${id}-note`}
          onChange={(e) => onText(e.target.value)}
        />
        {changed && (
          <button
            type="button"
            className="icon-button"
            onClick={() => onText(null)}
            title={t("orderRequest.reset")}
            aria-label={t("orderRequest.resetFor", { name: line.genericName, qty: line.requestedQty })}
          >
            ↺
          </button>
        )}
      </div>
      <span id={`${id}-note`} className="muted small block">
        {qty === null ? (
          <span className="field-error">{t("order.errors.qty")}</span>
        ) : (
          <>
            {t("stock.packs", {
              count: packsFor(qty, line),
              packs: formatNumber(packsFor(qty, line), lang),
              size: formatNumber(line.packSize, lang),
            })}
            {qty !== line.suggestedQty && (
              <span className="block">
                {t("orderRequest.vsSuggested", { qty: formatNumber(line.suggestedQty, lang) })}
              </span>
            )}
          </>
        )}
      </span>
    </div>
  );
}
