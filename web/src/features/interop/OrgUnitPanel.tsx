/**
 * Facilities from a DHIS2 organisation-unit export (JSON): the levels that are Fura's regions, districts, CSComs and
 * ASC sites, an optional part of the tree, a preview of what would be created, updated or refused and why, then
 * the apply — accepted only for the plan previewed (its hash), all or nothing.
 */
import { dynamicText } from "../../i18n/keys";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  OrgUnitImportPreview,
  OrgUnitImportRequest,
  OrgUnitImportResult,
  OrgUnitPlanRow,
} from "@shared/contracts/interop";
import { previewOrgUnitImport, useApplyOrgUnitImport } from "../../api/interop";
import { InteropError } from "./InteropError";
import { MAX_FILE_BYTES } from "./readFile";

interface Levels {
  region: number;
  district: number;
  cscom: number;
  asc: number;
}

/** The request from the file's text and the levels; an error message key when the file is not an export. */
function requestOf(text: string, levels: Levels, rootUid: string): OrgUnitImportRequest | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null || !("organisationUnits" in parsed)) return null;
  return {
    export: parsed as OrgUnitImportRequest["export"],
    levels: {
      region: levels.region,
      district: levels.district,
      facilities: { [String(levels.cscom)]: "cscom", [String(levels.asc)]: "asc" },
    },
    ...(rootUid.trim() ? { rootUid: rootUid.trim() } : {}),
  };
}

