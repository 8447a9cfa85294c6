/** One report line: A, B, C, D (split by reason below the row), E, stock-out days and the balance difference, checked as typed. */
import { isOutflowReason } from "@shared/domain/stock/reasons";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { detailText } from "../../i18n/errors";
import { reasonLabel } from "../../i18n/keys";
import { type Field, type LineEdit, type LineState, type Problem } from "./reportDraft";

/** Props: the line's state, its strength, whether it can be edited, its edit, and whether the D detail is open. */
export interface ReportLineRowProps {
  state: LineState;
  strength: string;
  editable: boolean;
  edit: LineEdit | undefined;
  onEdit: (edit: LineEdit) => void;
  open: boolean;
  onToggle: () => void;
}

/** Id of a line's input (fields and reasons), for labels, errors and focus. */
export const inputId = (lineId: number, name: string) => `rl-${lineId}-${name}`;

/** A problem in the reader's language: a form key, or a report check of shared/domain. */
function ProblemText({ id, problem }: { id: string; problem: Problem | undefined }) {
  const { t, i18n } = useTranslation();
  if (!problem) return null;
  return (
    <span id={id} className="field-error">
      {"values" in problem ? detailText(t, problem, i18n.language) : t(problem.key)}
    </span>
  );
}

/** A number cell: an input while editable, else the value. */
function NumberCell({
  state,
  field,
  editable,
  onChange,
  name,
}: {
  state: LineState;
  field: Field;
  editable: boolean;
  onChange: (text: string) => void;
  name: string;
}) {
  const { t, i18n } = useTranslation();
  const id = inputId(state.line.id, field);
  const problem = state.problems[field];
  if (!editable) return <td className="num">{formatNumber(state.line[field], i18n.language)}</td>;
  return (
    <td className="num">
      <input
        id={id}
        className="qty-input report-input"
        inputMode="numeric"
        value={state.text[field]}
        aria-label={t("monthlyReport.inputLabel", { column: t(`monthlyReport.colHint.${field}`), name })}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <ProblemText id={`${id}-error`} problem={problem} />
    </td>
  );
}

/** The balance difference E − (A + B − C + D), flagged when not zero. */
function MismatchCell({ state }: { state: LineState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (state.mismatch === null) return <td className="num muted">—</td>;
  if (state.mismatch === 0) {
    return (
      <td className="num" data-mismatch="0">
        <span className="muted">0</span>
      </td>
    );
  }
  const expected = state.values.closing! - state.mismatch;
  const signed = `${state.mismatch > 0 ? "+" : "−"}${formatNumber(Math.abs(state.mismatch), lang)}`;
  return (
    <td className="num" data-mismatch={state.mismatch}>
      <strong className="badge badge-stockout mismatch-badge" title={t("monthlyReport.mismatchTitle")}>
        {t("monthlyReport.mismatchShort", { diff: signed })}
      </strong>
      <span className="muted small block">{t("monthlyReport.expected", { qty: formatNumber(expected, lang) })}</span>
    </td>
  );
}

/** D's inputs by reason, in a row under the line. */
function AdjustmentsDetail({
  state,
  editable,
  onReason,
  name,
}: {
  state: LineState;
  editable: boolean;
  onReason: (reason: string, text: string) => void;
  name: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <tr className="explain-row">
      <td colSpan={8}>
        <div id={`adj-${state.line.id}`} className="reason-grid">
          <p className="small muted reason-grid-hint">{t("monthlyReport.reasonsHint")}</p>
          {Object.keys(state.reasonText).map((reason) => {
            const id = inputId(state.line.id, `reason-${reason}`);
            const problem = state.problems[`reason.${reason}`];
            const label = reasonLabel(t, reason);
            return (
              <div key={reason} className="field">
                <label htmlFor={id}>
                  {label}
                  {isOutflowReason(reason) && <span className="muted small"> {t("monthlyReport.negative")}</span>}
                </label>
                {editable ? (
                  <input
                    id={id}
                    className="qty-input"
                    inputMode="text"
                    value={state.reasonText[reason]}
                    aria-label={t("monthlyReport.reasonLabel", { reason: label, name })}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? `${id}-error` : undefined}
                    onChange={(e) => onReason(reason, e.target.value)}
                  />
                ) : (
                  <span id={id}>{formatNumber(Number(state.reasonText[reason]), i18n.language)}</span>
                )}
                <ProblemText id={`${id}-error`} problem={problem} />
              </div>
            );
          })}
        </div>
      </td>
    </tr>
  );
}

/** One line of the report (a tbody: the line, and D's detail when open). */
export function ReportLineRow({ state, strength, editable, edit, onEdit, open, onToggle }: ReportLineRowProps) {
  const { t, i18n } = useTranslation();
  const { line } = state;
  const name = `${line.genericName} ${strength}`.trim();
  const current: LineEdit = edit ?? { fields: {}, reasons: {} };
  const setField = (field: Field, text: string) => onEdit({ ...current, fields: { ...current.fields, [field]: text } });
  const setReason = (reason: string, text: string) =>
    onEdit({ ...current, reasons: { ...current.reasons, [reason]: text } });
  const reasonProblem = Object.keys(state.problems).some((k) => k.startsWith("reason."));
  const cell = (field: Field) => (
    <NumberCell
      state={state}
      field={field}
      editable={editable}
      onChange={(text) => setField(field, text)}
      name={name}
    />
  );
  return (
    <tbody
      className={state.dirty ? "report-line is-dirty" : "report-line"}
      data-line-id={line.id}
      data-product-id={line.productId}
    >
      <tr className={state.mismatch ? "has-mismatch" : undefined}>
        <th scope="row" className="product-cell">
          {name}
          <span className="muted small">
            {line.productCode} ·{" "}
            {t(`monthlyReport.fundingShort.${line.fundingSource === "cost_recovery" ? "cost_recovery" : "free_care"}`)}
          </span>
          {state.dirty && <span className="small dirty-mark">{t("monthlyReport.unsaved")}</span>}
        </th>
        {cell("opening")}
        {cell("received")}
        {cell("consumed")}
        <td className="num">
          <button
            type="button"
            className={reasonProblem ? "link-button field-error" : "link-button"}
            aria-expanded={open}
            aria-controls={`adj-${line.id}`}
            aria-label={t("monthlyReport.adjustmentsFor", { name })}
            onClick={onToggle}
          >
            {state.adjustments === null ? "?" : formatNumber(state.adjustments, i18n.language)} {open ? "▴" : "▾"}
          </button>
        </td>
        {cell("closing")}
        {cell("stockoutDays")}
        <MismatchCell state={state} />
      </tr>
      {open && <AdjustmentsDetail state={state} editable={editable} onReason={setReason} name={name} />}
    </tbody>
  );
}
