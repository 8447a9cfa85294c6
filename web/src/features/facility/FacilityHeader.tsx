/** Identity card of a facility: level, place, supplier, hours, access and security flags, data provenance. */
import { useTranslation } from "react-i18next";
import type { FacilityDetail } from "@shared/contracts/reference";
import { useProgrammes } from "../../api/reference";
import { formatDecimal } from "../../i18n/format";
import { programmeName as programmeLabel } from "../../i18n/keys";

/** The supplier of the facility's default (cost-recovery) supply line, by name. */
function defaultSupplierName(f: FacilityDetail): string | null {
  if (!f.supplierId) return null;
  return f.supplyLines.find((l) => l.supplierId === f.supplierId)?.supplierName ?? f.supplierId;
}

/** Header of the facility page. */
export function FacilityHeader({ facility: f }: { facility: FacilityDetail }) {
  const { t, i18n } = useTranslation();
  const programmes = useProgrammes();
  const lang = i18n.language;
  const nameOf = (code: string) => {
    const p = programmes.data?.find((x) => x.code === code);
    return p ? programmeLabel(p, lang) : code;
  };
  const supplier = defaultSupplierName(f);
  const otherLines = f.supplyLines.filter((l) => l.supplierId !== f.supplierId);
  const sourceKey =
    f.source === "osm" ? "facility.source_osm" : f.source === "approximation" ? "facility.source_approximation" : null;

  return (
    <header className="facility-header">
      <p className={`level-pill level-${f.level}`}>{t(`level.${f.level}`)}</p>
      <h1>{f.name}</h1>
      <dl className="facts">
        <div>
          <dt>{t("facility.region")}</dt>
          <dd>{f.regionName}</dd>
        </div>
        {f.districtName && (
          <div>
            <dt>{t("facility.district")}</dt>
            <dd>{f.districtName}</dd>
          </div>
        )}
        <div>
          <dt>{t("facility.supplier")}</dt>
          <dd>
            {supplier ?? t("facility.noSupplier")}
            {otherLines.length > 0 && (
              <ul className="supply-lines" aria-label={t("facility.supplyLines")}>
                {otherLines.map((l) => (
                  <li key={l.programmeCode}>
                    {nameOf(l.programmeCode)} — {l.supplierName}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("facility.hours")}</dt>
          <dd>{t("facility.hoursValue", { from: f.opensAt, to: f.closesAt })}</dd>
        </div>
        <div>
          <dt>{t("facility.rainy")}</dt>
          <dd>
            <span className={`flag flag-rainy-${f.rainySeasonAccess}`}>
              {t(`facility.rainy_${f.rainySeasonAccess}`)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("facility.security")}</dt>
          <dd>
            {f.insecure ? (
              <span className="flag flag-danger">{t("facility.insecure")}</span>
            ) : (
              <span className="flag flag-ok">{t("facility.secure")}</span>
            )}
          </dd>
        </div>
      </dl>
      <p className="derivation">
        {sourceKey && <span>{t("facility.source", { source: t(sourceKey) })}. </span>}
        {f.derivation && (
          <span data-derivation={f.derivation.key}>
            {t(`facility.derivation.${f.derivation.key}`, {
              km: formatDecimal(f.derivation.values.km ?? 0, i18n.language, 1),
            })}
            {f.derivation.values.demoFlags && ` ${t("facility.derivation.demoFlags")}`}
          </span>
        )}
      </p>
    </header>
  );
}
