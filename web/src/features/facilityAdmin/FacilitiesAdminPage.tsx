/**
 * /admin/etablissements: the facilities the user may edit (every one for the administrator, their region's for a
 * regional manager) — search by name or code, level and state; create one (its position picked on the map), edit
 * its record and suppliers, close it (it keeps its history, gets no orders or routes) or reopen it.
 */
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "@shared/contracts/auth";
import { FacilityLevel, type Facility, type FacilityDetail } from "@shared/contracts/reference";
import { useMe } from "../../api/auth";
import { useFacilityPage, useUpdateFacility } from "../../api/facilityAdmin";
import { useDistricts, useFacility, useRegions } from "../../api/reference";
import { ActionError } from "../../components/ActionError";
import { Pager } from "../../components/Pager";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { FilterSelect } from "../../lib/forms/filters";
import { SheetsPanel } from "../../components/SheetsPanel";
import { FacilitiesTable } from "./FacilitiesTable";
import { FacilityCreateForm, FacilityEditForm } from "./FacilityForm";

const PAGE_SIZE = 50;
const STATUSES = ["open", "closed", "all"] as const;

/** Name or code (applied on submit), level and state (at once), kept in the URL. */
function Filters() {
  const { t } = useTranslation();
  const [params, update] = useSearchState();
  const [q, setQ] = useState(params.get("q") ?? "");
  const label = {
    open: t("facilityAdmin.statusOpen"),
    closed: t("facilityAdmin.statusClosed"),
    all: t("facilityAdmin.statusAll"),
  };
  return (
    <form
      className="toolbar"
      role="search"
      aria-label={t("facilityAdmin.search")}
      onSubmit={(e) => {
        e.preventDefault();
        update({ q: q.trim() || null, page: null });
      }}
    >
      <div className="field">
        <label htmlFor="facilities-q">{t("facilityAdmin.q")}</label>
        <input id="facilities-q" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      </div>
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
      <button type="submit" className="button button-primary">
        {t("facilityAdmin.submitSearch")}
      </button>
    </form>
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
  const [params, update] = useSearchState();
  const placeOf = usePlaceOf();
  const offset = Math.max(0, (Number(params.get("page") ?? "1") - 1) * PAGE_SIZE) || 0;
  const status = STATUSES.find((s) => s === params.get("status")) ?? "open";
  const page = useFacilityPage({
    q: params.get("q") || undefined,
    level: params.get("level") || undefined,
    regionId: me.role === "regional_manager" ? (me.scopeRegionId ?? undefined) : undefined,
    status,
    limit: PAGE_SIZE,
    offset,
  });
  if (page.isPending) return <Loading />;
  if (page.isError) return <ErrorState error={page.error} onRetry={() => void page.refetch()} />;
  if (page.data.items.length === 0) return <EmptyState>{t("facilityAdmin.empty")}</EmptyState>;
  return (
    <div className={page.isPlaceholderData ? "is-stale" : undefined}>
      <p className="muted small">{t("facilityAdmin.count", { count: page.data.total })}</p>
      <FacilitiesTable rows={page.data.items} onEdit={onEdit} placeOf={placeOf} />
      <Pager
        offset={offset}
        count={page.data.items.length}
        total={page.data.total}
        pageSize={PAGE_SIZE}
        onPage={(o) => update({ page: String(o / PAGE_SIZE + 1) })}
        label={t("facilityAdmin.caption")}
      />
    </div>
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
  const [panel, setPanel] = useState<"new" | string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!me.data) return <Loading />;
  const done = (text: string) => {
    setNotice(text);
    setPanel(null);
  };
  return (
    <div className="page facilities-admin-page">
      <div className="page-head">
        <div>
          <h1>{t("facilityAdmin.title")}</h1>
          <p className="muted">{t("facilityAdmin.intro")}</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setPanel("new")}>
          {t("facilityAdmin.newOpen")}
        </button>
      </div>
      <p className="notice" role="status" aria-live="polite" data-testid="notice">
        {notice}
      </p>
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
    </div>
  );
}
