/** A catalogue plan: every product's line, the funding sources against their budgets, and what the budgets cannot cover. */
import type { Messages } from "../../i18n/fr";
import { useTranslation } from "react-i18next";
import type { CataloguePlan } from "@shared/contracts/forecasts";
import { formatDate, formatNumber, formatPeriod, formatXof } from "../../i18n/format";
import { DataTable, type Columns } from "../../lib/table/DataTable";

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
  const c = (k: keyof Messages["quant"]["catalogue"]["columns"]) => t(`quant.catalogue.columns.${k}`);
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

type FundingSource = CataloguePlan["funding"]["sources"][number];
type Uncovered = CataloguePlan["funding"]["uncovered"][number];
const FUNDING_COLUMNS = ["budget", "committed", "planned", "suggested", "covered", "uncovered", "remaining"] as const;

/** Each funding source against its budget (FCFA; no budget said so). */
function FundingTable({ plan }: { plan: CataloguePlan }) {
  const { t, i18n } = useTranslation();
  const x = (v: number | null) => (v === null ? t("quant.catalogue.noBudget") : formatXof(v, i18n.language));
  const value = (s: FundingSource, k: (typeof FUNDING_COLUMNS)[number]) => s[`${k}Xof`];
  const columns: Columns<FundingSource> = [
    { id: "source", header: t("quant.catalogue.columns.source"), rowHeader: true, cell: (s) => s.fundingSource },
    ...FUNDING_COLUMNS.map((k) => ({
      id: k,
      header: t(`quant.catalogue.columns.${k}`),
      numeric: true,
      className: "nowrap",
      cell: (s: FundingSource) =>
        k === "uncovered" ? (
          <span className={s.uncoveredXof > 0 ? "status-stockout" : undefined}>{x(s.uncoveredXof)}</span>
        ) : k === "remaining" && s.remainingXof === null ? (
          "—"
        ) : (
          x(value(s, k))
        ),
    })),
  ];
  return (
    <DataTable
      columns={columns}
      rows={plan.funding.sources}
      rowKey={(s) => s.fundingSource}
      label={t("quant.catalogue.fundingTitle")}
      className="quant-table"
      testId="catalogue-funding"
    />
  );
}

/** The suggested procurements the budgets cannot cover, vital first. */
function UncoveredTable({ plan }: { plan: CataloguePlan }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const c = (k: keyof Messages["quant"]["catalogue"]["columns"]) => t(`quant.catalogue.columns.${k}`);
  const columns: Columns<Uncovered> = [
    { id: "product", header: c("product"), rowHeader: true, cell: (u) => u.product },
    { id: "ven", header: c("ven"), cell: (u) => t(`quant.vitalShort.${u.ven}`) },
    {
      id: "orderDate",
      header: c("orderDate"),
      className: "nowrap",
      cell: (u) => (
        <>
          {formatDate(u.orderDate)}
          {u.emergency && <span className="badge badge-emergency block">{t("quant.plan.emergency")}</span>}
        </>
      ),
    },
    { id: "source", header: c("source"), cell: (u) => u.fundingSource },
    { id: "packs", header: c("packs"), numeric: true, cell: (u) => formatNumber(u.packs, lang) },
    {
      id: "packsUncovered",
      header: c("packsUncovered"),
      numeric: true,
      cell: (u) => formatNumber(u.packsUncovered, lang),
    },
    {
      id: "uncovered",
      header: c("uncovered"),
      numeric: true,
      className: "nowrap",
      cell: (u) => formatXof(u.costUncoveredXof, lang),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={plan.funding.uncovered}
      rowKey={(u) => `${u.product}-${u.suggestionId}`}
      label={t("quant.catalogue.uncoveredTitle")}
      className="quant-table"
      testId="catalogue-uncovered"
      empty={t("quant.catalogue.noUncovered")}
    />
  );
}

/** The funding sources against their budgets, and the procurements left uncovered. */
export function CatalogueFunding({ plan }: { plan: CataloguePlan }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t("quant.catalogue.fundingTitle")}</h2>
      <FundingTable plan={plan} />
      <h2>{t("quant.catalogue.uncoveredTitle")}</h2>
      <UncoveredTable plan={plan} />
    </>
  );
}
