/** Every method compared on the series: its back-test errors (MAE, MASE, MAPE, bias) and its own forecast total. */
import { useTranslation } from "react-i18next";
import type { ProductForecast } from "@shared/contracts/forecasts";
import { formatDecimal, formatNumber, formatShare } from "../../i18n/format";
import { noteText } from "./notes";

/** The comparison table. */
export function MethodsTable({ data }: { data: ProductForecast }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dash = (v: number | null | undefined, f: (x: number) => string) => (v === null || v === undefined ? "—" : f(v));
  return (
    <div className="table-scroll" role="region" aria-label={t("quant.forecast.compareTitle")} tabIndex={0}>
      <table className="table quant-table" data-testid="methods-table">
        <thead>
          <tr>
            <th scope="col">{t("quant.method")}</th>
            <th scope="col" className="num">
              {t("quant.forecast.mae")}
            </th>
            <th scope="col" className="num">
              {t("quant.forecast.mase")}
            </th>
            <th scope="col" className="num">
              {t("quant.forecast.mape")}
            </th>
            <th scope="col" className="num">
              {t("quant.forecast.bias")}
            </th>
            <th scope="col" className="num">
              {t("quant.forecast.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.methods.map((m) => {
            const chosen = m.method === data.forecast.method;
            return (
              <tr key={m.method} className={chosen ? "is-chosen" : undefined} data-method={m.method}>
                <th scope="row">
                  {t(`quant.methods.${m.method}`)}
                  {chosen && <span className="badge badge-adequate">{t("quant.forecast.chosen")}</span>}
                  {m.note && <span className="muted small block">{noteText(m.note, "quant.note", { t, lang })}</span>}
                </th>
                <td className="num">{dash(m.metrics?.mae, (x) => formatDecimal(x, lang, 1))}</td>
                <td className="num">{dash(m.metrics?.mase, (x) => formatDecimal(x, lang, 2))}</td>
                <td className="num">{dash(m.metrics?.mape, (x) => formatShare(x, lang, 1))}</td>
                <td className="num">{dash(m.metrics?.bias, (x) => formatDecimal(x, lang, 1))}</td>
                <td className="num">
                  {m.values
                    ? formatNumber(
                        m.values.reduce((s, v) => s + v, 0),
                        lang,
                      )
                    : t("quant.forecast.notTested")}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
