/** Products' GTINs: pick a product, see its GTINs by pack level, add one (check digit verified by the server) or remove one. */
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { ProductGtinCreate, type GtinPackLevel, type ProductByGtin } from "@shared/contracts/interop";
import { useGtinWrites, useProductGtins } from "../../api/interop";
import { useProducts } from "../../api/reference";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { formatNumber } from "../../i18n/format";
import { FormActions, FormFrame, QuantityField, SelectField, TextField } from "../../lib/forms/fields";
import { numberOrNaN } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";
import { ProductPicker } from "../../lib/pickers/ProductPicker";
import { InteropError } from "./InteropError";

const LEVELS: GtinPackLevel[] = ["unit", "pack", "case"];

/** The GTIN tab. */
export function GtinPanel() {
  const { t } = useTranslation();
  const products = useProducts(null);
  const [productId, setProductId] = useState<number | null>(null);
  return (
    <section className="interop-section" aria-labelledby="gtin-title" data-testid="gtins">
      <h2 id="gtin-title">{t("interop.gtinScreen.title")}</h2>
      <p className="muted small">{t("interop.gtinScreen.intro")}</p>
      <div className="entry-fields">
        <ProductPicker products={products.data ?? []} value={productId} onChange={setProductId} />
      </div>
      {productId === null ? (
        <p className="muted">{t("interop.gtinScreen.choose")}</p>
      ) : (
        <ProductGtins productId={productId} packSize={products.data?.find((p) => p.id === productId)?.packSize ?? 1} />
      )}
    </section>
  );
}

/** The GTIN add form as typed. */
interface GtinValues {
  gtin: string;
  packLevel: string;
  baseUnitsPerItem: string;
}

/** Adding a GTIN: checked by the shared contract as typed; the check digit by the server. */
function GtinAddForm({ productId, packSize }: { productId: number; packSize: number }) {
  const { t } = useTranslation();
  const { add } = useGtinWrites();
  const toRequest = useCallback(
    (v: GtinValues) => ({
      productId,
      gtin: v.gtin,
      packLevel: v.packLevel,
      baseUnitsPerItem: numberOrNaN(v.baseUnitsPerItem),
    }),
    [productId],
  );
  const form = useContractForm({
    contract: ProductGtinCreate,
    toRequest,
    defaultValues: { gtin: "", packLevel: "pack", baseUnitsPerItem: String(packSize) },
  });
  const levels = LEVELS.map((l) => ({ value: l, label: t(`interop.gtinScreen.levels.${l}`) }));
  return (
    <FormFrame
      form={form}
      onValid={(body) => add.mutate(body, { onSuccess: () => form.setValue("gtin", "") })}
      serverError={add.error}
      className="entry-form interop-row-form"
    >
      <div className="entry-fields">
        <TextField
          name="gtin"
          id="gtin-value"
          label={t("interop.gtinScreen.gtin")}
          inputMode="numeric"
          maxLength={14}
        />
        <SelectField name="packLevel" id="gtin-level" label={t("interop.gtinScreen.level")} options={levels} />
        <QuantityField name="baseUnitsPerItem" id="gtin-units" label={t("interop.gtinScreen.units")} />
      </div>
      <FormActions submitLabel={t("interop.gtinScreen.add")} pending={add.isPending} />
    </FormFrame>
  );
}

/** A product's GTINs, each with its remove button. */
function GtinTable({ rows }: { rows: ProductByGtin[] }) {
  const { t, i18n } = useTranslation();
  const { remove } = useGtinWrites();
  if (rows.length === 0) return <EmptyState>{t("interop.gtinScreen.none")}</EmptyState>;
  return (
    <>
      <table className="table small" data-testid="gtin-list">
        <thead>
          <tr>
            <th scope="col">GTIN</th>
            <th scope="col">{t("interop.gtinScreen.level")}</th>
            <th scope="col" className="num">
              {t("interop.gtinScreen.units")}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t("interop.gtinScreen.remove")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.gtin}>
              <td>{g.gtin}</td>
              <td>{t(`interop.gtinScreen.levels.${g.packLevel}`)}</td>
              <td className="num">{formatNumber(g.baseUnitsPerItem, i18n.language)}</td>
              <td>
                <button
                  type="button"
                  className="button button-ghost"
                  aria-label={t("interop.gtinScreen.removeOf", { gtin: g.gtin })}
                  onClick={() => remove.mutate(g.gtin)}
                >
                  {t("interop.gtinScreen.remove")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <InteropError error={remove.error} />
    </>
  );
}

/** A product's GTINs and the form to add one. */
function ProductGtins({ productId, packSize }: { productId: number; packSize: number }) {
  const gtins = useProductGtins(productId);
  if (gtins.isPending) return <Loading />;
  if (gtins.isError) return <ErrorState error={gtins.error} onRetry={() => void gtins.refetch()} />;
  return (
    <>
      <GtinTable rows={gtins.data.items} />
      <GtinAddForm key={productId} productId={productId} packSize={packSize} />
    </>
  );
}
