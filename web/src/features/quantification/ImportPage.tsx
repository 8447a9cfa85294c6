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
import { DataTable, type Columns } from "../../lib/table/DataTable";
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

/** The chosen file: read, sent for a preview; what is shown while it is read, and what went wrong. */
function useHistoryFile() {
  const [file, setFile] = useState<HistoryFileUpload | null>(null);
  const [preview, setPreview] = useState<HistoryImportPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reading, setReading] = useState(false);
  const [tooLarge, setTooLarge] = useState(false);
  const choose = async (chosen: File | undefined) => {
    setPreview(null);
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
  return { file, preview, error, reading, tooLarge, choose };
}

/** What the file would import (or its issues), its warnings, and the button that imports it all or nothing. */
function ImportPreview({ file, preview }: { file: HistoryFileUpload; preview: HistoryImportPreview }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const apply = useApplyHistory();
  const [applied, setApplied] = useState<HistoryImportBatch | null>(null);
  const n = (v: number) => formatNumber(v, lang);
  const summary = preview.summary;
  return (
    <div data-testid="import-preview">
      {preview.issues.length > 0 && (
        <>
          <h3 className="warn-text">{t("quant.import.issuesTitle", { count: preview.issues.length })}</h3>
          <IssuesTable issues={preview.issues} testId="import-issues" />
        </>
      )}
      {summary && (
        <p role="status">
          {t("quant.import.ready", {
            records: n(preview.records),
            from: formatPeriod(summary.firstPeriod, lang),
            to: formatPeriod(summary.lastPeriod, lang),
            facilities: n(summary.facilities),
            products: n(summary.products),
            inserted: n(summary.inserted),
            replaced: n(summary.replaced),
            unchanged: n(summary.unchanged),
          })}
        </p>
      )}
      {preview.warnings.length > 0 && (
        <details>
          <summary>{t("quant.import.warningsTitle", { count: preview.warnings.length })}</summary>
          <IssuesTable issues={preview.warnings} testId="import-warnings" />
        </details>
      )}
      {summary && !applied && (
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
  );
}

/** The imports already applied. */
function ImportHistory() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const imports = useHistoryImports();
  const columns: Columns<HistoryImportBatch> = [
    { id: "at", header: t("quant.import.at"), className: "nowrap", cell: (b) => formatDateTime(b.createdAt) },
    { id: "file", header: t("quant.import.fileName"), rowHeader: true, cell: (b) => b.fileName },
    { id: "rows", header: t("quant.import.rows"), numeric: true, cell: (b) => formatNumber(b.rows, lang) },
    {
      id: "periods",
      header: t("quant.import.periods"),
      cell: (b) => `${formatPeriod(b.firstPeriod, lang)} – ${formatPeriod(b.lastPeriod, lang)}`,
    },
  ];
  return (
    <section className="quant-section">
      <h2>{t("quant.import.historyTitle")}</h2>
      <DataTable
        columns={columns}
        rows={imports.data ?? []}
        rowKey={(b) => b.id}
        label={t("quant.import.historyTitle")}
        className="quant-table"
        loading={imports.isPending}
        empty={t("quant.import.none")}
      />
    </section>
  );
}

/** The import screen. */
export default function ImportPage() {
  const { t } = useTranslation();
  const { file, preview, error, reading, tooLarge, choose } = useHistoryFile();
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
        {preview && file && <ImportPreview key={preview.contentHash} file={file} preview={preview} />}
      </section>
      <ImportHistory />
    </QuantLayout>
  );
}
