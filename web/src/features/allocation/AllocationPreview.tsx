/** The rationing table of an allocation plan: each CSCom's need, months of stock and share (whole packs), with the totals against what the depot holds. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Product } from "@shared/contracts/reference";
import type { AllocationPlan } from "../../api/allocations";
import { formatMonths, formatNumber } from "../../i18n/format";

/** Plan summary and table; CSComs without need are hidden unless asked for. */
export function AllocationPreview({ plan, product }: { plan: AllocationPlan; product: Product }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [showAll, setShowAll] = useState(false);
  const shares = showAll ? plan.shares : plan.shares.filter((s) => s.need > 0 || s.quantity > 0);
  const n = (v: number) => formatNumber(v, lang);
  return (
    <>
      <div className="section-head">
        <h2 id="allocation-preview-title">
          {t("allocation.previewTitle", { name: `${product.genericName} ${product.strength}`.trim() })}
        </h2>
        {plan.rationed ? (
          <span className="badge badge-stockout">{t("allocation.rationed")}</span>
        ) : (
          <span className="badge badge-adequate">{t("allocation.notRationed")}</span>
        )}
      </div>
      <ul className="tiles" data-testid="allocation-totals">
        <li className="tile">
          <strong>{n(plan.totalNeed)}</strong>
          <span>{t("allocation.totalNeed")}</span>
        </li>
        <li className={plan.available < plan.totalNeed ? "tile tile-danger" : "tile tile-ok"}>
          <strong>{n(plan.available)}</strong>
          <span>{t("allocation.available")}</span>
        </li>
        <li className="tile tile-accent">
          <strong>{n(plan.allocated)}</strong>
          <span>
            {t("allocation.allocated", {
              count: Math.floor(plan.allocated / product.packSize),
              packs: n(Math.floor(plan.allocated / product.packSize)),
              size: n(product.packSize),
            })}
          </span>
        </li>
        <li className="tile">
          <strong>{plan.shares.filter((s) => s.quantity > 0).length}</strong>
          <span>{t("allocation.facilitiesServed", { total: plan.shares.length })}</span>
        </li>
      </ul>
      <label className="check">
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
        {t("allocation.showAll")}
      </label>
      <div className="table-scroll lines-scroll" tabIndex={0} role="region" aria-label={t("allocation.tableCaption")}>
        <table className="table" data-testid="allocation-table">
          <caption className="visually-hidden">{t("allocation.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("review.cscom")}</th>
              <th scope="col" className="num">
                <abbr title={t("stock.amcHint")}>{t("stock.amc")}</abbr>
              </th>
              <th scope="col" className="num">
                {t("order.stock")}
              </th>
              <th scope="col" className="num">
                {t("stock.mos")}
              </th>
              <th scope="col" className="num">
                {t("allocation.need")}
              </th>
              <th scope="col" className="num">
                {t("allocation.quantity")}
              </th>
              <th scope="col" className="num">
                {t("allocation.packs")}
              </th>
              <th scope="col">{t("allocation.flag")}</th>
            </tr>
          </thead>
          <tbody>
            {shares.map((s) => (
              <tr key={s.facilityId}>
                <th scope="row">{s.facilityName}</th>
                <td className="num">{n(s.amc)}</td>
                <td className="num">{n(s.stockOnHand)}</td>
                <td className="num">{formatMonths(s.monthsOfStock, lang)}</td>
                <td className="num">{n(s.need)}</td>
                <td className="num">
                  <strong>{n(s.quantity)}</strong>
                </td>
                <td className="num">{n(s.packs)}</td>
                <td>
                  {s.quantity < s.need ? (
                    <span className={plan.rationed ? "badge badge-under" : "muted small"}>
                      {plan.rationed ? t("allocation.rowRationed") : t("allocation.rowRounded")}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("allocation.total")}</th>
              <td colSpan={3} />
              <td className="num">
                <strong>{n(plan.totalNeed)}</strong>
              </td>
              <td className="num">
                <strong>{n(plan.allocated)}</strong>
              </td>
              <td className="num">
                <strong>{n(plan.shares.reduce((sum, s) => sum + s.packs, 0))}</strong>
              </td>
              <td className="small muted">{t("allocation.ofAvailable", { qty: n(plan.available) })}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
