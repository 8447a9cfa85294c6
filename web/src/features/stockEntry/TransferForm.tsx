/**
 * Transfert: stock sent to another facility on one of this facility's supply lines. It leaves here at once
 * (transfer_out, FEFO over the usable, unreserved lots) and stays in transit until the receiving facility
 * confirms what arrived; nothing is written into the receiver's stock from here.
 */
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { TransferCreate, type MovementResult, type StockPosition } from "@shared/contracts/stock";
import { useStockMovement } from "../../api/stock";
import { useTransferDestinations } from "../../api/transfers";
import { implausibleItems, ResendConfirmed } from "../../components/ImplausibleConfirm";
import { formatNumber } from "../../i18n/format";
import { FormActions, FormFrame, QuantityField, SelectField, TextField } from "../../lib/forms/fields";
import { numberOrNaN, optionalText } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";
import { ProductPickerField } from "../../lib/pickers/ProductPicker";
import { pickableOf } from "./positions";

/** Props: the sending facility, its stock positions, and what to do with the answer. */
interface Props {
  facilityId: string;
  positions: StockPosition[];
  onDone: (result: MovementResult, productId: number) => void;
}

/** The transfer as typed. */
interface TransferValues {
  productId: string;
  toFacilityId: string;
  quantity: string;
  reference: string;
  note: string;
}

const EMPTY: TransferValues = { productId: "", toFacilityId: "", quantity: "", reference: "", note: "" };
const CODE_FIELDS = { insufficient_stock: "quantity" };

/** The destinations the sender's supply lines allow for the product's programme (supplier or served facility). */
function DestinationField({ facilityId, position }: { facilityId: string; position: StockPosition | null }) {
  const { t } = useTranslation();
  const destinations = useTransferDestinations(facilityId, position?.programmeCode ?? null);
  return (
    <SelectField
      name="toFacilityId"
      id="transfer-to"
      className="field-grow"
      label={t("stockEntry.transfer.destination")}
      hint={t("stockEntry.transfer.destinationHint")}
      disabled={!position || destinations.isPending}
      placeholder={position ? t("stockEntry.transfer.chooseDestination") : t("stockEntry.chooseProductFirst")}
      options={(destinations.data?.items ?? []).map((d) => ({
        value: d.id,
        label: t(`stockEntry.transfer.direction.${d.direction}`, { name: d.name }),
      }))}
    />
  );
}

/** The transfer form. */
export function TransferForm({ facilityId, positions, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const send = useStockMovement();
  const withStock = positions.filter((p) => p.usableOnHand > 0);
  const toRequest = useCallback(
    (v: TransferValues) => ({
      type: "transfer",
      facilityId,
      toFacilityId: v.toFacilityId === "" ? undefined : v.toFacilityId,
      productId: v.productId === "" ? undefined : Number(v.productId),
      quantity: numberOrNaN(v.quantity),
      reference: optionalText(v.reference),
      note: optionalText(v.note),
    }),
    [facilityId],
  );
  const form = useContractForm({ contract: TransferCreate, toRequest, defaultValues: EMPTY });
  const productId = form.watch("productId");
  const position = withStock.find((p) => String(p.productId) === productId) ?? null;

  return (
    <FormFrame
      form={form}
      onValid={(body) => send.mutate(body, { onSuccess: (result) => onDone(result, body.productId) })}
      serverError={implausibleItems(send.error) ? null : send.error}
      codeFields={CODE_FIELDS}
      className="entry-form"
      aria-labelledby="transfer-title"
      data-testid="transfer-form"
    >
      <h2 id="transfer-title">{t("stockEntry.transfer.title")}</h2>
      <p className="muted small">{t("stockEntry.transfer.hint")}</p>
      <div className="entry-fields">
        <ProductPickerField
          name="productId"
          id="transfer-product"
          products={withStock.map(pickableOf)}
          onPicked={() => form.setValue("toFacilityId", "")}
        />
      </div>
      <div className="entry-fields">
        <DestinationField facilityId={facilityId} position={position} />
        <QuantityField
          name="quantity"
          id="transfer-qty"
          label={t("stockEntry.transfer.quantity", { unit: position?.baseUnit ?? t("stockEntry.baseUnits") })}
          pack={position ? { packSize: position.packSize, unit: position.baseUnit } : null}
          after={
            position && (
              <span className="muted small" data-testid="transfer-available">
                {t("stockEntry.transfer.available", {
                  qty: formatNumber(position.usableOnHand, i18n.language),
                  unit: position.baseUnit,
                  size: formatNumber(position.packSize, i18n.language),
                })}
              </span>
            )
          }
        />
        <TextField
          name="reference"
          id="transfer-reference"
          label={t("stockEntry.reference")}
          maxLength={100}
          placeholder={t("stockEntry.transfer.referenceHint")}
        />
        <TextField name="note" id="transfer-note" className="field-grow" label={t("stockEntry.note")} maxLength={500} />
      </div>
      <FormActions submitLabel={t("stockEntry.transfer.submit")} pending={send.isPending}>
        <ResendConfirmed write={send} onSuccess={(result) => onDone(result, Number(productId))} />
      </FormActions>
    </FormFrame>
  );
}
