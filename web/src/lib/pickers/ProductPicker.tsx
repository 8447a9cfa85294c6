/**
 * The product picker of every screen: a search box (accents and case ignored), an optional programme
 * filter, and the list of matching products labelled so that look-alikes differ at a glance (band first:
 * the four AL weight bands); the chosen product's strength, form, pack and band are shown under it.
 * Controlled (`value` / `onChange`), or bound to a react-hook-form field with ProductPickerField.
 */
import "../lib.css";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useController, useFormContext } from "react-hook-form";
import { FieldMessage } from "../forms/fields";
import { formatNumber } from "../../i18n/format";
import { bandOf, productLabel, type PickableProduct } from "./productLabel";
import { matchesWords } from "../search";

/** Props of the picker. */
export interface ProductPickerProps {
  products: readonly PickableProduct[];
  value: number | null;
  onChange: (id: number | null) => void;
  /** Programmes to filter by (none: no programme filter) */
  programmes?: readonly { code: string; name: string }[];
  /** Most options listed at once (the search narrows the rest) */
  maxOptions?: number;
  /** Ids of elements describing the select (its message) */
  describedBy?: string;
  invalid?: boolean;
  /** Id prefix: `${id}-search`, `${id}-select`, `${id}-detail` */
  id?: string;
  /** Label of the select (default "Produit") */
  label?: string;
  testId?: string;
}

/** The products the search and the programme keep, the chosen one always kept. */
function useShown(props: ProductPickerProps, search: string, programme: string) {
  const { products, value, maxOptions = 500 } = props;
  return useMemo(() => {
    const matching = products.filter(
      (p) =>
        (programme === "" || p.programmeCode === programme) &&
        (search.trim() === "" || matchesWords(`${p.genericName} ${p.strength} ${p.code} ${p.form}`, search)),
    );
    const listed = matching.slice(0, maxOptions);
    const chosen = products.find((p) => p.id === value);
    return chosen && !listed.includes(chosen) ? [chosen, ...listed] : listed;
  }, [products, value, maxOptions, search, programme]);
}

/** What sets the chosen product apart, under the list. */
function ProductDetail({ id, product }: { id: string; product: PickableProduct | undefined }) {
  const { t, i18n } = useTranslation();
  if (!product) return null;
  const band = bandOf(product.genericName);
  return (
    <span id={id} className="muted small product-detail" data-testid="product-detail">
      {band && <strong className="product-band">{t("picker.weightBand", { band })} · </strong>}
      {t("picker.productDetail", {
        strength: product.strength || "—",
        form: product.form,
        pack: formatNumber(product.packSize ?? 1, i18n.language),
        unit: product.baseUnit ?? "",
        code: product.code,
      })}
    </span>
  );
}

/** Search, optional programme, and the select. */
export function ProductPicker(props: ProductPickerProps) {
  const { t } = useTranslation();
  const auto = useId();
  const id = props.id ?? auto;
  const [search, setSearch] = useState("");
  const [programme, setProgramme] = useState("");
  const shown = useShown(props, search, programme);
  const chosen = props.products.find((p) => p.id === props.value);
  return (
    <div className="product-picker" data-testid={props.testId}>
      <div className="field field-grow">
        <label htmlFor={`${id}-search`}>{t("picker.productSearch")}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={search}
          autoComplete="off"
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t("picker.productSearchHint")}
        />
      </div>
      {props.programmes && (
        <div className="field">
          <label htmlFor={`${id}-programme`}>{t("picker.programme")}</label>
          <select id={`${id}-programme`} value={programme} onChange={(e) => setProgramme(e.target.value)}>
            <option value="">{t("picker.allProgrammes")}</option>
            {props.programmes.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field product-picker-select">
        <label htmlFor={`${id}-select`}>{props.label ?? t("picker.product")}</label>
        <select
          id={`${id}-select`}
          value={props.value ?? ""}
          title={chosen ? productLabel(chosen) : undefined}
          aria-invalid={props.invalid || undefined}
          aria-describedby={[`${id}-detail`, props.describedBy].filter(Boolean).join(" ")}
          onChange={(e) => props.onChange(e.target.value === "" ? null : Number(e.target.value))}
          data-testid="product-select"
        >
          <option value="">
            {shown.length === 0 ? t("picker.noProduct") : t("picker.chooseProduct", { count: shown.length })}
          </option>
          {shown.map((p) => (
            <option key={p.id} value={p.id}>
              {productLabel(p)}
            </option>
          ))}
        </select>
        <ProductDetail id={`${id}-detail`} product={chosen} />
      </div>
    </div>
  );
}

/** The picker bound to a form field holding the product id as text ("" = none); its message under it. */
export function ProductPickerField({
  name,
  id,
  onPicked,
  ...props
}: Omit<ProductPickerProps, "value" | "onChange" | "id" | "invalid" | "describedBy"> & {
  name: string;
  id: string;
  onPicked?: (id: number | null) => void;
}) {
  const { control } = useFormContext();
  const { field, fieldState } = useController({ name, control });
  const value = field.value === "" || field.value === undefined ? null : Number(field.value);
  return (
    <>
      <ProductPicker
        {...props}
        id={id}
        value={value}
        invalid={fieldState.invalid}
        describedBy={`${id}-msg`}
        onChange={(next) => {
          field.onChange(next === null ? "" : String(next));
          onPicked?.(next);
        }}
      />
      <FieldMessage id={`${id}-msg`} name={name} />
    </>
  );
}
