/** Perte / ajustement: a reason-coded correction of one lot the facility holds (losses negative, corrections either sign). */
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { useTranslation } from "react-i18next";
import { AdjustmentReason, type MovementResult, type StockPosition } from "@shared/contracts/stock";
import { useStockMovement } from "../../api/stock";
import { ActionError } from "../../components/ActionError";
import { formatNumber } from "../../i18n/format";
import { adjustmentQtyProblem, fieldOfError, parseQty } from "./entryRules";
import { FieldMessage } from "./FieldMessage";
import { ProductPicker } from "./ProductPicker";

/** Props: the facility, its stock positions (products with their lots), and what to do with the answer. */
interface Props {
  facilityId: string;
  positions: StockPosition[];
  onDone: (result: MovementResult, productId: number) => void;
}

/** A reason of the contract. */
type Reason = z.infer<typeof AdjustmentReason>;
const FIELDS = ["lotId", "reason", "quantity", "reference", "note"];
/** A lot line of a position: one lot under one funding source. */
const lotKey = (l: { lotId: number; fundingSource: string }) => `${l.lotId}:${l.fundingSource}`;

/** The adjustment form. */
export function AdjustmentForm({ facilityId, positions, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const send = useStockMovement();
  const [productId, setProductId] = useState<number | null>(null);
  const [lot, setLot] = useState("");
  const [reason, setReason] = useState<Reason>("loss");
  const [qty, setQty] = useState("");
  const [note, setNote] = useState("");
  const [tried, setTried] = useState(false);
  const [touchedQty, setTouchedQty] = useState(false);
  const withLots = positions.filter((p) => p.lots.length > 0);
  const position = withLots.find((p) => p.productId === productId) ?? null;
  const chosenLot = position?.lots.find((l) => lotKey(l) === lot) ?? null;
  const problems = {
    lotId: chosenLot === null ? ("required" as const) : null,
    quantity: adjustmentQtyProblem(qty, reason),
  };
  const qtyNumber = parseQty(qty);
  const after = chosenLot && qtyNumber !== null ? chosenLot.qtyOnHand + qtyNumber : null;
  const serverField = fieldOfError(send.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!chosenLot || problems.quantity !== null || qtyNumber === null || productId === null) return;
    const body = {
      type: "adjustment" as const,
      facilityId,
      lotId: chosenLot.lotId,
      fundingSource: chosenLot.fundingSource,
      reason,
      quantity: qtyNumber,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    send.mutate(body, { onSuccess: (result) => onDone(result, productId) });
  };

  return (
    <form
      className="entry-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="adjust-title"
      data-testid="adjustment-form"
    >
      <h2 id="adjust-title">{t("stockEntry.adjustment.title")}</h2>
      <p className="muted small">{t("stockEntry.adjustment.hint")}</p>
      <div className="entry-fields">
        <ProductPicker
          products={withLots.map((p) => ({
            id: p.productId,
            code: p.productCode,
            genericName: p.genericName,
            strength: p.strength,
            form: p.form,
          }))}
          value={productId}
          onChange={(id) => {
            setProductId(id);
            setLot("");
          }}
        />
      </div>
      <div className="entry-fields">
        <div className="field field-grow">
          <label htmlFor="adjust-lot">{t("stockEntry.lot")}</label>
          <select
            id="adjust-lot"
            value={lot}
            disabled={!position}
            aria-invalid={tried && problems.lotId !== null}
            aria-describedby="adjust-lot-msg"
            onChange={(e) => setLot(e.target.value)}
          >
            <option value="">{position ? t("stockEntry.chooseLot") : t("stockEntry.chooseProductFirst")}</option>
            {position?.lots.map((l) => (
              <option key={lotKey(l)} value={lotKey(l)}>
                {t("stockEntry.lotOption", {
                  code: l.lotCode,
                  expiry: l.expiry,
                  qty: formatNumber(l.qtyOnHand, lang),
                  unit: position.baseUnit,
                  funding: l.fundingSource,
                })}
              </option>
            ))}
          </select>
          <FieldMessage id="adjust-lot-msg" problem={problems.lotId} show={tried} error={send.error} path="lotId" />
        </div>
        <div className="field">
          <label htmlFor="adjust-reason">{t("stockEntry.reason")}</label>
          <select id="adjust-reason" value={reason} onChange={(e) => setReason(e.target.value as Reason)}>
            {AdjustmentReason.options.map((r) => (
              <option key={r} value={r}>
                {t(`stockEntry.reasonOf.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="adjust-qty">
            {t("stockEntry.signedQty", { unit: position?.baseUnit ?? t("stockEntry.baseUnits") })}
          </label>
          <input
            id="adjust-qty"
            inputMode="numeric"
            value={qty}
            placeholder="-10"
            aria-invalid={(tried || touchedQty) && problems.quantity !== null}
            aria-describedby="adjust-qty-msg adjust-after"
            onChange={(e) => {
              setQty(e.target.value);
              setTouchedQty(true);
            }}
          />
          {after !== null && (
            <span id="adjust-after" className={after < 0 ? "entry-diff-neg small" : "muted small"}>
              {t("stockEntry.lotAfter", { qty: formatNumber(after, lang) })}
            </span>
          )}
          <FieldMessage
            id="adjust-qty-msg"
            problem={problems.quantity}
            show={tried || touchedQty}
            error={send.error}
            path="quantity"
          />
        </div>
        <div className="field field-grow">
          <label htmlFor="adjust-note">{t("stockEntry.note")}</label>
          <input id="adjust-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </div>
      </div>
      <div className="actions-row">
        {(serverField === null || !FIELDS.includes(serverField)) && <ActionError error={send.error} />}
        <button type="submit" className="button button-primary" disabled={send.isPending}>
          {send.isPending ? t("common.sending") : t("stockEntry.adjustment.submit")}
        </button>
      </div>
    </form>
  );
}
