/** Save the draft (the changed lines, one idempotent write) and submit the report, with its timeliness shown before and after. */
import { isTextKey } from "../../i18n/keys";
import { useTranslation } from "react-i18next";
import type { Report } from "@shared/contracts/replenishment";
import { useSaveReportLines, useSubmitReport } from "../../api/reports";
import { ActionError } from "../../components/ActionError";
import { ImplausibleConfirm, implausibleItems } from "../../components/ImplausibleConfirm";
import { formatDate } from "../../i18n/format";
import { onTimeIfSubmitted } from "./periods";
import { pendingSave, type LineState } from "./reportDraft";
import { inputId } from "./ReportLineRow";

/** Props: the draft report, the line states, its due date, and what to do after a save or a submission. */
export interface ReportActionsProps {
  report: Report;
  states: LineState[];
  dueDate: string;
  onSaved: () => void;
  onNotice: (message: string) => void;
}

/** Moves the focus to the first field with a problem, when it is on the page shown. */
function focusFirstProblem(invalid: LineState[]) {
  const first = invalid[0];
  const field = first ? Object.keys(first.problems)[0] : undefined;
  if (!first || !field) return;
  document.getElementById(inputId(first.line.id, field.replace(/^reason\./, "reason-")))?.focus();
}

/** How many lines changed since the last save, and the first that cannot be saved as typed. */
function PendingSummary({ changed, invalid }: { changed: number; invalid: { line: { genericName: string } }[] }) {
  const { t } = useTranslation();
  return (
    <p className="small" data-testid="pending-summary">
      {changed === 0 ? t("monthlyReport.noChange") : t("monthlyReport.changed", { count: changed })}
      {invalid.length > 0 && (
        <strong className="warn-text">
          {" "}
          {t("monthlyReport.invalid", {
            count: invalid.length,
            names: invalid
              .slice(0, 3)
              .map((s) => s.line.genericName)
              .join(", "),
          })}
        </strong>
      )}
    </p>
  );
}

/** The save / submit card under the lines. */
export function ReportActions({ report, states, dueDate, onSaved, onNotice }: ReportActionsProps) {
  const { t } = useTranslation();
  const save = useSaveReportLines(report.id);
  const submit = useSubmitReport(report.id);
  const pending = pendingSave(states);
  const changed = pending.lines.length + pending.invalid.length;
  const mismatches = states.filter((s) => s.mismatch !== null && s.mismatch !== 0).length;
  const onTime = onTimeIfSubmitted(dueDate, new Date().toISOString().slice(0, 10));

  const onSave = (confirmImplausible = false) => {
    if (pending.invalid.length > 0) {
      focusFirstProblem(pending.invalid);
      return;
    }
    save.mutate(
      { lines: pending.lines, ...(confirmImplausible ? { confirmImplausible } : {}) },
      {
        onSuccess: (saved) => {
          onSaved();
          onNotice(t("monthlyReport.saved", { count: pending.lines.length, mismatches: saved.mismatches }));
        },
      },
    );
  };
  /** "lines.N.field" of the save → the product and the column, for the warning. */
  const labelOf = (path: string, field: string) => {
    const line = pending.lines[Number(path.split(".")[1])];
    const name = states.find((s) => s.line.productId === line?.productId)?.line.genericName ?? "";
    const key = `implausible.field.${field.replace(".", "_")}`;
    return `${name} — ${isTextKey(key) ? t(key) : field}`;
  };
  const onSubmit = () =>
    submit.mutate(
      {},
      {
        onSuccess: (sent) =>
          onNotice(sent.onTime === false ? t("monthlyReport.submittedLate") : t("monthlyReport.submittedOnTime")),
      },
    );

  return (
    <section className="action-card report-actions" aria-labelledby="report-actions-title" data-testid="report-actions">
      <h3 id="report-actions-title">{t("monthlyReport.actionsTitle")}</h3>
      <PendingSummary changed={changed} invalid={pending.invalid} />
      {mismatches > 0 && <p className="warn-text small">{t("monthlyReport.mismatchWarning", { count: mismatches })}</p>}
      <p className={onTime ? "small" : "warn-text small"} data-testid="timeliness">
        {onTime
          ? t("monthlyReport.willBeOnTime", { date: formatDate(dueDate) })
          : t("monthlyReport.willBeLate", { date: formatDate(dueDate) })}
      </p>
      <div className="actions-row">
        <ImplausibleConfirm
          error={save.error}
          pending={save.isPending}
          onConfirm={() => onSave(true)}
          label={(item) => labelOf(item.path, item.field)}
        />
        {!implausibleItems(save.error) && <ActionError error={save.error ?? submit.error} />}
        <button type="button" className="button" disabled={save.isPending || changed === 0} onClick={() => onSave()}>
          {save.isPending ? t("common.sending") : t("monthlyReport.save")}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={submit.isPending || changed > 0}
          onClick={onSubmit}
          title={changed > 0 ? t("monthlyReport.saveFirst") : undefined}
        >
          {submit.isPending ? t("common.sending") : t("monthlyReport.submit")}
        </button>
      </div>
      {changed > 0 && <p className="muted small">{t("monthlyReport.saveFirst")}</p>}
    </section>
  );
}
