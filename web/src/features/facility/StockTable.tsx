/** Table of stock positions: one row per product, quantities in base units with the pack size beside them. */
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { StockPosition } from "@shared/contracts/stock";
import { formatDate, formatMonths, formatNumber, formatXof } from "../../i18n/format";
import { DataTable, type Columns } from "../../lib/table/DataTable";
import { StatusBadge } from "./StatusBadge";
import { unitLabel } from "../../i18n/keys";

/** Product name as a pharmacist writes it: "Paracétamol 500 mg, comprimé". */
export function productLabel(p: Pick<StockPosition, "genericName" | "strength" | "form">): string {
  return [`${p.genericName} ${p.strength}`.trim(), p.form].filter(Boolean).join(", ");
}

/** "3 boîtes de 30 + 5" (or "boîte de 30" under one pack): the pack size is shown beside every quantity. */
function packText(p: StockPosition, t: TFunction, lang: string): string {
  const packs = Math.floor(p.stockOnHand / p.packSize);
  if (packs === 0) return t("stock.packSize", { size: formatNumber(p.packSize, lang) });
  const rest = p.stockOnHand - packs * p.packSize;
  const text = t("stock.packs", {
    count: packs,
    packs: formatNumber(packs, lang),
    size: formatNumber(p.packSize, lang),
  });
  return rest > 0 ? `${text} + ${formatNumber(rest, lang)}` : text;
}

function Lots({ position }: { position: StockPosition }) {
  const { t, i18n } = useTranslation();
  if (position.lots.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="lots">
      {position.lots.map((lot) => (
        <li key={`${lot.lotId}-${lot.fundingSource}`} className={lot.blockedReason ? "lot-blocked" : undefined}>
          <span className="lot-code">{lot.lotCode}</span> · {t("stock.lotExpiry", { date: formatDate(lot.expiry) })} ·{" "}
          {formatNumber(lot.qtyOnHand, i18n.language)}
          {lot.blockedReason && (
            <span className={`badge badge-blocked badge-${lot.blockedReason}`}>
              {t(`blocked.${lot.blockedReason}`)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The props of the table. */
interface StockTableProps {
  items: StockPosition[];
  selectedId: number | null;
  onSelect: (productId: number) => void;
  programmeName: (code: string) => string;
}

/** The quantity on hand with its packs and what of it is usable. */
function OnHand({ p }: { p: StockPosition }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      <strong>{formatNumber(p.stockOnHand, lang)}</strong> {unitLabel(t, p.baseUnit, p.stockOnHand)}
      <span className="muted small block">{packText(p, t, lang)}</span>
      {p.usableOnHand !== p.stockOnHand && (
        <span className="small block warn-text">{t("stock.usable", { qty: formatNumber(p.usableOnHand, lang) })}</span>
      )}
      {p.inTransitIn > 0 && (
        <span className="small block" data-testid="in-transit-in">
          {t("stock.inTransitIn", { qty: formatNumber(p.inTransitIn, lang) })}
        </span>
      )}
      {p.inTransitOut > 0 && (
        <span className="small block muted" data-testid="in-transit-out">
          {t("stock.inTransitOut", { qty: formatNumber(p.inTransitOut, lang) })}
        </span>
      )}
    </>
  );
}

/** Product (opens its card), programme, on hand, AMC, months of stock, status, expiry risk, value, lots; the figures sort. */
function useStockColumns({ selectedId, onSelect, programmeName }: StockTableProps): Columns<StockPosition> {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return [
    {
      id: "product",
      header: t("stock.product"),
      rowHeader: true,
      className: "product-cell",
      sortValue: (p) => productLabel(p),
      cell: (p) => (
        <>
          <button
            type="button"
            className="link-button"
            onClick={() => onSelect(p.productId)}
            aria-expanded={p.productId === selectedId}
            aria-label={t("stock.showCard", { name: productLabel(p) })}
          >
            {productLabel(p)}
          </button>
          <span className="muted small">
            {p.productCode} · VEN {p.ven}
          </span>
        </>
      ),
    },
    { id: "programme", header: t("stock.programme"), className: "small", cell: (p) => programmeName(p.programmeCode) },
    {
      id: "onHand",
      header: t("stock.onHand"),
      numeric: true,
      sortValue: (p) => p.stockOnHand,
      cell: (p) => <OnHand p={p} />,
    },
    {
      id: "amc",
      header: <abbr title={t("stock.amcHint")}>{t("stock.amc")}</abbr>,
      headerText: t("stock.amcHint"),
      numeric: true,
      sortValue: (p) => p.amc,
      cell: (p) => formatNumber(p.amc, lang),
    },
    {
      id: "mos",
      header: t("stock.mos"),
      numeric: true,
      sortValue: (p) => p.monthsOfStock,
      cell: (p) => formatMonths(p.monthsOfStock, lang),
    },
    { id: "status", header: t("stock.status"), cell: (p) => <StatusBadge status={p.status} /> },
    {
      id: "expiryRisk",
      header: t("stock.expiryRisk"),
      numeric: true,
      sortValue: (p) => p.expiryRiskQty,
      cell: (p) =>
        p.expiryRiskQty > 0 ? <span className="warn-text">{formatNumber(p.expiryRiskQty, lang)}</span> : "0",
    },
    {
      id: "value",
      header: t("stock.value"),
      numeric: true,
      className: "nowrap",
      sortValue: (p) => p.valueXof,
      cell: (p) => formatXof(p.valueXof, lang),
    },
    { id: "lots", header: t("stock.lots"), cell: (p) => <Lots position={p} /> },
  ];
}

/** The positions table; clicking a product selects it (its stock card opens below). */
export function StockTable(props: StockTableProps) {
  const { t } = useTranslation();
  return (
    <DataTable
      columns={useStockColumns(props)}
      rows={props.items}
      rowKey={(p) => p.productId}
      label={t("stock.caption")}
      caption={t("stock.caption")}
      className="stock-table"
      testId="stock-table"
      rowProps={(p) => ({
        "data-product-id": p.productId,
        className: p.productId === props.selectedId ? "is-selected" : undefined,
      })}
    />
  );
}
