/** Inventaire: one product's lots with their quantity on hand; the counted quantities and the difference before sending. */
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Gs1ParseResponse } from "@shared/contracts/interop";
import { useTranslation } from "react-i18next";
import { PhysicalCountCreate, type MovementResult, type StockPosition } from "@shared/contracts/stock";
import { implausibleItems, ResendConfirmed } from "../../components/ImplausibleConfirm";
import { usePhysicalCount } from "../../api/stock";
import { formatDate, formatNumber } from "../../i18n/format";
import { FieldMessage, FormActions, FormFrame, GridQuantityInput } from "../../lib/forms/fields";
import { numberOrNaN, parseWhole } from "../../lib/forms/parse";
import { useContractForm, type ContractForm } from "../../lib/forms/useContractForm";
import { ProductPickerField } from "../../lib/pickers/ProductPicker";
import { DataTable, type Column } from "../../lib/table/DataTable";
import { lotKey, pickableOf } from "./positions";
import { ScannerField, type ScanNote } from "./ScannerField";
import { unitLabel } from "../../i18n/keys";
import { useProgrammeName } from "../../components/useProgrammeName";

/** Props: the facility, its stock positions, and what to do with the answer. */
interface Props {
  facilityId: string;
  positions: StockPosition[];
  onDone: (result: MovementResult, productId: number) => void;
}

/** The count as typed: the counted quantity of each lot line, by lot key ("" = not counted). */
interface CountValues {
  productId: string;
  counted: Record<string, string>;
}

type Lot = StockPosition["lots"][number];
const EMPTY: CountValues = { productId: "", counted: {} };
const MESSAGES = { "lines:too_small": "stockEntry.invalid.noCount" };

/** The lots counted (typed), in the order of the request's lines. */
const countedLots = (lots: Lot[], v: CountValues) => lots.filter((l) => (v.counted[lotKey(l)] ?? "").trim() !== "");

/** The columns of the count grid: lot, expiry, funding, book quantity, counted (input), difference. */
function useColumns(form: ContractForm<CountValues>, lots: Lot[], unit: string): Column<Lot>[] {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const counted = form.watch("counted");
  const fundingName = useProgrammeName();
  return [
    { id: "lot", header: t("stockEntry.lot"), cell: (l) => l.lotCode },
    { id: "expiry", header: t("stockEntry.expiry"), cell: (l) => formatDate(l.expiry) },
    { id: "funding", header: t("stockEntry.fundingSource"), cell: (l) => fundingName(l.fundingSource) },
    {
      id: "onHand",
      header: t("stockEntry.count.onHand", { unit: unitLabel(t, unit) }),
      numeric: true,
      cell: (l) => formatNumber(l.qtyOnHand, lang),
    },
    {
      id: "counted",
      header: t("stockEntry.count.counted"),
      cell: (l) => {
        const index = countedLots(lots, { productId: "", counted }).indexOf(l);
        return (
          <GridQuantityInput
            name={`counted.${lotKey(l)}`}
            id={`count-${lotKey(l)}`}
            label={t("stockEntry.count.countedOf", { lot: l.lotCode })}
            serverPath={index >= 0 ? `lines.${index}` : "-"}
          />
        );
      },
    },
    {
      id: "difference",
      header: t("stockEntry.count.difference"),
      numeric: true,
      cell: (l) => <Difference lot={l} text={counted[lotKey(l)] ?? ""} />,
    },
  ];
}

/** Counted − book, signed and coloured, or "—" while nothing valid is typed. */
function Difference({ lot, text }: { lot: Lot; text: string }) {
  const { i18n } = useTranslation();
  const n = parseWhole(text);
  if (n === null) return <span data-diff>—</span>;
  const diff = n - lot.qtyOnHand;
  return (
    <span data-diff className={diff < 0 ? "entry-diff-neg" : diff > 0 ? "entry-diff-pos" : undefined}>
      {diff > 0 ? "+" : ""}
      {formatNumber(diff, i18n.language)}
    </span>
  );
}

