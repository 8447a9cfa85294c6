/** The effective policy of a facility × product: its values and where they come from (a row, or the level's default). */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { EffectivePolicyView } from "@shared/contracts/policies";
import { FacilityLevel } from "@shared/contracts/reference";
import { useEffectivePolicy } from "../../api/policies";
import { useFacilitiesIn, useProducts } from "../../api/reference";
import { ErrorState, Loading } from "../../components/States";
import { formatNumber } from "../../i18n/format";
import { FilterSelect } from "../../lib/forms/filters";
import { ProductPicker } from "../../lib/pickers/ProductPicker";

/** The values and the source in words. */
function Answer({ view }: { view: EffectivePolicyView }) {
  const { t, i18n } = useTranslation();
  const n = (x: number | null) =>
    x === null ? t("policies.none") : formatNumber(x, i18n.language, Number.isInteger(x) ? 0 : 2);
  const scope = t(`policies.scope.${view.source.scope}`);
  const p = view.policy;
  return (
    <dl className="effective-policy" data-testid="effective-policy" data-scope={view.source.scope}>
      <dt>{t("policies.source")}</dt>
      <dd>{view.source.rowId === null ? scope : t("policies.sourceRow", { scope, id: view.source.rowId })}</dd>
      <dt>{t("policies.rule")}</dt>
      <dd>{t(`policies.rule_${p.rule}`)}</dd>
      <dt>{t("policies.maxMonths")}</dt>
      <dd>{n(p.maxMonths)}</dd>
      <dt>{t("policies.minMonths")}</dt>
      <dd>{n(p.minMonths)}</dd>
      <dt>{t("policies.eopMonths")}</dt>
      <dd>{n(p.eopMonths)}</dd>
      <dt>{t("policies.reviewPeriodMonths")}</dt>
      <dd>{n(p.reviewPeriodMonths)}</dd>
      <dt>{t("policies.leadTimeDays")}</dt>
      <dd>{n(p.leadTimeDays)}</dd>
    </dl>
  );
}

/** Level → facility, a product, then the answer. */
export function EffectivePolicy() {
  const { t } = useTranslation();
  const [level, setLevel] = useState<FacilityLevel>("cscom");
  const [facilityId, setFacilityId] = useState<string | null>(null);
  const [productId, setProductId] = useState<number | null>(null);
  const facilities = useFacilitiesIn({ level });
  const products = useProducts(null);
  const effective = useEffectivePolicy(facilityId, productId);
  return (
    <section className="admin-panel" aria-labelledby="effective-title">
      <h2 id="effective-title">{t("policies.effectiveTitle")}</h2>
      <p className="muted">{t("policies.effectiveIntro")}</p>
      <div className="toolbar">
        <FilterSelect
          id="effective-level"
          label={t("policies.level")}
          value={level}
          onChange={(l) => {
            setLevel(l as FacilityLevel);
            setFacilityId(null);
          }}
          options={FacilityLevel.options.map((l) => ({ value: l, label: t(`level.${l}`) }))}
        />
        <FilterSelect
          id="effective-facility"
          label={t("policies.facility")}
          value={facilityId ?? ""}
          onChange={(id) => setFacilityId(id || null)}
          placeholder={t("policies.chooseFacility")}
          options={(facilities.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
        />
        <ProductPicker
          products={products.data ?? []}
          value={productId}
          onChange={setProductId}
          id="effective-product"
        />
      </div>
      {effective.isError ? (
        <ErrorState error={effective.error} />
      ) : effective.data ? (
        <Answer view={effective.data} />
      ) : facilityId !== null && productId !== null ? (
        <Loading />
      ) : null}
    </section>
  );
}
