/** Réception: stock arriving from outside (supplier, donor, upstream depot on paper) as a new or known lot. */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Product } from "@shared/contracts/reference";
import type { MovementResult } from "@shared/contracts/stock";
import { useStockMovement } from "../../api/stock";
import { ActionError } from "../../components/ActionError";
import { formatNumber } from "../../i18n/format";
import { expiryProblem, fieldOfError, lotCodeProblem, parseQty, receiptQtyProblem } from "./entryRules";
import { FieldMessage } from "./FieldMessage";
import { ProductPicker } from "./ProductPicker";

/** Props: the facility, the catalogue, and what to do with the server's answer. */
interface Props {
  facilityId: string;
  products: Product[];
  onDone: (result: MovementResult, productId: number) => void;
}

/** Fields whose server errors are shown next to them (the rest go under the button). */
const FIELDS = ["productId", "lotCode", "expiry", "quantity", "fundingSource", "reference"];

/** The receipt form. */
export function ReceiptForm({ facilityId, products, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const send = useStockMovement();
  const [productId, setProductId] = useState<number | null>(null);
  const [lotCode, setLotCode] = useState("");
  const [expiry, setExpiry] = useState("");
  const [qty, setQty] = useState("");
  const [fundingSource, setFundingSource] = useState("");
  const [reference, setReference] = useState("");
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [tried, setTried] = useState(false);
  const product = products.find((p) => p.id === productId) ?? null;
  const today = new Date().toISOString().slice(0, 10);
  const problems = {
    productId: productId === null ? ("required" as const) : null,
    lotCode: lotCodeProblem(lotCode),
    expiry: expiryProblem(expiry, today),
    quantity: receiptQtyProblem(qty),
  };
  const valid = Object.values(problems).every((p) => p === null);
  const show = (f: keyof typeof problems) => tried || touched[f] === true;
  const touch = (f: string) => setTouched((s) => ({ ...s, [f]: true }));
  const qtyNumber = parseQty(qty);
  const serverField = fieldOfError(send.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!valid || productId === null || qtyNumber === null) return;
    const body = {
      type: "receipt" as const,
      facilityId,
      productId,
      lotCode: lotCode.trim(),
      expiry,
      quantity: qtyNumber,
      ...(fundingSource.trim() ? { fundingSource: fundingSource.trim() } : {}),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    };
    send.mutate(body, { onSuccess: (result) => onDone(result, productId) });
  };

  return (
    <form
      className="entry-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="receipt-title"
      data-testid="receipt-form"
    >
      <h2 id="receipt-title">{t("stockEntry.receipt.title")}</h2>
      <p className="muted small">{t("stockEntry.receipt.hint")}</p>
      <div className="entry-fields">
        <ProductPicker
          products={products}
          value={productId}
          onChange={(id) => {
            setProductId(id);
            touch("productId");
          }}
          describedBy="receipt-product-msg"
        />
      </div>
      <FieldMessage
        id="receipt-product-msg"
        problem={problems.productId}
        show={show("productId")}
        error={send.error}
        path="productId"
      />
      <div className="entry-fields">
        <div className="field">
          <label htmlFor="receipt-lot">{t("stockEntry.lotCode")}</label>
          <input
            id="receipt-lot"
            value={lotCode}
            maxLength={60}
            autoComplete="off"
            aria-invalid={show("lotCode") && problems.lotCode !== null}
            aria-describedby="receipt-lot-msg"
            onChange={(e) => setLotCode(e.target.value)}
            onBlur={() => touch("lotCode")}
          />
          <FieldMessage
            id="receipt-lot-msg"
            problem={problems.lotCode}
            show={show("lotCode")}
            error={send.error}
            path="lotCode"
          />
        </div>
        <div className="field">
          <label htmlFor="receipt-expiry">{t("stockEntry.expiry")}</label>
          <input
            id="receipt-expiry"
            type="date"
            value={expiry}
            min={today}
            aria-invalid={show("expiry") && problems.expiry !== null}
            aria-describedby="receipt-expiry-msg"
            onChange={(e) => {
              setExpiry(e.target.value);
              touch("expiry");
            }}
          />
          <FieldMessage
            id="receipt-expiry-msg"
            problem={problems.expiry}
            show={show("expiry")}
            error={send.error}
            path="expiry"
          />
        </div>
        <div className="field">
          <label htmlFor="receipt-qty">
            {t("stockEntry.quantityBase", { unit: product?.baseUnit ?? t("stockEntry.baseUnits") })}
          </label>
          <input
            id="receipt-qty"
            inputMode="numeric"
            value={qty}
            aria-invalid={show("quantity") && problems.quantity !== null}
            aria-describedby="receipt-qty-msg receipt-qty-pack"
            onChange={(e) => {
              setQty(e.target.value);
              touch("quantity");
            }}
          />
          {product && (
            <span id="receipt-qty-pack" className="muted small" data-testid="pack-size">
              {t("stockEntry.packSize", {
                size: formatNumber(product.packSize, i18n.language),
                unit: product.baseUnit,
              })}
              {qtyNumber !== null && qtyNumber > 0
                ? ` — ${t("stockEntry.packs", { packs: formatNumber(qtyNumber / product.packSize, i18n.language, 1) })}`
                : ""}
            </span>
          )}
          <FieldMessage
            id="receipt-qty-msg"
            problem={problems.quantity}
            show={show("quantity")}
            error={send.error}
            path="quantity"
          />
        </div>
        <div className="field">
          <label htmlFor="receipt-funding">{t("stockEntry.fundingSource")}</label>
          <input
            id="receipt-funding"
            value={fundingSource}
            maxLength={40}
            placeholder={product?.programmeCode ?? ""}
            aria-describedby="receipt-funding-hint receipt-funding-msg"
            onChange={(e) => setFundingSource(e.target.value)}
          />
          <span id="receipt-funding-hint" className="muted small">
            {t("stockEntry.fundingHint")}
          </span>
          <FieldMessage id="receipt-funding-msg" problem={null} show={false} error={send.error} path="fundingSource" />
        </div>
        <div className="field field-grow">
          <label htmlFor="receipt-reference">{t("stockEntry.reference")}</label>
          <input
            id="receipt-reference"
            value={reference}
            maxLength={100}
            placeholder={t("stockEntry.referenceHint")}
            aria-describedby="receipt-reference-msg"
            onChange={(e) => setReference(e.target.value)}
          />
          <FieldMessage id="receipt-reference-msg" problem={null} show={false} error={send.error} path="reference" />
        </div>
      </div>
      <div className="actions-row">
        {(serverField === null || !FIELDS.includes(serverField)) && <ActionError error={send.error} />}
        <button type="submit" className="button button-primary" disabled={send.isPending}>
          {send.isPending ? t("common.sending") : t("stockEntry.receipt.submit")}
        </button>
      </div>
    </form>
  );
}
