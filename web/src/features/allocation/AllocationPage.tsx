/** Free-care allocation /allocations: choose a programme product, the source depot and the area; preview the rationing; send. */
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Me } from "@shared/contracts/auth";
import type { District, Facility, Programme, Region } from "@shared/contracts/reference";
import { AllocationRequest, type AllocationPlan } from "@shared/contracts/replenishment";
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
import { FormActions, FormFrame } from "../../lib/forms/fields";
import { useContractForm } from "../../lib/forms/useContractForm";
import { AllocationFields } from "./AllocationFields";
import { ALLOCATION_MESSAGES, fieldOf, toRequest, type AllocationValues } from "./allocationForm";
import { AllocationPreview } from "./AllocationPreview";

/** The depots, districts and regions of the user's scope. */
function scopeChoices(me: Me, facilities: Facility[], districts: District[], regions: Region[]) {
  const byRole = <T,>(all: T[], district: (x: T) => boolean, region: (x: T) => boolean) =>
    me.role === "district_pharmacist"
      ? all.filter(district)
      : me.role === "regional_manager"
        ? all.filter(region)
        : all;
  return {
    sources: depotChoices(me, facilities, districts),
    districts: byRole(
      districts,
      (d) => d.id === me.scopeDistrictId,
      (d) => d.regionId === me.scopeRegionId,
    ),
    regions: byRole(
      regions,
      () => false,
      (r) => r.id === me.scopeRegionId,
    ),
  };
}

/** Orders a send creates: one per CSCom with a share, and one per depot the shares go through. */
function ordersToSend(plan: AllocationPlan): number {
  const given = plan.shares.filter((s) => s.quantity > 0);
  return given.length + new Set(given.flatMap((s) => s.via)).size;
}

/** The preview under the form, and the send button (or what was sent). */
function AllocationResult({
  request,
  onSend,
}: {
  request: AllocationRequest;
  onSend: ReturnType<typeof useSendAllocation>;
}) {
  const { t } = useTranslation();
  const preview = useAllocationPreview();
  const products = useProducts(null);
  // The preview is asked once per request (the component is keyed by it).
  useEffect(() => preview.mutate(request), [request]);
  const product = products.data?.find((p) => p.id === request.productId);
  if (preview.isError) return <ActionError error={preview.error} />;
  if (!preview.data || !product) return <Loading />;
  const sent = onSend.data;
  return (
    <section className="allocation-result" aria-labelledby="allocation-preview-title">
      <AllocationPreview plan={preview.data} product={product} />
      {sent ? (
        <div className="notice" data-testid="allocation-sent">
          {t("allocation.sent", { count: sent.orderIds.length })}{" "}
          {sent.orderIds.map((id, i) => (
            <span key={id}>
              {i > 0 && ", "}
              <Link to={orderPath(id)}>#{id}</Link>
            </span>
          ))}
        </div>
      ) : (
        <div className="actions-row">
          <ActionError error={onSend.error} />
          <button
            type="button"
            className="button button-primary"
            disabled={onSend.isPending || preview.data.allocated === 0}
            onClick={() => onSend.mutate(request)}
          >
            {onSend.isPending ? t("common.sending") : t("allocation.send", { count: ordersToSend(preview.data) })}
          </button>
        </div>
      )}
    </section>
  );
}

/** The form once the lists are loaded: the user's first depot and area preselected. */
function AllocationForm({ choices, freeCare }: { choices: ReturnType<typeof scopeChoices>; freeCare: Programme[] }) {
  const { t } = useTranslation();
  const send = useSendAllocation();
  const [request, setRequest] = useState<AllocationRequest | null>(null);
  const form = useContractForm({
    contract: AllocationRequest,
    toRequest,
    fieldOf,
    customMessages: ALLOCATION_MESSAGES,
    defaultValues: {
      programme: freeCare.some((p) => p.code === "malaria") ? "malaria" : (freeCare[0]?.code ?? ""),
      productId: "",
      sourceId: choices.sources[0]?.id ?? "",
      targetKind: "district",
      targetId: choices.districts[0]?.id ?? "",
      months: "3",
      basis: "amc",
      unitsPerPerson: "",
      populations: {},
    } as AllocationValues,
  });
  const [programme, targetKind, targetId, basis] = form.watch(["programme", "targetKind", "targetId", "basis"]);
  const products = useProducts(programme || null, programme !== "");
  const targets = useFacilitiesIn(
    { level: "cscom", ...(targetKind === "district" ? { districtId: targetId } : { regionId: targetId }) },
    basis === "population" && targetId !== "",
  );
  // Any change makes the preview stale; another kind of area starts from its first choice.
  useEffect(() => {
    const sub = form.watch((_, { name }) => {
      setRequest(null);
      send.reset();
      if (name === "targetKind") {
        const kind = form.getValues("targetKind");
        form.setValue("targetId", (kind === "district" ? choices.districts : choices.regions)[0]?.id ?? "");
        form.setValue("populations", {});
      }
    });
    return () => sub.unsubscribe();
  }, [form, choices, send]);
  return (
    <>
      <FormFrame form={form} onValid={setRequest} className="allocation-form" aria-labelledby="allocation-form-title">
        <h2 id="allocation-form-title" className="visually-hidden">
          {t("allocation.formTitle")}
        </h2>
        <AllocationFields
          programmes={freeCare}
          products={products.data ?? []}
          sources={choices.sources}
          districts={choices.districts}
          regions={choices.regions}
          targets={targets.data ?? []}
        />
        <FormActions submitLabel={t("allocation.preview")} pending={false} />
      </FormFrame>
      {request && <AllocationResult key={JSON.stringify(request)} request={request} onSend={send} />}
    </>
  );
}

/** The allocation page. */
export default function AllocationPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const programmes = useProgrammes();
  const facilities = useFacilities();
  const districts = useDistricts();
  const regions = useRegions();
  const choices = useMemo(
    () => scopeChoices(me, facilities.data?.items ?? [], districts.data ?? [], regions.data ?? []),
    [me, facilities.data, districts.data, regions.data],
  );
  if (programmes.isPending || facilities.isPending || districts.isPending || regions.isPending) return <Loading />;
  const failed = [programmes, facilities, districts, regions].find((q) => q.isError);
  if (failed) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  return (
    <div className="page allocation-page">
      <div className="page-head">
        <div>
          <h1>{t("allocation.title")}</h1>
          <p className="muted">{t("allocation.intro")}</p>
        </div>
      </div>
      <AllocationForm choices={choices} freeCare={(programmes.data ?? []).filter((p) => p.kind === "free_care")} />
    </div>
  );
}
