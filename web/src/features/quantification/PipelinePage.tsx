/** "Quantification — Pipeline" (/quantification/pipeline): every shipment to PPM central, to add, edit, cancel or receive. */
import { useTranslation } from "react-i18next";
import { usePipeline } from "../../api/quantification";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { PipelineTable } from "./PipelineTable";
import { ProductChoice, useProductParam } from "./ProductChoice";
import { QuantLayout } from "./QuantLayout";
import { ShipmentForm } from "./ShipmentForm";

/** The pipeline screen (?produit= narrows it to one product; ?recues=1 shows the received ones too). */
export default function PipelinePage() {
  const { t } = useTranslation();
  const [productId, setProduct] = useProductParam();
  const [params, update] = useSearchState();
  const showReceived = params.get("recues") === "1";
  const pipeline = usePipeline(productId);
  const items = (pipeline.data?.items ?? []).filter((s) => showReceived || s.status !== "received");
  return (
    <QuantLayout>
      <p className="muted">{t("quant.pipeline.intro")}</p>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label={t("quant.pipeline.title")}>
        <ProductChoice value={productId} onChange={setProduct} />
        <label className="check">
          <input
            type="checkbox"
            checked={showReceived}
            onChange={(e) => update({ recues: e.target.checked ? "1" : null })}
          />
          {t("quant.pipeline.showReceived")}
        </label>
      </form>
      {pipeline.isPending ? (
        <Loading />
      ) : pipeline.isError ? (
        <ErrorState error={pipeline.error} onRetry={() => void pipeline.refetch()} />
      ) : (
        <PipelineTable
          items={items}
          showProduct={productId === null}
          empty={<EmptyState>{t("quant.pipeline.empty")}</EmptyState>}
        />
      )}
      <ShipmentForm productId={productId} />
    </QuantLayout>
  );
}
