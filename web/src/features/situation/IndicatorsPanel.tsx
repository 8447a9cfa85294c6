/** The indicators of the area chosen on the national picture: six cards and months of stock per level, each explained. */
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Indicators } from "@shared/contracts/indicators";
import { lastCompletePeriod, periodsEnding } from "@shared/domain/months";
import { useIndicators, type AreaFilter } from "../../api/indicators";
import { ErrorState, Loading } from "../../components/States";
import { formatDate, formatMonths, formatNumber, formatPeriod, formatXof } from "../../i18n/format";
import { IndicatorCard } from "./IndicatorCard";
import { percent, toneOf } from "./indicatorView";

/** Number of months offered in the reporting-month selector. */
const PERIOD_CHOICES = 12;

/** Panel of indicators for the area (the server narrows it to the user's scope). */
export function IndicatorsPanel({ area }: { area: AreaFilter }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [period, setPeriod] = useState<string | null>(null);
  const query = useIndicators(area, period);
  const data = query.data;
  const periods = useMemo(
    () => (data ? periodsEnding(lastCompletePeriod(data.asOf), PERIOD_CHOICES).reverse() : []),
    [data],
  );

  return (
    <section
      className="indicators"
      aria-labelledby={`${id}-title`}
      data-testid="indicators-panel"
      aria-busy={query.isFetching}
    >
      <div className="indicators-head">
        <h2 id={`${id}-title`}>{t("indicators.title")}</h2>
        {data && (
          <label className="inline-field">
            <span>{t("indicators.period")}</span>
            <select
              value={period ?? data.period}
              onChange={(e) => setPeriod(e.target.value)}
              data-testid="indicators-period"
            >
              {periods.map((p) => (
                <option key={p} value={p}>
                  {formatPeriod(p, i18n.language)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <Loading />
      ) : (
        <div className={query.isPlaceholderData ? "is-stale" : undefined}>
          <Cards data={data} />
          <MonthsOfStock data={data} />
          <p className="muted small">
            {t("indicators.asOf", {
              date: formatDate(data.asOf),
              period: formatPeriod(data.period, i18n.language),
              from: formatPeriod(data.fillRate.fromPeriod, i18n.language),
              to: formatPeriod(data.fillRate.toPeriod, i18n.language),
            })}
          </p>
        </div>
      )}
    </section>
  );
}

/** The stock cards: tracer availability, stock-outs, expiry risk. */
function StockCards({ data }: { data: Indicators }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (v: number) => formatNumber(v, lang);
  const { availability: a, stockouts: s, expiryRisk: e } = data;
  const tracerList = data.tracerProducts.map((p) => `${p.genericName} ${p.strength}`.trim()).join(", ");
  return (
    <>
      <IndicatorCard
        id="availability"
        title={t("indicators.availability")}
        value={percent(a.value, lang)}
        tone={toneOf(a, 0.95, 0.8)}
        help={t("indicators.availabilityHelp", { num: n(a.numerator), den: n(a.denominator) })}
        tip={t("indicators.availabilityTip", { list: tracerList })}
      />
      <IndicatorCard
        id="stockouts"
        title={t("indicators.stockouts")}
        value={n(s.numerator)}
        help={t("indicators.stockoutsHelp", {
          num: n(s.numerator),
          den: n(s.denominator),
          share: percent(s.value, lang) ?? "—",
        })}
        tip={t("indicators.stockoutsTip")}
      />
      <IndicatorCard
        id="expiry"
        title={t("indicators.expiry")}
        value={formatXof(e.numerator, lang)}
        help={t("indicators.expiryHelp", {
          share: percent(e.value, lang) ?? "—",
          total: formatXof(e.denominator, lang),
          months: e.months,
        })}
        tip={t("indicators.expiryTip", { months: e.months, gross: formatXof(e.expiringValueXof, lang) })}
      />
    </>
  );
}

/** The reporting cards: completeness, timeliness, fill rate. */
function ReportingCards({ data }: { data: Indicators }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (v: number) => formatNumber(v, lang);
  const period = formatPeriod(data.period, lang);
  const from = formatPeriod(data.fillRate.fromPeriod, lang);
  const to = formatPeriod(data.fillRate.toPeriod, lang);
  const { reporting: r, fillRate: f } = data;
  return (
    <>
      <IndicatorCard
        id="completeness"
        title={t("indicators.completeness")}
        value={percent(r.completeness.value, lang)}
        tone={toneOf(r.completeness, 0.95, 0.8)}
        help={t("indicators.completenessHelp", {
          num: n(r.completeness.numerator),
          den: n(r.completeness.denominator),
          period,
        })}
        tip={t("indicators.completenessTip")}
      />
      <IndicatorCard
        id="timeliness"
        title={t("indicators.timeliness")}
        value={percent(r.timeliness.value, lang)}
        tone={toneOf(r.timeliness, 0.8, 0.6)}
        help={t("indicators.timelinessHelp", {
          num: n(r.timeliness.numerator),
          den: n(r.timeliness.denominator),
          period,
        })}
        tip={t("indicators.timelinessTip")}
      />
      <IndicatorCard
        id="fill-rate"
        title={t("indicators.fillRate")}
        value={percent(f.value, lang)}
        tone={toneOf(f, 0.9, 0.75)}
        help={
          f.denominator > 0
            ? t("indicators.fillRateHelp", {
                num: n(f.numerator),
                den: n(f.denominator),
                from,
                to,
                lines: percent(f.lines.value, lang) ?? "—",
              })
            : t("indicators.fillRateNone", { from, to })
        }
        tip={t("indicators.fillRateTip")}
      />
    </>
  );
}

/** The six cards. */
function Cards({ data }: { data: Indicators }) {
  return (
    <div className="indicator-grid">
      <StockCards data={data} />
      <ReportingCards data={data} />
    </div>
  );
}

/** Months of stock per level: median, aggregate and the pairs behind them. */
function MonthsOfStock({ data }: { data: Indicators }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      <table className="table indicators-mos" data-testid="indicators-mos">
        <caption>{t("indicators.mosTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("indicators.mosLevel")}</th>
            <th scope="col" className="num">
              {t("indicators.mosMedian")}
            </th>
            <th scope="col" className="num">
              {t("indicators.mosAggregate")}
            </th>
            <th scope="col" className="num">
              {t("indicators.mosPairs")}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.monthsOfStock.map((l) => (
            <tr key={l.level} data-level={l.level}>
              <th scope="row">{t(`level.${l.level}`)}</th>
              <td className="num" data-testid={`mos-median-${l.level}`}>
                {formatMonths(l.median, lang)}
              </td>
              <td className="num">{formatMonths(l.aggregate, lang)}</td>
              <td className="num">
                {t("indicators.mosPairsValue", {
                  pairs: formatNumber(l.pairs, lang),
                  unmeasured: formatNumber(l.unmeasured, lang),
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="indicator-tip indicator-tip-wide">
        <summary aria-label={t("indicators.explain", { name: t("indicators.mosTitle") })}>?</summary>
        <ul>
          {data.monthsOfStock.map((l) => (
            <li key={l.level}>
              <strong>{t(`level.${l.level}`)}</strong> —{" "}
              {t("indicators.mosTip", {
                stock: formatXof(l.stockValueXof, lang),
                consumption: formatXof(l.consumptionValueXof, lang),
              })}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}
