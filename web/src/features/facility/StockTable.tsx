/** Table of stock positions: one row per product, quantities in base units with the pack size beside them. */
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { StockPosition } from "@shared/contracts/stock";
import { formatDate, formatMonths, formatNumber, formatXof } from "../../i18n/format";
import { StatusBadge } from "./StatusBadge";

/** Product name as a pharmacist writes it: "Paracétamol 500 mg, comprimé". */
export function productLabel(p: Pick<StockPosition, "genericName" | "strength" | "form">): string {
  return `${p.genericName} ${p.strength}, ${p.form}`;
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

/** The positions table; clicking a product selects it (its stock card opens below). */
export function StockTable(props: {
  items: StockPosition[];
  selectedId: number | null;
  onSelect: (productId: number) => void;
  programmeName: (code: string) => string;
}) {
  const { items, selectedId, onSelect, programmeName } = props;
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t("stock.caption")}>
      <table className="table stock-table" data-testid="stock-table">
        <caption className="visually-hidden">{t("stock.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("stock.product")}</th>
            <th scope="col">{t("stock.programme")}</th>
            <th scope="col" className="num">
              {t("stock.onHand")}
            </th>
            <th scope="col" className="num">
              <abbr title={t("stock.amcHint")}>{t("stock.amc")}</abbr>
            </th>
            <th scope="col" className="num">
              {t("stock.mos")}
            </th>
            <th scope="col">{t("stock.status")}</th>
            <th scope="col" className="num">
              {t("stock.expiryRisk")}
            </th>
            <th scope="col" className="num">
              {t("stock.value")}
            </th>
            <th scope="col">{t("stock.lots")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => {
            const selected = p.productId === selectedId;
            return (
              <tr key={p.productId} className={selected ? "is-selected" : undefined} data-product-id={p.productId}>
                <th scope="row" className="product-cell">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onSelect(p.productId)}
                    aria-expanded={selected}
                    aria-label={t("stock.showCard", { name: productLabel(p) })}
                  >
                    {productLabel(p)}
                  </button>
                  <span className="muted small">
                    {p.productCode} · VEN {p.ven}
                  </span>
                </th>
                <td className="small">{programmeName(p.programmeCode)}</td>
                <td className="num">
                  <strong>{formatNumber(p.stockOnHand, lang)}</strong> {p.baseUnit}
                  <span className="muted small block">{packText(p, t, lang)}</span>
                  {p.usableOnHand !== p.stockOnHand && (
                    <span className="small block warn-text">
                      {t("stock.usable", { qty: formatNumber(p.usableOnHand, lang) })}
                    </span>
                  )}
                </td>
                <td className="num">{formatNumber(p.amc, lang)}</td>
                <td className="num">{formatMonths(p.monthsOfStock, lang)}</td>
                <td>
                  <StatusBadge status={p.status} />
                </td>
                <td className="num">
                  {p.expiryRiskQty > 0 ? <span className="warn-text">{formatNumber(p.expiryRiskQty, lang)}</span> : "0"}
                </td>
                <td className="num nowrap">{formatXof(p.valueXof, lang)}</td>
                <td>
                  <Lots position={p} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
