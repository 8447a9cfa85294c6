/** One report: its state and timeliness, the lines (editable while a draft), save and submit, then the order it leads to. */
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useProducts, useProgrammes } from "../../api/reference";
import { useReport } from "../../api/reports";
import { ErrorState, Loading } from "../../components/States";
import { formatDate, formatPeriod } from "../../i18n/format";
import { OrderFromReportCard } from "./OrderFromReportCard";
import { ReportActions } from "./ReportActions";
import { ReportLinesTable } from "./ReportLinesTable";
import { lineStates, type ReportDraft } from "./reportDraft";

/** Props: the report, its due date, and whether the user may edit and send it. */
export interface ReportViewProps {
  reportId: number;
  dueDate: string;
  canWrite: boolean;
}

/** The report's identity line: status, source, due date, submission and its timeliness, live mismatch count. */
function ReportFacts({
  report,
  mismatches,
}: {
  report: NonNullable<ReturnType<typeof useReport>["data"]>;
  mismatches: number;
}) {
  const { t } = useTranslation();
  const state = report.status === "draft" ? "draft" : report.onTime === false ? "late" : "on_time";
  return (
    <dl className="facts report-facts" data-testid="report-facts">
      <div>
        <dt>{t("monthlyReport.status")}</dt>
        <dd>
          <span className={`badge report-${state}`} data-testid="report-status" data-report-state={state}>
            {t(`reportState.${state}`)}
          </span>
          {report.submittedAt && (
            <span className="muted small block">
              {t("monthlyReport.submittedOn", { date: formatDate(report.submittedAt) })}
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>{t("monthlyReport.due")}</dt>
        <dd>{formatDate(report.dueDate)}</dd>
      </div>
      <div>
        <dt>{t("monthlyReport.source")}</dt>
        <dd>{t(`monthlyReport.sources.${report.source}`)}</dd>
      </div>
      <div>
        <dt>{t("monthlyReport.mismatches")}</dt>
        <dd data-testid="mismatch-count" className={mismatches > 0 ? "warn-text" : undefined}>
          {mismatches}
        </dd>
      </div>
    </dl>
  );
}

/** The report screen's body once the month has a report. */
export function ReportView({ reportId, dueDate, canWrite }: ReportViewProps) {
  const { t, i18n } = useTranslation();
  const report = useReport(reportId);
  const products = useProducts(null);
  const programmes = useProgrammes();
  const [draft, setDraft] = useState<ReportDraft>({});
  const [notice, setNotice] = useState<string | null>(null);
  const states = useMemo(() => (report.data ? lineStates(report.data, draft) : []), [report.data, draft]);
  const strengthOf = useMemo(() => new Map((products.data ?? []).map((p) => [p.id, p.strength])), [products.data]);
  const dirty = states.some((s) => s.dirty);
  // Typed figures not saved yet: the browser asks before leaving or reloading the page.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  if (report.isPending) return <Loading />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  const editable = canWrite && r.status === "draft";
  const mismatches = states.filter((s) => s.mismatch !== null && s.mismatch !== 0).length;
  return (
    <section className="report-view" aria-labelledby="report-title" data-report-id={r.id} data-report-status={r.status}>
      <h2 id="report-title">
        {t("monthlyReport.reportTitle", { period: formatPeriod(r.period, i18n.language), name: r.facilityName })}
      </h2>
      <ReportFacts report={r} mismatches={mismatches} />
      <p className="notice" role="status" aria-live="polite" data-testid="report-notice">
        {notice}
      </p>
      {editable && <p className="note">{t("monthlyReport.editHint")}</p>}
      <ReportLinesTable
        period={r.period}
        states={states}
        editable={editable}
        draft={draft}
        onDraft={setDraft}
        strengthOf={strengthOf}
        programmes={programmes.data ?? []}
      />
      {editable && (
        <ReportActions report={r} states={states} dueDate={dueDate} onSaved={() => setDraft({})} onNotice={setNotice} />
      )}
      {r.status === "submitted" && <OrderFromReportCard report={r} canWrite={canWrite} />}
    </section>
  );
}
