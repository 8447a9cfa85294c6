/** What a stock write did: the ledger lines the server wrote, and a link to the product's stock card on the facility page. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { MovementResult } from "@shared/contracts/stock";
import { formatNumber } from "../../i18n/format";

/** Props: the server's answer, the facility, and the product for the stock card link. */
interface Props {
  result: MovementResult;
  facilityId: string;
  productId: number;
  onNext: () => void;
}

/** The confirmation card after a receipt, adjustment or count. */
export function MovementConfirmation({ result, facilityId, productId, onNext }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section
      className="action-card"
      aria-labelledby="entry-done-title"
      data-testid="entry-confirmation"
      data-batch-id={result.batchId}
    >
      <h2 id="entry-done-title" role="status">
        {result.movements.length === 0
          ? t("stockEntry.done.nothing")
          : t("stockEntry.done.title", { count: result.movements.length })}
      </h2>
      {result.movements.length > 0 && (
        <div className="table-scroll">
          <table className="table small">
            <caption className="visually-hidden">{t("stockEntry.done.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("stockEntry.done.type")}</th>
                <th scope="col">{t("stockEntry.lot")}</th>
                <th scope="col">{t("stockEntry.expiry")}</th>
                <th scope="col" className="num">
                  {t("stockEntry.done.delta")}
                </th>
                <th scope="col" className="num">
                  {t("stockEntry.done.balance")}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.movements.map((m) => (
                <tr key={m.id} data-movement-id={m.id}>
                  <td>
                    {t(`stockEntry.movementType.${m.type}`)}
                    {m.reason ? ` — ${t(`stockEntry.reasonOf.${m.reason}`, { defaultValue: m.reason })}` : ""}
                  </td>
                  <td>{m.lotCode}</td>
                  <td>{m.expiry}</td>
                  <td className="num" data-delta>
                    {m.qtyDelta > 0 ? "+" : ""}
                    {formatNumber(m.qtyDelta, lang)}
                  </td>
                  <td className="num">{formatNumber(m.balanceAfter, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions-row">
        <Link to={`/facilities/${encodeURIComponent(facilityId)}?product=${productId}`} data-testid="stock-card-link">
          {t("stockEntry.done.stockCard")}
        </Link>
        <button type="button" className="button" onClick={onNext}>
          {t("stockEntry.done.next")}
        </button>
      </div>
    </section>
  );
}
