/**
 * The mapping spreadsheet: choose what it holds and the file (CSV or .xlsx), preview what it would change row by
 * row with every error (row, column, reason), then apply it — all or nothing, the server checking it again.
 */
import { dynamicText } from "../../i18n/keys";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MappingImportPreview, MappingImportRequest } from "@shared/contracts/interop";
import { previewMappingImport, useMappingWrites } from "../../api/interop";
import { InteropError } from "./InteropError";
import { base64Of, isXlsx, MAX_FILE_BYTES } from "./readFile";

type Kind = MappingImportRequest["kind"];

/** Reads the chosen file into the import request. */
async function requestOf(kind: Kind, file: File): Promise<MappingImportRequest> {
  if (await isXlsx(file)) return { kind, xlsxBase64: await base64Of(file) };
  return { kind, csv: await file.text() };
}

/** The spreadsheet import of the mapping. */
export function SheetImport() {
  const { t } = useTranslation();
  const { applyImport } = useMappingWrites();
  const [kind, setKind] = useState<Kind>("dataElements");
  const [file, setFile] = useState<File | null>(null);
  const [request, setRequest] = useState<MappingImportRequest | null>(null);
  const [preview, setPreview] = useState<MappingImportPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const runPreview = async () => {
    if (!file) return;
    setError(null);
    setPreview(null);
    applyImport.reset();
    if (file.size > MAX_FILE_BYTES) return setError(new Error(t("interop.sheet.tooBig", { mb: 15 })));
    setBusy(true);
    try {
      const req = await requestOf(kind, file);
      setRequest(req);
      setPreview(await previewMappingImport(req));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="interop-section" aria-labelledby="sheet-title" data-testid="sheet-import">
      <h3 id="sheet-title">{t("interop.sheet.title")}</h3>
      <p className="muted small">{t("interop.sheet.hint")}</p>
      <SheetInputs
        kind={kind}
        setKind={setKind}
        setFile={(f) => {
          setFile(f);
          setPreview(null);
        }}
      />
      <div className="actions-row">
        <button type="button" className="button" disabled={!file || busy} onClick={() => void runPreview()}>
          {t("interop.sheet.preview")}
        </button>
        {preview && (
          <button
            type="button"
            className="button button-primary"
            disabled={preview.counts.error > 0 || applyImport.isPending || applyImport.isSuccess}
            onClick={() => request && applyImport.mutate(request)}
          >
            {t("interop.sheet.apply")}
          </button>
        )}
      </div>
      {error instanceof Error && !("code" in error) ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : (
        <InteropError error={error} />
      )}
      <InteropError error={applyImport.error} />
      {applyImport.data && (
        <p className="note" role="status" data-testid="sheet-applied">
          {t("interop.sheet.applied", applyImport.data.counts)}
        </p>
      )}
      {preview && <SheetPreview preview={preview} />}
    </section>
  );
}

/** What the sheet holds and the file. */
function SheetInputs(props: { kind: Kind; setKind: (k: Kind) => void; setFile: (f: File | null) => void }) {
  const { kind, setKind, setFile } = props;
  const { t } = useTranslation();
  return (
    <div className="entry-fields">
      <div className="field">
        <label htmlFor="sheet-kind">{t("interop.sheet.kind")}</label>
        <select id="sheet-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="dataElements">{t("interop.sheet.kindDataElements")}</option>
          <option value="orgUnits">{t("interop.sheet.kindOrgUnits")}</option>
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor="sheet-file">{t("interop.sheet.file")}</label>
        <input
          id="sheet-file"
          type="file"
          accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
    </div>
  );
}

/** The preview: counts, errors, then each row's change. */
function SheetPreview({ preview }: { preview: MappingImportPreview }) {
  const { t } = useTranslation();
  const show = (r: Record<string, string | null> | null) =>
    r
      ? Object.values(r)
          .filter((v) => v !== null && v !== "")
          .join(" · ")
      : "—";
  return (
    <div data-testid="sheet-preview">
      <p>{t("interop.sheet.counts", preview.counts)}</p>
      {preview.errors.length > 0 && (
        <>
          <p className="form-error">{t("interop.sheet.blocked")}</p>
          <table className="table small" data-testid="sheet-errors">
            <thead>
              <tr>
                <th scope="col">{t("interop.sheet.row")}</th>
                <th scope="col">{t("interop.sheet.column")}</th>
                <th scope="col">{t("interop.sheet.problem")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.errors.map((e, i) => (
                <tr key={`${e.row}-${i}`}>
                  <td>{e.row}</td>
                  <td>{e.column ?? "—"}</td>
                  <td>{dynamicText(t, `interop.${e.code}`, e.values)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="table-scroll">
        <table className="table small">
          <thead>
            <tr>
              <th scope="col">{t("interop.sheet.row")}</th>
              <th scope="col">{t("interop.sheet.status")}</th>
              <th scope="col">{t("interop.sheet.key")}</th>
              <th scope="col">{t("interop.sheet.before")}</th>
              <th scope="col">{t("interop.sheet.after")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.row} data-status={r.status}>
                <td>{r.row}</td>
                <td>{t(`interop.sheet.state.${r.status}`)}</td>
                <td>{r.key}</td>
                <td>{show(r.before)}</td>
                <td>{show(r.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
