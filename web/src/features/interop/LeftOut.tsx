/** What an export leaves out, never silently: facilities without an org unit, product fields without a data element, values that do not exist. */
import { useTranslation } from "react-i18next";
import type { Dhis2ExportResponse } from "@shared/contracts/interop";
import { formatNumber } from "../../i18n/format";

/** The three lists of what is not sent. */
export function LeftOut({ exp }: { exp: Dhis2ExportResponse }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { unmappedFacilities: facilities, unmappedProducts: products, missingValues: missing } = exp;
  if (facilities.length + products.length + missing.length === 0)
    return <p className="note">{t("interop.export.nothingLeftOut")}</p>;
  return (
    <div className="interop-left-out" data-testid="left-out">
      {facilities.length > 0 && (
        <details open>
          <summary>{t("interop.export.unmappedFacilities", { count: facilities.length })}</summary>
          <ul>
            {facilities.map((f) => (
              <li key={f.facilityId}>
                {f.facilityName} ({f.facilityId}) — {formatNumber(f.values, lang)} {t("interop.export.wouldSend")}
              </li>
            ))}
          </ul>
        </details>
      )}
      {products.length > 0 && (
        <details>
          <summary>{t("interop.export.unmappedProducts", { count: products.length })}</summary>
          <table className="table small">
            <thead>
              <tr>
                <th scope="col">{t("interop.export.product")}</th>
                <th scope="col">{t("interop.export.fieldsMissing")}</th>
                <th scope="col" className="num">
                  {t("interop.export.facilitiesCount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr key={p.productId}>
                  <td>
                    {p.productName} ({p.productCode})
                  </td>
                  <td>{p.fields.map((f) => t(`interop.fields.${f}`)).join(", ")}</td>
                  <td className="num">{formatNumber(p.facilities, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {missing.length > 0 && (
        <details>
          <summary>{t("interop.export.missingValues", { count: missing.length })}</summary>
          <ul>
            {missing.map((m) => (
              <li key={`${m.facilityId}|${m.productId}|${m.field}`}>
                {m.facilityId} — {m.productId} — {t(`interop.fields.${m.field}`)} : {t(`interop.dhis2.${m.reason}`)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
