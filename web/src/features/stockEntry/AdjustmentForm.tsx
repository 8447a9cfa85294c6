/** Perte / ajustement: a reason-coded correction of one lot the facility holds (losses negative, corrections either sign). */
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useFormContext } from "react-hook-form";
import { AdjustmentCreate, AdjustmentReason, type MovementResult, type StockPosition } from "@shared/contracts/stock";
import { implausibleItems, ResendConfirmed } from "../../components/ImplausibleConfirm";
import { useStockMovement } from "../../api/stock";
import { formatDate, formatNumber } from "../../i18n/format";
import { FormActions, FormFrame, QuantityField, SelectField, TextField } from "../../lib/forms/fields";
import { numberOrNaN, optionalText, parseWhole } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";
import { ProductPickerField } from "../../lib/pickers/ProductPicker";
import { lotKey, pickableOf } from "./positions";
import { unitLabel } from "../../i18n/keys";
import { useProgrammeName } from "../../components/useProgrammeName";

/** Props: the facility, its stock positions (products with their lots), and what to do with the answer. */
interface Props {
  facilityId: string;
  positions: StockPosition[];
  onDone: (result: MovementResult, productId: number) => void;
}

/** The adjustment as typed; `lotId` holds the lot line's key (lot and funding source). */
interface AdjustmentValues {
  productId: string;
  lotId: string;
  reason: string;
  quantity: string;
  note: string;
}

const EMPTY: AdjustmentValues = { productId: "", lotId: "", reason: "loss", quantity: "", note: "" };
/** The contract refuses zero, and a positive quantity for any reason but a correction. */
const MESSAGES = {
  quantity: (v: AdjustmentValues) =>
    parseWhole(v.quantity, { signed: true }) === 0
      ? "stockEntry.invalid.nonZero"
      : "stockEntry.invalid.negativeForReason",
};
const CODE_FIELDS = { insufficient_stock: "quantity", lot_blocked: "lotId" };

type Lot = StockPosition["lots"][number];

/** The lots of the chosen product (code, expiry, quantity, funding source). */
function LotField({ position }: { position: StockPosition | null }) {
  const { t, i18n } = useTranslation();
  const fundingName = useProgrammeName();
  return (
    <SelectField
      name="lotId"
      id="adjust-lot"
      className="field-grow"
      label={t("stockEntry.lot")}
      disabled={!position}
      placeholder={position ? t("stockEntry.chooseLot") : t("stockEntry.chooseProductFirst")}
      options={(position?.lots ?? []).map((l) => ({
        value: lotKey(l),
        label: t("stockEntry.lotOption", {
          code: l.lotCode,
          expiry: formatDate(l.expiry),
          qty: formatNumber(l.qtyOnHand, i18n.language),
          unit: unitLabel(t, position!.baseUnit, l.qtyOnHand),
          funding: fundingName(l.fundingSource),
        }),
      }))}
    />
  );
}

/** The signed quantity, with the pack size and the lot's balance after the adjustment. */
function AdjustedQuantity({ position, lot }: { position: StockPosition | null; lot: Lot | null }) {
  const { t, i18n } = useTranslation();
  const { watch } = useFormContext<AdjustmentValues>();
  const delta = parseWhole(watch("quantity"), { signed: true });
  const after = lot && delta !== null ? lot.qtyOnHand + delta : null;
  return (
    <QuantityField
      name="quantity"
      id="adjust-qty"
      label={t("stockEntry.signedQty", {
        unit: position ? unitLabel(t, position.baseUnit) : t("stockEntry.baseUnits"),
      })}
      placeholder="-10"
      pack={position ? { packSize: position.packSize, unit: position.baseUnit } : null}
      after={
        after !== null && (
          <span id="adjust-after" className={after < 0 ? "entry-diff-neg small" : "muted small"}>
            {t("stockEntry.lotAfter", { qty: formatNumber(after, i18n.language) })}
          </span>
        )
      }
    />
  );
}

/** The adjustment form. */
export function AdjustmentForm({ facilityId, positions, onDone }: Props) {
  const { t } = useTranslation();
  const send = useStockMovement();
  const withLots = positions.filter((p) => p.lots.length > 0);
  const lotOf = useCallback(
    (v: Pick<AdjustmentValues, "productId" | "lotId">) =>
      withLots.find((p) => String(p.productId) === v.productId)?.lots.find((l) => lotKey(l) === v.lotId) ?? null,
    [withLots],
  );
  const toRequest = useCallback(
    (v: AdjustmentValues) => {
      const lot = lotOf(v);
      return {
        type: "adjustment",
        facilityId,
        lotId: lot?.lotId,
        fundingSource: lot?.fundingSource,
        reason: v.reason,
        quantity: numberOrNaN(v.quantity),
        note: optionalText(v.note),
      };
    },
    [facilityId, lotOf],
  );
  const form = useContractForm({
    contract: AdjustmentCreate,
    toRequest,
    defaultValues: EMPTY,
    customMessages: MESSAGES,
  });
  const [productId, lotId] = form.watch(["productId", "lotId"]);
  const position = withLots.find((p) => String(p.productId) === productId) ?? null;
  const lot = lotOf({ productId, lotId });

  return (
    <FormFrame
      form={form}
      onValid={(body) => send.mutate(body, { onSuccess: (result) => onDone(result, Number(productId)) })}
      serverError={implausibleItems(send.error) ? null : send.error}
      codeFields={CODE_FIELDS}
      className="entry-form"
      aria-labelledby="adjust-title"
      data-testid="adjustment-form"
    >
      <h2 id="adjust-title">{t("stockEntry.adjustment.title")}</h2>
      <p className="muted small">{t("stockEntry.adjustment.hint")}</p>
      <div className="entry-fields">
        <ProductPickerField
          name="productId"
          id="adjust-product"
          products={withLots.map(pickableOf)}
          onPicked={() => form.setValue("lotId", "")}
        />
      </div>
      <div className="entry-fields">
        <LotField position={position} />
        <SelectField
          name="reason"
          id="adjust-reason"
          label={t("stockEntry.reason")}
          options={AdjustmentReason.options.map((r) => ({ value: r, label: t(`reason.${r}`) }))}
          onValue={() => void (form.getFieldState("quantity").isDirty && form.trigger("quantity"))}
        />
        <AdjustedQuantity position={position} lot={lot} />
        <TextField name="note" id="adjust-note" className="field-grow" label={t("stockEntry.note")} maxLength={500} />
      </div>
      <FormActions submitLabel={t("stockEntry.adjustment.submit")} pending={send.isPending}>
        <ResendConfirmed write={send} onSuccess={(result) => onDone(result, Number(productId))} />
      </FormActions>
    </FormFrame>
  );
}