/** The org-unit import tab. */
export function OrgUnitPanel() {
  const { t } = useTranslation();
  const apply = useApplyOrgUnitImport();
  const [file, setFile] = useState<File | null>(null);
  const [levels, setLevels] = useState<Levels>({ region: 2, district: 3, cscom: 4, asc: 5 });
  const [rootUid, setRootUid] = useState("");
  const [request, setRequest] = useState<OrgUnitImportRequest | null>(null);
  const [preview, setPreview] = useState<OrgUnitImportPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const runPreview = async () => {
    if (!file) return;
    setProblem(null);
    setError(null);
    setPreview(null);
    apply.reset();
    if (file.size > MAX_FILE_BYTES) return setProblem(t("interop.sheet.tooBig", { mb: 15 }));
    const req = requestOf(await file.text(), levels, rootUid);
    if (!req) return setProblem(t("interop.orgUnitsScreen.notJson"));
    setBusy(true);
    try {
      setRequest(req);
      setPreview(await previewOrgUnitImport(req));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="interop-section" aria-labelledby="ou-title" data-testid="org-unit-import">
      <h2 id="ou-title">{t("interop.orgUnitsScreen.title")}</h2>
      <p className="muted small">{t("interop.orgUnitsScreen.hint")}</p>
      <OrgUnitInputs
        levels={levels}
        setLevels={setLevels}
        rootUid={rootUid}
        setRootUid={setRootUid}
        setFile={setFile}
      />
      <div className="actions-row">
        <button type="button" className="button" disabled={!file || busy} onClick={() => void runPreview()}>
          {t("interop.orgUnitsScreen.preview")}
        </button>
        {preview && request && (
          <button
            type="button"
            className="button button-primary"
            disabled={preview.counts.error > 0 || apply.isPending || apply.isSuccess}
            onClick={() => apply.mutate({ ...request, expectedPlanHash: preview.planHash })}
          >
            {t("interop.orgUnitsScreen.apply")}
          </button>
        )}
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <InteropError error={error} />
      <InteropError error={apply.error} />
      {apply.data && <OrgUnitApplied result={apply.data} />}
      {preview && <OrgUnitPreview preview={preview} />}
    </section>
  );
}

/** The file, the levels of the tree that are Fura's regions, districts, CSComs and ASC sites, and an optional root. */
function OrgUnitInputs(props: {
  levels: Levels;
  setLevels: (update: (l: Levels) => Levels) => void;
  rootUid: string;
  setRootUid: (uid: string) => void;
  setFile: (file: File | null) => void;
}) {
  const { levels, setLevels, rootUid, setRootUid, setFile } = props;
  const { t } = useTranslation();
  const level = (k: keyof Levels, label: string) => (
    <div className="field interop-level">
      <label htmlFor={`ou-level-${k}`}>{label}</label>
      <input
        id={`ou-level-${k}`}
        type="number"
        min={1}
        max={20}
        value={levels[k]}
        onChange={(e) => setLevels((l) => ({ ...l, [k]: Number(e.target.value) }))}
      />
    </div>
  );
  return (
    <div className="entry-fields">
      <div className="field field-grow">
        <label htmlFor="ou-file">{t("interop.orgUnitsScreen.file")}</label>
        <input
          id="ou-file"
          type="file"
          accept=".json,application/json"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      {level("region", t("interop.orgUnitsScreen.regionLevel"))}
      {level("district", t("interop.orgUnitsScreen.districtLevel"))}
      {level("cscom", t("interop.orgUnitsScreen.cscomLevel"))}
      {level("asc", t("interop.orgUnitsScreen.ascLevel"))}
      <div className="field">
        <label htmlFor="ou-root">{t("interop.orgUnitsScreen.rootUid")}</label>
        <input id="ou-root" value={rootUid} maxLength={11} onChange={(e) => setRootUid(e.target.value)} />
      </div>
    </div>
  );
}

/** What the apply did: facilities created and updated, and those left without a supplier. */
function OrgUnitApplied({ result }: { result: OrgUnitImportResult }) {
  const { t } = useTranslation();
  return (
    <div className="note" role="status" data-testid="org-units-applied">
      <p>
        {t("interop.orgUnitsScreen.applied", {
          created: result.created.length,
          updated: result.updated.length,
        })}
      </p>
      {result.withoutSupplier.length > 0 && (
        <p>{t("interop.orgUnitsScreen.withoutSupplier", { ids: result.withoutSupplier.join(", ") })}</p>
      )}
    </div>
  );
}

function OrgUnitPreview({ preview }: { preview: OrgUnitImportPreview }) {
  const { t } = useTranslation();
  const shown = preview.rows.filter((r) => r.action !== "ignored");
  return (
    <div data-testid="org-unit-preview">
      <p>{t("interop.orgUnitsScreen.counts", preview.counts)}</p>
      {preview.counts.error > 0 && <p className="form-error">{t("interop.orgUnitsScreen.blocked")}</p>}
      <div className="table-scroll">
        <table className="table small">
          <thead>
            <tr>
              <th scope="col">{t("interop.orgUnitsScreen.name")}</th>
              <th scope="col">{t("interop.orgUnitsScreen.code")}</th>
              <th scope="col">{t("interop.orgUnitsScreen.action")}</th>
              <th scope="col">{t("interop.orgUnitsScreen.facility")}</th>
              <th scope="col">{t("interop.orgUnitsScreen.changes")}</th>
              <th scope="col">{t("interop.orgUnitsScreen.problems")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <OrgUnitRow key={r.uid} row={r} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function OrgUnitRow({ row }: { row: OrgUnitPlanRow }) {
  const { t } = useTranslation();
  const value = (v: string | number | boolean | null) => (v === null ? "—" : String(v));
  return (
    <tr data-action={row.action}>
      <td>
        {row.name} <span className="muted small">({row.uid})</span>
      </td>
      <td>{row.code ?? "—"}</td>
      <td>{t(`interop.orgUnitsScreen.actionOf.${row.action}`)}</td>
      <td>
        {row.facilityId ?? "—"}
        {row.matchedBy && (
          <span className="muted small"> ({t(`interop.orgUnitsScreen.matched.${row.matchedBy}`)})</span>
        )}
      </td>
      <td>
        {row.changes.map((c) => (
          <div key={c.field}>
            {c.field} : {value(c.before)} → {value(c.after)}
          </div>
        ))}
      </td>
      <td>
        {[...row.errors, ...row.warnings].map((p, i) => (
          <div key={`${p.code}-${i}`} className={i < row.errors.length ? "field-error" : "muted"}>
            {dynamicText(t, `interop.${p.code}`, p.values)}
          </div>
        ))}
      </td>
    </tr>
  );
}
