/** Product search and choice: a search box narrowing a list of products (code, name, strength, form). */
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

/** The fields of a product the picker shows. */
export interface PickableProduct {
  id: number;
  code: string;
  genericName: string;
  strength: string;
  form: string;
}

/** Props: the products to choose from, the chosen one and what to do on a choice. */
interface Props {
  products: PickableProduct[];
  value: number | null;
  onChange: (id: number | null) => void;
  describedBy?: string;
}

/** The label of a product in the list. */
export const productLabel = (p: PickableProduct) => `${p.genericName} ${p.strength} — ${p.form} (${p.code})`;

/** A search box and a select of the matching products. */
export function ProductPicker({ products, value, onChange, describedBy }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState("");
  const shown = useMemo(() => {
    const q = search.trim().toLocaleLowerCase("fr");
    const matching = q === "" ? products : products.filter((p) => productLabel(p).toLocaleLowerCase("fr").includes(q));
    // Keep the chosen product in the list while the search changes.
    const chosen = products.find((p) => p.id === value);
    return chosen && !matching.includes(chosen) ? [chosen, ...matching] : matching;
  }, [products, search, value]);
  return (
    <>
      <div className="field field-grow">
        <label htmlFor={`${id}-search`}>{t("stockEntry.productSearch")}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t("stockEntry.productSearchHint")}
        />
      </div>
      <div className="field field-grow">
        <label htmlFor={`${id}-select`}>{t("stockEntry.product")}</label>
        <select
          id={`${id}-select`}
          value={value ?? ""}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value === "" ? null : Number(e.target.value))}
        >
          <option value="">{t("stockEntry.chooseProduct", { count: shown.length })}</option>
          {shown.map((p) => (
            <option key={p.id} value={p.id}>
              {productLabel(p)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
