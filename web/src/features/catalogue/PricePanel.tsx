/** A product's dated prices (newest first, the one in force marked, who entered it) and the form that adds one. */
import { useTranslation } from "react-i18next";
import { PriceCreate, type PriceView } from "@shared/contracts/catalogue";
import type { Product } from "@shared/contracts/reference";
import { usePrices, useSetPrice } from "../../api/catalogue";
import { ErrorState, Loading } from "../../components/States";
import { formatDate, formatXof } from "../../i18n/format";
import { DateField, FormActions, FormFrame, TextField } from "../../lib/forms/fields";
import { dateOrText, numberOrNaN, toDisplayDate } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";
import { DataTable, type Column } from "../../lib/table/DataTable";

function useColumns(): Column<PriceView>[] {
  const { t, i18n } = useTranslation();
  return [
    { id: "from", header: t("catalogue.validFrom"), rowHeader: true, cell: (p) => formatDate(p.validFrom) },
    {
      id: "price",
      header: t("catalogue.price"),
      numeric: true,
      cell: (p) => formatXof(p.pricePerPackXof, i18n.language),
    },
    {
      id: "by",
      header: t("catalogue.enteredBy"),
      cell: (p) => p.createdBy ?? <span className="muted">{t("catalogue.system")}</span>,
    },
    { id: "current", header: t("catalogue.current"), cell: (p) => (p.current ? "✓" : "") },
  ];
}

/** A new price from a day on (today by default). */
function NewPriceForm({ product, onDone }: { product: Product; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const set = useSetPrice();
  const today = new Date().toISOString().slice(0, 10);
  const form = useContractForm({
    contract: PriceCreate,
    toRequest: (v: { pricePerPackXof: string; validFrom: string }) => ({
      pricePerPackXof: numberOrNaN(v.pricePerPackXof),
      validFrom: dateOrText(v.validFrom),
    }),
    defaultValues: { pricePerPackXof: "", validFrom: toDisplayDate(today) },
  });
  return (
    <FormFrame
      form={form}
      onValid={(body) => set.mutate({ id: product.id, body }, { onSuccess: () => onDone(t("catalogue.priceSaved")) })}
      serverError={set.error}
      className="form-grid"
      aria-label={t("catalogue.newPrice")}
      data-testid="price-form"
    >
      <TextField
        name="pricePerPackXof"
        id="price-value"
        label={t("catalogue.price")}
        inputMode="numeric"
        autoComplete="off"
      />
      <DateField name="validFrom" id="price-from" label={t("catalogue.validFrom")} />
      <FormActions submitLabel={t("catalogue.setPrice")} pending={set.isPending} />
    </FormFrame>
  );
}

/** The history and the new price form. */
export function PricePanel({ product, onDone }: { product: Product; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const prices = usePrices(product.id);
  const columns = useColumns();
  return (
    <section aria-labelledby="prices-title">
      <h3 id="prices-title">{t("catalogue.prices")}</h3>
      {prices.isPending ? (
        <Loading />
      ) : prices.isError ? (
        <ErrorState error={prices.error} />
      ) : (
        <DataTable
          columns={columns}
          rows={prices.data.items}
          rowKey={(p) => p.id}
          caption={t("catalogue.prices")}
          testId="price-history"
        />
      )}
      <h3>{t("catalogue.newPrice")}</h3>
      <NewPriceForm product={product} onDone={onDone} />
    </section>
  );
}
