/**
 * "Quantification — Import d'historique" (/quantification/import): a CSV or .xlsx history file is checked on the
 * server (every issue with its row and column), then imported all or nothing — the file previewed, by its hash.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  HistoryFileUpload,
  HistoryImportBatch,
  HistoryImportPreview,
  HistoryIssue,
} from "@shared/contracts/quantification";
import { HISTORY_FILE_MAX_BYTES } from "@shared/contracts/quantification";
import { previewHistory, useApplyHistory, useHistoryImports } from "../../api/quantification";
import { ActionError } from "../../components/ActionError";
import { Loading } from "../../components/States";
import { formatDateTime, formatNumber, formatPeriod } from "../../i18n/format";
import { noteText } from "./notes";
import { QuantLayout } from "./QuantLayout";

/** A file's bytes as base64 (in slices: a large file would overflow String.fromCharCode's arguments). */
async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Row issues as a table. */
function IssuesTable({ issues, testId }: { issues: HistoryIssue[]; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-scroll lines-scroll" role="region" aria-label={t("quant.import.problem")} tabIndex={0}>
      <table className="table quant-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("quant.import.row")}
            </th>
            <th scope="col">{t("quant.import.column")}</th>
            <th scope="col">{t("quant.import.problem")}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((i, k) => (
            <tr key={k} data-row={i.row}>
              <td className="num">{i.row || "—"}</td>
              <td>{i.column ?? "—"}</td>
              <td>{noteText(i, "quant.import.issue", { t, lang: i18n.language })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The import screen. */
export default function ImportPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const imports = useHistoryImports();
  const apply = useApplyHistory();
  const [file, setFile] = useState<HistoryFileUpload | null>(null);
  const [preview, setPreview] = useState<HistoryImportPreview | null>(null);
  const [applied, setApplied] = useState<HistoryImportBatch | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reading, setReading] = useState(false);
  const [tooLarge, setTooLarge] = useState(false);
  const choose = async (chosen: File | undefined) => {
    setPreview(null);
    setApplied(null);
    setError(null);
    setFile(null);
    setTooLarge(false);
    if (!chosen) return;
    if (chosen.size > HISTORY_FILE_MAX_BYTES) return setTooLarge(true);
    setReading(true);
    try {
      const upload = { fileName: chosen.name, contentBase64: await toBase64(chosen) };
      setFile(upload);
      setPreview(await previewHistory(upload));
    } catch (e) {
      setError(e);
    } finally {
      setReading(false);
    }
  };
  const n = (v: number) => formatNumber(v, lang);
  return (
    <QuantLayout>
      <section className="quant-section">
        <h2>{t("quant.import.title")}</h2>
        <p className="small muted">{t("quant.import.intro")}</p>
        <div className="field">
          <label htmlFor="history-file">{t("quant.import.file")}</label>
          <input
            id="history-file"
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </div>
        {reading && <Loading label={t("quant.import.reading")} />}
        {tooLarge && <p className="form-error">{t("quant.import.tooLarge")}</p>}
        <ActionError error={error} />
        {preview && (
          <div data-testid="import-preview">
            {preview.issues.length > 0 && (
              <>
                <h3 className="warn-text">{t("quant.import.issuesTitle", { count: preview.issues.length })}</h3>
                <IssuesTable issues={preview.issues} testId="import-issues" />
              </>
            )}
            {preview.summary && (
              <p role="status">
                {t("quant.import.ready", {
                  records: n(preview.records),
                  from: formatPeriod(preview.summary.firstPeriod, lang),
                  to: formatPeriod(preview.summary.lastPeriod, lang),
                  facilities: n(preview.summary.facilities),
                  products: n(preview.summary.products),
                  inserted: n(preview.summary.inserted),
                  replaced: n(preview.summary.replaced),
                  unchanged: n(preview.summary.unchanged),
                })}
              </p>
            )}
            {preview.warnings.length > 0 && (
              <details>
                <summary>{t("quant.import.warningsTitle", { count: preview.warnings.length })}</summary>
                <IssuesTable issues={preview.warnings} testId="import-warnings" />
              </details>
            )}
            {preview.summary && file && !applied && (
              <button
                type="button"
                className="button button-primary"
                disabled={apply.isPending}
                onClick={() => apply.mutate({ ...file, expectedHash: preview.contentHash }, { onSuccess: setApplied })}
              >
                {t("quant.import.apply")}
              </button>
            )}
            <ActionError error={apply.error} />
            {applied && (
              <p role="status" className="notice" data-testid="import-applied">
                {t("quant.import.applied", {
                  id: applied.id,
                  inserted: n(applied.inserted),
                  replaced: n(applied.replaced),
                  unchanged: n(applied.unchanged),
                })}
              </p>
            )}
          </div>
        )}
      </section>
      <section className="quant-section">
        <h2>{t("quant.import.historyTitle")}</h2>
        {(imports.data ?? []).length === 0 ? (
          <p className="muted">{t("quant.import.none")}</p>
        ) : (
          <div className="table-scroll" role="region" aria-label={t("quant.import.historyTitle")} tabIndex={0}>
            <table className="table quant-table">
              <thead>
                <tr>
                  <th scope="col">{t("quant.import.at")}</th>
                  <th scope="col">{t("quant.import.fileName")}</th>
                  <th scope="col" className="num">
                    {t("quant.import.rows")}
                  </th>
                  <th scope="col">{t("quant.import.periods")}</th>
                </tr>
              </thead>
              <tbody>
                {imports.data!.map((b) => (
                  <tr key={b.id}>
                    <td className="nowrap">{formatDateTime(b.createdAt)}</td>
                    <th scope="row">{b.fileName}</th>
                    <td className="num">{n(b.rows)}</td>
                    <td>
                      {formatPeriod(b.firstPeriod, lang)} – {formatPeriod(b.lastPeriod, lang)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </QuantLayout>
  );
}
