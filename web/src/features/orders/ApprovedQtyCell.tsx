/** The approved quantity of a line: a number field while the order is under review, with the reason asked inline when it changes. */
import { useTranslation } from "react-i18next";
import type { Order } from "@shared/contracts/replenishment";
import { packsFor } from "@shared/domain/replenishment/packs";
import { formatNumber } from "../../i18n/format";
import { parseQty, type LineEdit, type LineProblems } from "./approvalDraft";
import { PackNote } from "./packs";

type Line = Order["lines"][number];

/** Props: the line, whether it can be edited, its current edit and problems, and how to change it (null = back to the requested quantity). */
export interface ApprovedQtyCellProps {
  line: Line;
  editable: boolean;
  edit: LineEdit | undefined;
  problems: LineProblems | undefined;
  onEdit: (edit: LineEdit | null) => void;
}

/** One approved-quantity cell. */
export function ApprovedQtyCell({ line, editable, edit, problems, onEdit }: ApprovedQtyCellProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (!editable) {
    if (line.approvedQty === null) return <span className="muted">—</span>;
    return (
      <>
        <strong className={line.approvedQty !== line.requestedQty ? "changed-qty" : undefined}>
          {formatNumber(line.approvedQty, lang)}
        </strong>
        <PackNote packs={packsFor(line.approvedQty, line)} size={line.packSize} />
        {line.approvalReason && (
          <span className="small block reason-text">{t("order.reasonShown", { reason: line.approvalReason })}</span>
        )}
      </>
    );
  }
  const text = edit?.qty ?? String(line.requestedQty);
  const qty = parseQty(text);
  const changed = qty === null || qty !== line.requestedQty;
  const qtyId = `qty-${line.id}`;
  const reasonId = `reason-${line.id}`;
  return (
    <div className={changed ? "qty-edit is-changed" : "qty-edit"}>
      <label className="visually-hidden" htmlFor={qtyId}>
        {t("order.approvedFor", { name: line.genericName })}
      </label>
      <div className="qty-row">
        <input
          id={qtyId}
          className="qty-input"
          inputMode="numeric"
          pattern="[0-9]*"
          value={text}
          aria-invalid={problems?.qty ? true : undefined}
          aria-describedby={`${qtyId}-packs`}
          onChange={(e) => onEdit({ qty: e.target.value, reason: edit?.reason ?? "" })}
        />
        {changed && (
          <button
            type="button"
            className="icon-button"
            onClick={() => onEdit(null)}
            title={t("order.resetQty")}
            aria-label={t("order.resetQtyFor", { name: line.genericName, qty: line.requestedQty })}
          >
            ↺
          </button>
        )}
      </div>
      <span id={`${qtyId}-packs`} className="muted small block">
        {qty !== null
          ? t("stock.packs", {
              count: packsFor(qty, line),
              packs: formatNumber(packsFor(qty, line), lang),
              size: formatNumber(line.packSize, lang),
            })
          : null}
      </span>
      {problems?.qty && <span className="field-error">{t(problems.qty)}</span>}
      {changed && (
        <div className="reason-field">
          <label htmlFor={reasonId} className="small">
            {t("order.reason")}
          </label>
          <input
            id={reasonId}
            value={edit?.reason ?? ""}
            aria-invalid={problems?.reason ? true : undefined}
            aria-required="true"
            placeholder={t("order.reasonPlaceholder")}
            onChange={(e) => onEdit({ qty: text, reason: e.target.value })}
          />
          {problems?.reason && <span className="field-error">{t(problems.reason)}</span>}
        </div>
      )}
    </div>
  );
}
