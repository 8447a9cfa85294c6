/** A month without a report: create it (the server pre-fills every line from the CSCom's ledger). */
import { useTranslation } from "react-i18next";
import { useCreateReport } from "../../api/reports";
import { ActionError } from "../../components/ActionError";
import { EmptyState } from "../../components/States";
import { formatDate, formatPeriod } from "../../i18n/format";
import type { DuePeriod } from "./periods";

/** Props: the CSCom, the month (with its due date and state), and whether the user may create it. */
export interface CreateReportCardProps {
  facilityId: string;
  due: DuePeriod;
  canWrite: boolean;
}

/** The "create the report" card. */
export function CreateReportCard({ facilityId, due, canWrite }: CreateReportCardProps) {
  const { t, i18n } = useTranslation();
  const create = useCreateReport();
  const period = formatPeriod(due.period, i18n.language);
  if (!canWrite) return <EmptyState>{t("monthlyReport.noReportYet", { period })}</EmptyState>;
  return (
    <section className="action-card" aria-labelledby="create-report-title" data-testid="create-report">
      <h2 id="create-report-title">{t("monthlyReport.createTitle", { period })}</h2>
      <p className="small">{t("monthlyReport.createHint")}</p>
      <p className={due.state === "missing" ? "warn-text small" : "small"}>
        {due.state === "missing"
          ? t("monthlyReport.overdue", { date: formatDate(due.dueDate) })
          : t("monthlyReport.dueOn", { date: formatDate(due.dueDate) })}
      </p>
      <div className="actions-row">
        <ActionError error={create.error} />
        <button
          type="button"
          className="button button-primary"
          disabled={create.isPending}
          onClick={() => create.mutate({ facilityId, period: due.period })}
        >
          {create.isPending ? t("common.sending") : t("monthlyReport.create")}
        </button>
      </div>
    </section>
  );
}
