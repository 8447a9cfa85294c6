/** What the stop tables of a plan show in their cells (routed and unassigned stops, ready shipments): a load, the orders, the move button. */
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { orderPath } from "../../components/screens";
import { formatNumber } from "../../i18n/format";

/** A load in kg over litres. */
export function LoadText({ kg, l }: { kg: number; l: number }) {
  const { i18n } = useTranslation();
  const n1 = (x: number) => formatNumber(x, i18n.language, 1);
  return (
    <>
      {n1(kg)} kg<span className="block muted small">{n1(l)} L</span>
    </>
  );
}

/** The orders a stop delivers, each linking to its page. */
export function OrderLinks({ ids }: { ids: number[] }) {
  const { t } = useTranslation();
  if (ids.length === 0) return <>{t("common.none")}</>;
  return (
    <>
      {ids.map((id, i) => (
        <Fragment key={id}>
          {i > 0 && ", "}
          <Link to={orderPath(id)}>#{id}</Link>
        </Fragment>
      ))}
    </>
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
      className="button button-small move-button"
      disabled={disabled}
      aria-expanded={open}
      onClick={onClick}
      aria-label={name}
    >
      {label}
    </button>
  );
}
