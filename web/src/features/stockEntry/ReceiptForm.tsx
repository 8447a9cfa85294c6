/** Réception: stock arriving from outside (supplier, donor, upstream depot on paper) as a new or known lot. */
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { Gs1ParseResponse } from "@shared/contracts/interop";
import type { Product } from "@shared/contracts/reference";
import { ReceiptCreate, type MovementResult } from "@shared/contracts/stock";
import { implausibleItems, ResendConfirmed } from "../../components/ImplausibleConfirm";
import { useStockMovement } from "../../api/stock";
import { formatDate } from "../../i18n/format";
import { DateField, FormActions, FormFrame, QuantityField, TextField } from "../../lib/forms/fields";
import { dateOrText, numberOrNaN, optionalText } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";
import { ProductPickerField } from "../../lib/pickers/ProductPicker";
import { ScannerField, type ScanNote } from "./ScannerField";
import { unitLabel } from "../../i18n/keys";

/** Props: the facility, the catalogue, and what to do with the server's answer. */
interface Props {
  facilityId: string;
  products: Product[];
  onDone: (result: MovementResult, productId: number) => void;
}

/** The receipt as typed. */
interface ReceiptValues {
  productId: string;
  lotCode: string;
  expiry: string;
  quantity: string;
  fundingSource: string;
  reference: string;
}

const EMPTY: ReceiptValues = { productId: "", lotCode: "", expiry: "", quantity: "", fundingSource: "", reference: "" };
const today = () => new Date().toISOString().slice(0, 10);
/** The shared contract, and a lot that is not already expired. */
const RECEIPT = ReceiptCreate.refine((r) => r.expiry >= today(), { path: ["expiry"] });
const MESSAGES = { expiry: "stockEntry.invalid.expired" };
/** Refusals that concern one field. */
const CODE_FIELDS = { insufficient_stock: "quantity", lot_blocked: "lotCode" };

/** The receipt form. */
export function ReceiptForm({ facilityId, products, onDone }: Props) {
  const { t } = useTranslation();
  const send = useStockMovement();
  const toRequest = useCallback(
    (v: ReceiptValues) => ({
      type: "receipt",
      facilityId,
      productId: v.productId === "" ? undefined : Number(v.productId),
      lotCode: v.lotCode,
      expiry: dateOrText(v.expiry),
      quantity: numberOrNaN(v.quantity),
      fundingSource: optionalText(v.fundingSource),
      reference: optionalText(v.reference),
    }),
    [facilityId],
  );
  const form = useContractForm({ contract: RECEIPT, toRequest, defaultValues: EMPTY, customMessages: MESSAGES });
  const productId = form.watch("productId");
  const product = products.find((p) => String(p.id) === productId) ?? null;

  /** A scanned barcode fills product, lot and expiry (typed dd/mm/yyyy, as on the pack); the quantity is next. */
  const onScan = (read: Gs1ParseResponse): ScanNote | null => {
    const set = { shouldValidate: true, shouldDirty: true, shouldTouch: true } as const;
    const known = read.product !== null && products.some((p) => p.id === read.product!.productId);
    if (known) form.setValue("productId", String(read.product!.productId), set);
    if (read.lot) form.setValue("lotCode", read.lot, set);
    if (read.expiry) form.setValue("expiry", formatDate(read.expiry), set);
    document.getElementById("receipt-qty")?.focus();
    return known ? null : { key: "interop.scanner.unknownProduct", values: { gtin: read.gtin } };
  };

  return (
    <FormFrame
      form={form}
      onValid={(body) => send.mutate(body, { onSuccess: (result) => onDone(result, body.productId) })}
      serverError={implausibleItems(send.error) ? null : send.error}
      codeFields={CODE_FIELDS}
      className="entry-form"
      aria-labelledby="receipt-title"
      data-testid="receipt-form"
    >
      <h2 id="receipt-title">{t("stockEntry.receipt.title")}</h2>
      <p className="muted small">{t("stockEntry.receipt.hint")}</p>
      <div className="entry-fields">
        <ScannerField onRead={onScan} />
      </div>
      <div className="entry-fields">
        <ProductPickerField name="productId" id="receipt-product" products={products} />
      </div>
      <div className="entry-fields">
        <TextField name="lotCode" id="receipt-lot" label={t("stockEntry.lotCode")} maxLength={60} autoComplete="off" />
        <DateField name="expiry" id="receipt-expiry" label={t("stockEntry.expiry")} />
        <QuantityField
          name="quantity"
          id="receipt-qty"
          label={t("stockEntry.quantityBase", {
            unit: product ? unitLabel(t, product.baseUnit) : t("stockEntry.baseUnits"),
          })}
          pack={product ? { packSize: product.packSize, unit: product.baseUnit } : null}
        />
        <TextField
          name="fundingSource"
          id="receipt-funding"
          label={t("stockEntry.fundingSource")}
          hint={t("stockEntry.fundingHint")}
          maxLength={40}
          placeholder={product?.programmeCode ?? ""}
        />
        <TextField
          name="reference"
          id="receipt-reference"
          label={t("stockEntry.reference")}
          className="field-grow"
          maxLength={100}
          placeholder={t("stockEntry.referenceHint")}
        />
      </div>
      <FormActions submitLabel={t("stockEntry.receipt.submit")} pending={send.isPending}>
        <ResendConfirmed write={send} onSuccess={(result) => onDone(result, Number(productId))} />
      </FormActions>
    </FormFrame>
  );
}
