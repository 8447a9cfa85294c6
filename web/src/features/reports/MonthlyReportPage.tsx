/**
 * "Mon rapport mensuel" /rapport: a CSCom's monthly report (CRGS) — pick the month (each with its
 * state), create the report pre-filled from the ledger, type the paper figures, save, submit, then
 * generate the order. A district pharmacist (or an administrator) reads a CSCom's report: ?cscom=ID.
 * URL: ?periode=YYYY-MM&cscom=
 */
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "@shared/contracts/auth";
import { useMe } from "../../api/auth";
import { useFacilitiesIn } from "../../api/reference";
import { useFacilityReports } from "../../api/reports";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { CreateReportCard } from "./CreateReportCard";
import { defaultPeriod, duePeriods } from "./periods";
import { PeriodPicker } from "./PeriodPicker";
import { ReportView } from "./ReportView";
import "./reports.css";

const todayIso = () => new Date().toISOString().slice(0, 10);
/** Before GET /reports answers (the page shows Loading meanwhile). */
const NO_REPORTS = { items: [], dueDays: 0 };

/** Roles that type and send a CSCom's report from this screen; the others read it. */
const WRITERS: readonly Me["role"][] = ["cscom_manager", "admin"];

/** The CSCom shown: the manager's own, else the one chosen among the CSComs in the reader's scope. */
function useCscom(me: Me, chosen: string | null) {
  const own = me.role === "cscom_manager" ? me.scopeFacilityId : null;
  const choices = useFacilitiesIn(
    { level: "cscom", districtId: me.role === "district_pharmacist" ? me.scopeDistrictId : null },
    own === null,
  );
  const list = useMemo(
    () => [...(choices.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, "fr")),
    [choices.data],
  );
  const facilityId = own ?? (chosen && list.some((f) => f.id === chosen) ? chosen : (list[0]?.id ?? null));
  return {
    facilityId,
    choices: own === null ? list : [],
    pending: own === null && choices.isPending,
    error: choices.isError ? choices : null,
  };
}

/** The monthly report page. */
export default function MonthlyReportPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [params, update] = useSearchState();
  const cscom = useCscom(me, params.get("cscom"));
  const reports = useFacilityReports(cscom.facilityId);
  const today = todayIso();
  const periods = useMemo(() => duePeriods(today, reports.data ?? NO_REPORTS), [today, reports.data]);
  const chosen = params.get("periode");
  const fallback = reports.data ? defaultPeriod(periods) : null;
  const period = chosen ?? fallback;
  // The month opened by default stays in the address: submitting its report must not move the page to
  // another month (the default is recomputed from the reports, and this one is no longer "without a report").
  useEffect(() => {
    if (chosen === null && fallback !== null) update({ periode: fallback });
  }, [chosen, fallback, update]);
  const current = periods.find((p) => p.period === period);
  const canWrite = WRITERS.includes(me.role);
  const facilityName =
    cscom.choices.find((f) => f.id === cscom.facilityId)?.name ?? reports.data?.items[0]?.facilityName;
  const failed = cscom.error ?? (reports.isError ? reports : null);

  return (
    <div className="page monthly-report-page">
      <div className="page-head">
        <div>
          <h1>
            {me.role === "cscom_manager"
              ? t("monthlyReport.title")
              : t("monthlyReport.titleOf", { name: facilityName ?? "…" })}
          </h1>
          <p className="muted">{t("monthlyReport.intro")}</p>
        </div>
      </div>
      <PeriodPicker
        periods={periods}
        period={period}
        cscoms={cscom.choices}
        cscomId={cscom.facilityId}
        onChange={update}
      />
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
      ) : cscom.pending || (cscom.facilityId !== null && reports.isPending) ? (
        <Loading />
      ) : cscom.facilityId === null ? (
        <EmptyState>{t("monthlyReport.noFacility")}</EmptyState>
      ) : !current ? (
        <EmptyState>{t("monthlyReport.noPeriod")}</EmptyState>
      ) : current.report ? (
        <ReportView
          key={current.report.id}
          reportId={current.report.id}
          dueDate={current.dueDate}
          canWrite={canWrite}
        />
      ) : (
        <CreateReportCard facilityId={cscom.facilityId} due={current} canWrite={canWrite} />
      )}
    </div>
  );
}
