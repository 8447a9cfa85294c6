/**
 * /admin/etablissements: the facilities the user may edit (every one for the administrator, their region's for a
 * regional manager) — search by name or code, level and state; create one (its position picked on the map), edit
 * its record and suppliers, close it (it keeps its history, gets no orders or routes) or reopen it.
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "@shared/contracts/auth";
import { FacilityLevel, type Facility, type FacilityDetail } from "@shared/contracts/reference";
import { useMe } from "../../api/auth";
import { useFacilityPage, useUpdateFacility } from "../../api/facilityAdmin";
import { useDistricts, useFacility, useRegions } from "../../api/reference";
import { ActionError } from "../../components/ActionError";
import { ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { FilterSelect } from "../../lib/forms/filters";
import {
  ADMIN_PAGE_SIZE,
  AdminPageShell,
  PagedList,
  SearchToolbar,
  useAdminPanel,
  usePageOffset,
} from "../../lib/adminPage";
import { SheetsPanel } from "../../components/SheetsPanel";
import { FacilitiesTable } from "./FacilitiesTable";
import { FacilityCreateForm, FacilityEditForm } from "./FacilityForm";

const STATUSES = ["open", "closed", "all"] as const;

/** Name or code (applied on submit), level and state (at once), kept in the URL. */
function Filters() {
  const { t } = useTranslation();
  const [params, update] = useSearchState();
  const label = {
    open: t("facilityAdmin.statusOpen"),
    closed: t("facilityAdmin.statusClosed"),
    all: t("facilityAdmin.statusAll"),
  };
  return (
    <SearchToolbar
      id="facilities-q"
      label={t("facilityAdmin.search")}
      qLabel={t("facilityAdmin.q")}
      submitLabel={t("facilityAdmin.submitSearch")}
    >
      <FilterSelect
        id="facilities-level"
        label={t("facilityAdmin.level")}
        value={params.get("level") ?? ""}
        onChange={(level) => update({ level, page: null })}
        options={FacilityLevel.options.map((l) => ({ value: l, label: t(`level.${l}`) }))}
        placeholder={t("facilityAdmin.anyLevel")}
      />
      <FilterSelect
        id="facilities-status"
        label={t("facilityAdmin.status")}
        value={params.get("status") ?? "open"}
        onChange={(status) => update({ status: status === "open" ? null : status, page: null })}
        options={STATUSES.map((s) => ({ value: s, label: label[s] }))}
      />
    </SearchToolbar>
  );
}

/** The district, else region, of a facility in words. */
function usePlaceOf() {
  const regions = useRegions();
  const districts = useDistricts();
  return useMemo(() => {
    const names = new Map([...(regions.data ?? []), ...(districts.data ?? [])].map((a) => [a.id, a.name]));
    return (f: Facility) => names.get(f.districtId ?? f.regionId) ?? f.districtId ?? f.regionId;
  }, [regions.data, districts.data]);
}

/** The list under the filters (a regional manager's: their region's). */
function FacilityList({ me, onEdit }: { me: Me; onEdit: (f: Facility) => void }) {
  const { t } = useTranslation();
  const [params] = useSearchState();
  const placeOf = usePlaceOf();
  const offset = usePageOffset();
  const status = STATUSES.find((s) => s === params.get("status")) ?? "open";
  const page = useFacilityPage({
    q: params.get("q") || undefined,
    level: params.get("level") || undefined,
    regionId: me.role === "regional_manager" ? (me.scopeRegionId ?? undefined) : undefined,
    status,
    limit: ADMIN_PAGE_SIZE,
    offset,
  });
  return (
    <PagedList
      query={page}
      offset={offset}
      empty={t("facilityAdmin.empty")}
      count={(count) => t("facilityAdmin.count", { count })}
      label={t("facilityAdmin.caption")}
    >
      {(items) => <FacilitiesTable rows={items} onEdit={onEdit} placeOf={placeOf} />}
    </PagedList>
  );
}

/** Close (after confirming) or reopen. */
function OpenClose({ facility, onDone }: { facility: FacilityDetail; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const update = useUpdateFacility();
  const toggle = () => {
    if (facility.active && !window.confirm(t("facilityAdmin.closeConfirm", { name: facility.name }))) return;
    update.mutate(
      { id: facility.id, body: { active: !facility.active } },
      { onSuccess: (f) => onDone(f.active ? t("facilityAdmin.reopened") : t("facilityAdmin.closedDone")) },
    );
  };
  return (
    <div className="actions-row">
      <button
        type="button"
        className="button"
        onClick={toggle}
        disabled={update.isPending}
        data-testid="facility-toggle"
      >
        {facility.active ? t("facilityAdmin.closeFacility") : t("facilityAdmin.reopen")}
      </button>
      {update.error && <ActionError error={update.error} />}
    </div>
  );
}

/** The panel of one facility: its record, then open / close. */
function EditPanel({
  me,
  id,
  onClose,
  onDone,
}: {
  me: Me;
  id: string;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const facility = useFacility(id);
  if (facility.isPending) return <Loading />;
  if (facility.isError) return <ErrorState error={facility.error} />;
  return (
    <section className="admin-panel" aria-labelledby="facility-edit-title" data-testid="facility-panel">
      <div className="page-head">
        <h2 id="facility-edit-title">{t("facilityAdmin.editTitle", { name: facility.data.name })}</h2>
        <button type="button" className="button button-small" onClick={onClose}>
          {t("facilityAdmin.close")}
        </button>
      </div>
      <FacilityEditForm me={me} facility={facility.data} onDone={() => onDone(t("facilityAdmin.saved"))} />
      <OpenClose facility={facility.data} onDone={onDone} />
    </section>
  );
}

/** The page. */
export default function FacilitiesAdminPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { panel, setPanel, notice, done } = useAdminPanel<string>();
  if (!me.data) return <Loading />;
  return (
    <AdminPageShell
      className="facilities-admin-page"
      title={t("facilityAdmin.title")}
      intro={t("facilityAdmin.intro")}
      newLabel={t("facilityAdmin.newOpen")}
      onNew={() => setPanel("new")}
      notice={notice}
    >
      {panel === "new" && (
        <section className="admin-panel" aria-labelledby="facility-new-title">
          <h2 id="facility-new-title">{t("facilityAdmin.newTitle")}</h2>
          <FacilityCreateForm me={me.data} onDone={(f) => done(t("facilityAdmin.created", { name: f.name }))} />
        </section>
      )}
      {panel !== null && panel !== "new" && (
        <EditPanel key={panel} me={me.data} id={panel} onClose={() => setPanel(null)} onDone={done} />
      )}
      <Filters />
      <FacilityList me={me.data} onEdit={(f) => setPanel(f.id)} />
      <SheetsPanel entities={["facilities"]} intro={t("facilityAdmin.sheetsIntro")} onDone={done} />
    </AdminPageShell>
  );
}
