/** The allocation form's fields: programme and product, source depot, district or region, months of cover, basis (AMC or population). */
import { useTranslation } from "react-i18next";
import type { District, Facility, Product, Programme, Region } from "@shared/contracts/reference";
import type { AllocationForm, FormIssues } from "./allocationForm";

/** Props: the form, its issues, how to change it, and the choices. */
export interface AllocationFieldsProps {
  form: AllocationForm;
  issues: FormIssues;
  onChange: (changes: Partial<AllocationForm>) => void;
  programmes: Programme[];
  products: Product[];
  sources: Facility[];
  districts: District[];
  regions: Region[];
  targets: Facility[];
}

function Issue({ id, text }: { id: string; text?: string | undefined }) {
  const { t } = useTranslation();
  return text ? (
    <span id={id} className="field-error">
      {t(text)}
    </span>
  ) : null;
}

/** The fields, in the order a planner decides them. */
export function AllocationFields({
  form,
  issues,
  onChange,
  programmes,
  products,
  sources,
  districts,
  regions,
  targets,
}: AllocationFieldsProps) {
  const { t, i18n } = useTranslation();
  const invalid = (key: keyof FormIssues) =>
    issues[key] ? { "aria-invalid": true, "aria-describedby": `alloc-${key}-error` } : {};
  return (
    <div className="form-grid">
      <div className="field">
        <label htmlFor="alloc-programme">{t("allocation.programme")}</label>
        <select
          id="alloc-programme"
          value={form.programme}
          onChange={(e) => onChange({ programme: e.target.value, productId: "" })}
        >
          {programmes.map((p) => (
            <option key={p.code} value={p.code}>
              {i18n.language === "en" ? p.nameEn : p.nameFr}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-wide">
        <label htmlFor="alloc-product">{t("allocation.product")}</label>
        <select
          id="alloc-product"
          value={form.productId}
          onChange={(e) => onChange({ productId: e.target.value })}
          {...invalid("productId")}
        >
          <option value="">{t("allocation.chooseProduct")}</option>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.genericName} {p.strength} — {t("stock.packSize", { size: p.packSize })}
            </option>
          ))}
        </select>
        <Issue id="alloc-productId-error" text={issues.productId} />
      </div>
      <div className="field field-wide">
        <label htmlFor="alloc-source">{t("allocation.source")}</label>
        <select
          id="alloc-source"
          value={form.sourceId}
          onChange={(e) => onChange({ sourceId: e.target.value })}
          {...invalid("sourceId")}
        >
          {sources.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
        <Issue id="alloc-sourceId-error" text={issues.sourceId} />
      </div>
      <fieldset className="field inline-choices">
        <legend>{t("allocation.area")}</legend>
        {(["district", "region"] as const).map((kind) => (
          <label key={kind} className="check">
            <input
              type="radio"
              name="alloc-area"
              checked={form.targetKind === kind}
              disabled={kind === "region" && regions.length === 0}
              onChange={() => onChange({ targetKind: kind, targetId: "", populations: {} })}
            />
            {t(`allocation.${kind}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="alloc-target">
          {form.targetKind === "district" ? t("allocation.district") : t("allocation.region")}
        </label>
        <select
          id="alloc-target"
          value={form.targetId}
          onChange={(e) => onChange({ targetId: e.target.value, populations: {} })}
          {...invalid("targetId")}
        >
          {(form.targetKind === "district" ? districts : regions).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <Issue id="alloc-targetId-error" text={issues.targetId} />
      </div>
      <div className="field">
        <label htmlFor="alloc-months">{t("allocation.months")}</label>
        <input
          id="alloc-months"
          inputMode="decimal"
          value={form.months}
          onChange={(e) => onChange({ months: e.target.value })}
          {...invalid("months")}
        />
        <Issue id="alloc-months-error" text={issues.months} />
      </div>
      <fieldset className="field inline-choices">
        <legend>{t("allocation.basis")}</legend>
        {(["amc", "population"] as const).map((basis) => (
          <label key={basis} className="check">
            <input
              type="radio"
              name="alloc-basis"
              checked={form.basis === basis}
              onChange={() => onChange({ basis })}
            />
            {t(`allocation.basis_${basis}`)}
          </label>
        ))}
      </fieldset>
      {form.basis === "population" && (
        <div className="field-wide population">
          <div className="field">
            <label htmlFor="alloc-units">{t("allocation.unitsPerPerson")}</label>
            <input
              id="alloc-units"
              inputMode="decimal"
              value={form.unitsPerPerson}
              onChange={(e) => onChange({ unitsPerPerson: e.target.value })}
              {...invalid("unitsPerPerson")}
            />
            <Issue id="alloc-unitsPerPerson-error" text={issues.unitsPerPerson} />
          </div>
          <p className="small muted">{t("allocation.populationHint")}</p>
          <Issue id="alloc-populations-error" text={issues.populations} />
          <ul className="population-list">
            {targets.map((f) => (
              <li key={f.id}>
                <label htmlFor={`pop-${f.id}`}>{f.name}</label>
                <input
                  id={`pop-${f.id}`}
                  inputMode="numeric"
                  value={form.populations[f.id] ?? ""}
                  onChange={(e) => onChange({ populations: { ...form.populations, [f.id]: e.target.value } })}
                />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
