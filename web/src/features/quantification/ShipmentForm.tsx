/** A new shipment in the pipeline to PPM central: product (unless fixed), supplier, funding, quantity, expected date, status. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PipelineCreate } from "@shared/contracts/pipeline";
import { useCreateShipment } from "../../api/quantification";
import { useFacilitiesIn, useProgrammes } from "../../api/reference";
import { FieldIssues } from "./FieldIssues";
import { ProductChoice } from "./ProductChoice";

/** The form; `productId` fixes the product (the plan screen), else it is chosen here. */
export function ShipmentForm({ productId, defaultFunding }: { productId: number | null; defaultFunding?: string }) {
  const { t, i18n } = useTranslation();
  const programmes = useProgrammes();
  const central = useFacilitiesIn({ level: "central" });
  const create = useCreateShipment();
  const [chosen, setChosen] = useState<number | null>(productId);
  const [draft, setDraft] = useState({
    supplier: "",
    fundingSource: defaultFunding ?? "",
    qtyUnits: "",
    expectedDate: "",
    status: "planned" as PipelineCreate["status"],
  });
  const [created, setCreated] = useState(false);
  const set = (patch: Partial<typeof draft>) => {
    setCreated(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const product = productId ?? chosen;
  const store = central.data?.[0]?.id ?? "";
  return (
    <form
      className="quant-section"
      data-testid="shipment-form"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          {
            facilityId: store,
            productId: product ?? 0,
            supplier: draft.supplier,
            fundingSource: draft.fundingSource,
            qtyUnits: Number(draft.qtyUnits),
            expectedDate: draft.expectedDate,
            status: draft.status,
          },
          { onSuccess: () => setCreated(true) },
        );
      }}
    >
      <h2>{t("quant.pipeline.add")}</h2>
      <div className="form-grid">
        {productId === null && <ProductChoice value={chosen} onChange={setChosen} />}
        <div className="field">
          <label htmlFor="ship-supplier">{t("quant.pipeline.supplier")}</label>
          <input
            id="ship-supplier"
            required
            value={draft.supplier}
            onChange={(e) => set({ supplier: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="ship-funding">{t("quant.pipeline.fundingSource")}</label>
          <select
            id="ship-funding"
            required
            value={draft.fundingSource}
            onChange={(e) => set({ fundingSource: e.target.value })}
          >
            <option value="">{t("quant.choose")}</option>
            {(programmes.data ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {i18n.language === "en" ? p.nameEn : p.nameFr}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ship-qty">{t("quant.pipeline.quantity")}</label>
          <input
            id="ship-qty"
            required
            inputMode="numeric"
            value={draft.qtyUnits}
            onChange={(e) => set({ qtyUnits: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="ship-date">{t("quant.pipeline.expectedDate")}</label>
          <input
            id="ship-date"
            required
            type="date"
            value={draft.expectedDate}
            onChange={(e) => set({ expectedDate: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="ship-status">{t("quant.pipeline.status")}</label>
          <select
            id="ship-status"
            value={draft.status}
            onChange={(e) => set({ status: e.target.value as PipelineCreate["status"] })}
          >
            {(["planned", "ordered", "shipped"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`quant.pipeline.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="quant-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending || !store}>
          {t("quant.pipeline.add")}
        </button>
        {created && (
          <span role="status" className="small">
            {t("quant.pipeline.created")}
          </span>
        )}
      </div>
      <FieldIssues error={create.error} fieldsKey="quant.pipeline.fields" />
    </form>
  );
}
