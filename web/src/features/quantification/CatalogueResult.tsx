/** A catalogue plan: every product's line, the funding sources against their budgets, and what the budgets cannot cover. */
import { useTranslation } from "react-i18next";
import type { CataloguePlan } from "@shared/contracts/forecasts";
import { formatDate, formatNumber, formatPeriod, formatXof } from "../../i18n/format";

/** The products of a run (sorted by first stock-out, vital first). */
export function CatalogueProducts({ plan }: { plan: CataloguePlan }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows = [...plan.products].sort(
    (a, b) =>
      (a.firstStockout ?? "9999").localeCompare(b.firstStockout ?? "9999") ||
      "VEN".indexOf(a.ven) - "VEN".indexOf(b.ven) ||
      a.code.localeCompare(b.code),
  );
  const c = (k: string) => t(`quant.catalogue.columns.${k}`);
  return (
    <div
      className="table-scroll lines-scroll"
      role="region"
      aria-label={t("quant.catalogue.productsTitle")}
      tabIndex={0}
    >
      <table className="table quant-table" data-testid="catalogue-products">
        <thead>
          <tr>
            <th scope="col">{c("product")}</th>
            <th scope="col">{c("ven")}</th>
            <th scope="col">{c("method")}</th>
            <th scope="col" className="num">
              {c("forecast")}
            </th>
            <th scope="col" className="num">
              {c("opening")}
            </th>
            <th scope="col">{c("firstStockout")}</th>
            <th scope="col" className="num">
              {c("suggestions")}
            </th>
            <th scope="col" className="num">
              {c("cost")}
            </th>
            <th scope="col" className="num">
              {c("emergencies")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.productId} data-product={p.code}>
              <th scope="row" className="product-cell">
                {p.name} <span className="muted small">{p.code}</span>
              </th>
              <td>{t(`quant.vitalShort.${p.ven}`)}</td>
              <td>{t(`quant.methods.${p.method}`)}</td>
              <td className="num">{formatNumber(p.forecastUnits, lang)}</td>
              <td className="num">{formatNumber(p.openingUnits, lang)}</td>
              <td className={p.firstStockout ? "status-stockout" : undefined}>
                {p.firstStockout ? formatPeriod(p.firstStockout, lang) : "—"}
              </td>
              <td className="num">{formatNumber(p.suggestions, lang)}</td>
              <td className="num nowrap">{formatXof(p.suggestedCostXof, lang)}</td>
              <td className="num">
                {p.emergencies > 0 ? <span className="badge badge-emergency">{p.emergencies}</span> : 0}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The funding sources against their budgets, and the procurements left uncovered. */
export function CatalogueFunding({ plan }: { plan: CataloguePlan }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const x = (v: number | null) => (v === null ? t("quant.catalogue.noBudget") : formatXof(v, lang));
  const c = (k: string) => t(`quant.catalogue.columns.${k}`);
  return (
    <>
      <h2>{t("quant.catalogue.fundingTitle")}</h2>
      <div className="table-scroll" role="region" aria-label={t("quant.catalogue.fundingTitle")} tabIndex={0}>
        <table className="table quant-table" data-testid="catalogue-funding">
          <thead>
            <tr>
              <th scope="col">{c("source")}</th>
              {["budget", "committed", "planned", "suggested", "covered", "uncovered", "remaining"].map((k) => (
                <th key={k} scope="col" className="num">
                  {c(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {plan.funding.sources.map((s) => (
              <tr key={s.fundingSource}>
                <th scope="row">{s.fundingSource}</th>
                <td className="num nowrap">{x(s.budgetXof)}</td>
                <td className="num nowrap">{x(s.committedXof)}</td>
                <td className="num nowrap">{x(s.plannedXof)}</td>
                <td className="num nowrap">{x(s.suggestedXof)}</td>
                <td className="num nowrap">{x(s.coveredXof)}</td>
                <td className={`num nowrap ${s.uncoveredXof > 0 ? "status-stockout" : ""}`}>{x(s.uncoveredXof)}</td>
                <td className="num nowrap">{s.remainingXof === null ? "—" : x(s.remainingXof)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("quant.catalogue.uncoveredTitle")}</h2>
      {plan.funding.uncovered.length === 0 ? (
        <p className="muted">{t("quant.catalogue.noUncovered")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t("quant.catalogue.uncoveredTitle")} tabIndex={0}>
          <table className="table quant-table" data-testid="catalogue-uncovered">
            <thead>
              <tr>
                <th scope="col">{c("product")}</th>
                <th scope="col">{c("ven")}</th>
                <th scope="col">{c("orderDate")}</th>
                <th scope="col">{c("source")}</th>
                <th scope="col" className="num">
                  {c("packs")}
                </th>
                <th scope="col" className="num">
                  {c("packsUncovered")}
                </th>
                <th scope="col" className="num">
                  {c("uncovered")}
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.funding.uncovered.map((u) => (
                <tr key={`${u.product}-${u.suggestionId}`}>
                  <th scope="row">{u.product}</th>
                  <td>{t(`quant.vitalShort.${u.ven}`)}</td>
                  <td className="nowrap">
                    {formatDate(u.orderDate)}
                    {u.emergency && <span className="badge badge-emergency block">{t("quant.plan.emergency")}</span>}
                  </td>
                  <td>{u.fundingSource}</td>
                  <td className="num">{formatNumber(u.packs, lang)}</td>
                  <td className="num">{formatNumber(u.packsUncovered, lang)}</td>
                  <td className="num nowrap">{formatXof(u.costUncoveredXof, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