/** The count's form on the shared contract: the lots typed become the request's lines, in the grid's order. */
function useCountForm(facilityId: string, lotsOf: (productId: string) => Lot[]) {
  const toRequest = useCallback(
    (v: CountValues) => ({
      facilityId,
      lines: countedLots(lotsOf(v.productId), v).map((l) => ({
        lotId: l.lotId,
        fundingSource: l.fundingSource,
        countedQty: numberOrNaN(v.counted[lotKey(l)] ?? ""),
      })),
    }),
    [facilityId, lotsOf],
  );
  // "lines.2.countedQty" is the third lot typed.
  const fieldOf = useCallback(
    (path: string, v: CountValues) => {
      const m = /^lines\.(\d+)/.exec(path);
      const lot = m ? countedLots(lotsOf(v.productId), v)[Number(m[1])] : undefined;
      return lot ? `counted.${lotKey(lot)}` : path === "lines" && v.productId === "" ? "productId" : path;
    },
    [lotsOf],
  );
  return useContractForm({
    contract: PhysicalCountCreate,
    toRequest,
    fieldOf,
    defaultValues: EMPTY,
    customMessages: MESSAGES,
  });
}

/**
 * A scanned barcode chooses the product and the lot line (lot code and expiry) to count; that line's counted
 * quantity is focused once the grid shows it.
 */
function useCountScan(form: ContractForm<CountValues>, withLots: StockPosition[], productId: string) {
  const [scannedKey, setScannedKey] = useState<string | null>(null);
  // The lot row a scan found: its counted quantity is focused once the grid shows it.
  useEffect(() => {
    if (scannedKey) document.getElementById(`count-${scannedKey}`)?.focus();
  }, [scannedKey, productId]);

  const onScan = (read: Gs1ParseResponse): ScanNote | null => {
    if (!read.product) return { key: "interop.scanner.unknownProduct", values: { gtin: read.gtin } };
    const scanned = withLots.find((p) => p.productId === read.product!.productId);
    const name = `${read.product.genericName} ${read.product.strength}`.trim();
    if (!scanned) return { key: "interop.scanner.productNotHere", values: { product: name } };
    if (String(scanned.productId) !== productId) {
      form.setValue("productId", String(scanned.productId), { shouldValidate: true });
      form.setValue("counted", {});
    }
    const lot = scanned.lots.find(
      (l) => l.lotCode === read.lot?.toUpperCase() && (read.expiry === null || l.expiry === read.expiry),
    );
    setScannedKey(lot ? lotKey(lot) : null);
    return lot || !read.lot ? null : { key: "interop.scanner.lotNotHere", values: { lot: read.lot } };
  };

  return { onScan, scannedKey };
}

/** The physical count form. */
export function CountForm({ facilityId, positions, onDone }: Props) {
  const { t } = useTranslation();
  const send = usePhysicalCount();
  // Kept between renders: the form's resolver is rebuilt only when the positions change.
  const withLots = useMemo(() => positions.filter((p) => p.lots.length > 0), [positions]);
  const lotsOf = useCallback(
    (productId: string) => withLots.find((p) => String(p.productId) === productId)?.lots ?? [],
    [withLots],
  );
  const form = useCountForm(facilityId, lotsOf);
  const [productId, counted] = form.watch(["productId", "counted"]);
  const position = withLots.find((p) => String(p.productId) === productId) ?? null;
  const lots = lotsOf(productId);
  const columns = useColumns(form, lots, position?.baseUnit ?? "");
  const typed = countedLots(lots, { productId, counted }).length;
  const { onScan, scannedKey } = useCountScan(form, withLots, productId);

  return (
    <FormFrame
      form={form}
      onValid={(body) => send.mutate(body, { onSuccess: (result) => onDone(result, Number(productId)) })}
      serverError={implausibleItems(send.error) ? null : send.error}
      serverFields={["lines"]}
      className="entry-form"
      aria-labelledby="count-title"
      data-testid="count-form"
    >
      <h2 id="count-title">{t("stockEntry.count.title")}</h2>
      <p className="muted small">{t("stockEntry.count.hint")}</p>
      <div className="entry-fields">
        <ScannerField onRead={onScan} />
      </div>
      <div className="entry-fields">
        <ProductPickerField
          name="productId"
          id="count-product"
          products={withLots.map(pickableOf)}
          onPicked={() => form.setValue("counted", {})}
        />
      </div>
      {position && (
        <DataTable
          columns={columns}
          rows={lots}
          rowKey={lotKey}
          caption={t("stockEntry.count.caption")}
          className="small count-table"
          rowProps={(l) => ({
            "data-lot-id": l.lotId,
            "data-lot-code": l.lotCode,
            ...(lotKey(l) === scannedKey ? { className: "row-scanned" } : {}),
          })}
        />
      )}
      <FieldMessage id="count-lines-msg" name="lines" />
      <FormActions submitLabel={t("stockEntry.count.submit", { count: typed })} pending={send.isPending}>
        <ResendConfirmed write={send} onSuccess={(result) => onDone(result, Number(productId))} />
      </FormActions>
    </FormFrame>
  );
}
