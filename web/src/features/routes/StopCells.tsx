/** Cells shared by the stop tables of a plan (routed and unassigned stops): a load, the orders, the move button and its form row. */
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { orderPath } from "../../components/screens";
import { formatNumber } from "../../i18n/format";

/** A load in kg over litres. */
export function LoadCell({ kg, l, className = "num nowrap" }: { kg: number; l: number; className?: string }) {
  const { i18n } = useTranslation();
  const n1 = (x: number) => formatNumber(x, i18n.language, 1);
  return (
    <td className={className}>
      {n1(kg)} kg<span className="block muted small">{n1(l)} L</span>
    </td>
  );
}

/** The orders a stop delivers, each linking to its page. */
export function OrderLinksCell({ ids }: { ids: number[] }) {
  const { t } = useTranslation();
  return (
    <td>
      {ids.length === 0
        ? t("common.none")
        : ids.map((id, i) => (
            <Fragment key={id}>
              {i > 0 && ", "}
              <Link to={orderPath(id)}>#{id}</Link>
            </Fragment>
          ))}
    </td>
  );
}

/** The button that opens a stop's move form. */
export function MoveButton({
  open,
  disabled,
  onClick,
  label,
  name,
}: {
  open: boolean;
  disabled: boolean;
  onClick: () => void;
  label: string;
  name: string;
}) {
  return (
    <button
      type="button"
      className="button button-small"
      disabled={disabled}
      aria-expanded={open}
      onClick={onClick}
      aria-label={name}
    >
      {label}
    </button>
  );
}

/** The row under a stop that holds its open move form. */
export function MoveRow({ colSpan, form }: { colSpan: number; form: ReactNode }) {
  return (
    <tr className="move-row">
      <td colSpan={colSpan}>{form}</td>
    </tr>
  );
}
