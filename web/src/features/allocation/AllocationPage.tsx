/** Free-care allocation /allocations: choose a programme product, the source depot and the area; preview the rationing; send. */
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { AllocationRequest } from "@shared/contracts/replenishment";
import { useAllocationPreview, useSendAllocation } from "../../api/allocations";
import { useMe } from "../../api/auth";
import {
  useDistricts,
  useFacilities,
  useFacilitiesIn,
  useProducts,
  useProgrammes,
  useRegions,
} from "../../api/reference";
import { ActionError } from "../../components/ActionError";
import { orderPath } from "../../components/screens";
import { ErrorState, Loading } from "../../components/States";
import { depotChoices } from "../../lib/depot/depotChoices";
import { AllocationFields } from "./AllocationFields";
import { buildRequest, type AllocationForm, type FormIssues } from "./allocationForm";
import { AllocationPreview } from "./AllocationPreview";

/** The allocation page. */
export default function AllocationPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const programmes = useProgrammes();
  const facilities = useFacilities();
  const districts = useDistricts();
  const regions = useRegions();
  const sources = useMemo(
    () => depotChoices(me, facilities.data?.items ?? [], districts.data ?? []),
    [me, facilities.data, districts.data],
  );
  const districtChoices = (districts.data ?? []).filter((d) =>
    me.role === "district_pharmacist"
      ? d.id === me.scopeDistrictId
      : me.role === "regional_manager"
        ? d.regionId === me.scopeRegionId
        : true,
  );
  const regionChoices = (regions.data ?? []).filter((r) =>
    me.role === "district_pharmacist" ? false : me.role === "regional_manager" ? r.id === me.scopeRegionId : true,
  );

  const [form, setForm] = useState<AllocationForm>({
    programme: "malaria",
    productId: "",
    sourceId: "",
    targetKind: "district",
    targetId: "",
    months: "3",
    basis: "amc",
    unitsPerPerson: "",
    populations: {},
  });
  // Defaults that depend on loaded lists: the user's first depot and first district.
  const effective: AllocationForm = {
    ...form,
    sourceId: form.sourceId || sources[0]?.id || "",
    targetId: form.targetId || (form.targetKind === "district" ? districtChoices[0]?.id : regionChoices[0]?.id) || "",
  };
  const products = useProducts(effective.programme || null, effective.programme !== "");
  const targets = useFacilitiesIn(
    {
      level: "cscom",
      ...(effective.targetKind === "district" ? { districtId: effective.targetId } : { regionId: effective.targetId }),
    },
    effective.basis === "population" && effective.targetId !== "",
  );
  const [issues, setIssues] = useState<FormIssues>({});
  const preview = useAllocationPreview();
  const send = useSendAllocation();
  const [previewed, setPreviewed] = useState<AllocationRequest | null>(null);

  const change = (changes: Partial<AllocationForm>) => {
    setForm({ ...effective, ...changes });
    setPreviewed(null);
    preview.reset();
    send.reset();
  };
  const runPreview = () => {
    const built = buildRequest(effective);
    setIssues(built.issues ?? {});
    if (!built.request) return;
    const request = built.request;
    preview.mutate(request, { onSuccess: () => setPreviewed(request) });
  };

  if (programmes.isPending || facilities.isPending || districts.isPending || regions.isPending) return <Loading />;
  const failed = [programmes, facilities, districts, regions].find((q) => q.isError);
  if (failed) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  const freeCare = (programmes.data ?? []).filter((p) => p.kind === "free_care");
  const product = products.data?.find((p) => String(p.id) === effective.productId) ?? null;

  return (
    <div className="page allocation-page">
      <div className="page-head">
        <div>
          <h1>{t("allocation.title")}</h1>
          <p className="muted">{t("allocation.intro")}</p>
        </div>
      </div>
      <form
        className="allocation-form"
        aria-labelledby="allocation-form-title"
        onSubmit={(e) => {
          e.preventDefault();
          runPreview();
        }}
        noValidate
      >
        <h2 id="allocation-form-title" className="visually-hidden">
          {t("allocation.formTitle")}
        </h2>
        <AllocationFields
          form={effective}
          issues={issues}
          onChange={change}
          programmes={freeCare}
          products={products.data ?? []}
          sources={sources}
          districts={districtChoices}
          regions={regionChoices}
          targets={targets.data ?? []}
        />
        <div className="actions-row">
          <ActionError error={preview.error} />
          <button type="submit" className="button button-primary" disabled={preview.isPending}>
            {preview.isPending ? t("common.loading") : t("allocation.preview")}
          </button>
        </div>
      </form>
      {preview.data && previewed && product && (
        <section className="allocation-result" aria-labelledby="allocation-preview-title">
          <AllocationPreview plan={preview.data} product={product} />
          {send.data ? (
            <div className="notice" data-testid="allocation-sent">
              {t("allocation.sent", { count: send.data.orderIds.length })}{" "}
              {send.data.orderIds.map((id, i) => (
                <span key={id}>
                  {i > 0 && ", "}
                  <Link to={orderPath(id)}>#{id}</Link>
                </span>
              ))}
            </div>
          ) : (
            <div className="actions-row">
              <ActionError error={send.error} />
              <button
                type="button"
                className="button button-primary"
                disabled={send.isPending || preview.data.allocated === 0}
                onClick={() => send.mutate(previewed)}
              >
                {send.isPending
                  ? t("common.sending")
                  : t("allocation.send", { count: preview.data.shares.filter((s) => s.quantity > 0).length })}
              </button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
