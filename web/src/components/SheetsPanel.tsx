/**
 * The spreadsheets of the reference data (the catalogue's, the facilities'): export (.xlsx, CSV); import a file — its preview lists
 * the new and changed rows with their changes and every error by row and column (in the interface language), and
 * the import applies only a file without errors, all or nothing.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { SheetApplied, SheetEntity, SheetIssueDto, SheetPreview } from "@shared/contracts/sheets";
import { exportUrl, readSheetFile, useApplySheet, usePreviewSheet, type SheetFile } from "../api/sheets";
import { issueText } from "../i18n/errors";
import { ActionError } from "./ActionError";
import { FilterSelect } from "../lib/forms/filters";
import { DataTable, type Column } from "../lib/table/DataTable";

type PlanRow = SheetPreview["rows"][number];
type Passwords = NonNullable<SheetApplied["temporaryPasswords"]>;

/**
 * The temporary passwords of the accounts a users sheet created: the import's answer holds them once (never stored),
 * so they stay on screen until the administrator says they are noted.
 */
function PasswordsView({ passwords, onDone }: { passwords: Passwords; onDone: () => void }) {
  const { t } = useTranslation();
  const columns: Column<Passwords[number]>[] = [
    { id: "username", header: t("catalogue.sheets.username"), rowHeader: true, cell: (p) => p.username },
    { id: "password", header: t("catalogue.sheets.password"), cell: (p) => <code>{p.password}</code> },
  ];
  return (
    <div data-testid="sheet-passwords" role="status">
      <h3>{t("catalogue.sheets.passwordsTitle")}</h3>
      <p>{t("catalogue.sheets.passwordsIntro")}</p>
      <DataTable
        columns={columns}
        rows={passwords}
        rowKey={(p) => p.username}
        caption={t("catalogue.sheets.passwordsCaption")}
        testId="sheet-passwords-table"
      />
      <button type="button" className="button" onClick={onDone}>
        {t("catalogue.sheets.passwordsDone")}
      </button>
    </div>
  );
}

/** The rows in error, with their reasons. */
function ErrorsTable({ errors }: { errors: SheetIssueDto[] }) {
  const { t } = useTranslation();
  const columns: Column<SheetIssueDto>[] = [
    { id: "row", header: t("catalogue.sheets.row"), numeric: true, cell: (e) => e.row },
    { id: "column", header: t("catalogue.sheets.column"), cell: (e) => e.column ?? "—" },
    {
      id: "reason",
      header: t("catalogue.sheets.reason"),
      cell: (e) => issueText(t, e.code, e.values),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={errors}
      rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
      caption={t("catalogue.sheets.errorsCaption")}
      testId="sheet-errors"
    />
  );
}

/** The new and changed rows, with what changes. */
function ChangesTable({ rows }: { rows: PlanRow[] }) {
  const { t } = useTranslation();
  const text = (v: unknown) => (v === null || v === "" ? t("catalogue.sheets.empty") : String(v));
  const columns: Column<PlanRow>[] = [
    { id: "row", header: t("catalogue.sheets.row"), numeric: true, cell: (r) => r.row },
    { id: "key", header: t("catalogue.sheets.key"), rowHeader: true, cell: (r) => r.key },
    {
      id: "status",
      header: t("catalogue.sheets.status"),
      cell: (r) => t(`catalogue.sheets.status_${r.status as "new" | "changed"}`),
    },
    {
      id: "changes",
      header: t("catalogue.sheets.changesTitle"),
      cell: (r) => (
        <ul className="plain-list small">
          {r.changes.map((c) => (
            <li key={c.field}>
              {t("catalogue.sheets.change", { field: c.field, before: text(c.before), after: text(c.after) })}
            </li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.row}
      caption={t("catalogue.sheets.changesCaption")}
      testId="sheet-changes"
    />
  );
}

/** The preview of a file and its apply button. */
function PreviewView({
  file,
  preview,
  onApplied,
}: {
  file: SheetFile;
  preview: SheetPreview;
  onApplied: (text: string, passwords: Passwords) => void;
}) {
  const { t } = useTranslation();
  const apply = useApplySheet();
  const changed = preview.rows.filter((r) => r.status === "new" || r.status === "changed");
  return (
    <div data-testid="sheet-preview">
      <p>
        <strong>{t("catalogue.sheets.counts", preview.counts)}</strong>
      </p>
      {preview.errors.length > 0 && (
        <>
          <h4>{t("catalogue.sheets.errorsTitle")}</h4>
          <ErrorsTable errors={preview.errors} />
        </>
      )}
      {changed.length > 0 && <ChangesTable rows={changed} />}
      <div className="actions-row">
        <button
          type="button"
          className="button button-primary"
          disabled={preview.errors.length > 0 || apply.isPending}
          onClick={() =>
            apply.mutate(
              { ...file, expectedPlanHash: preview.planHash },
              {
                onSuccess: (a) =>
                  onApplied(t("catalogue.sheets.applied", { count: a.written }), a.temporaryPasswords ?? []),
              },
            )
          }
        >
          {apply.isPending ? t("catalogue.sheets.applying") : t("catalogue.sheets.apply")}
        </button>
        {apply.error && <ActionError error={apply.error} />}
      </div>
    </div>
  );
}

/** The choice of sheet (none shown when there is only one). */
function EntityChoice(props: {
  entities: readonly SheetEntity[];
  value: SheetEntity;
  onChange: (entity: SheetEntity) => void;
}) {
  const { t } = useTranslation();
  if (props.entities.length < 2) return null;
  return (
    <FilterSelect
      id="sheet-entity"
      label={t("catalogue.sheets.entity")}
      value={props.value}
      onChange={(e) => props.onChange(e as SheetEntity)}
      options={props.entities.map((e) => ({ value: e, label: t(`catalogue.sheets.${e}`) }))}
    />
  );
}

/** Export links and the import of the sheets given (the catalogue's by default; one sheet: no choice shown). */
export function SheetsPanel({
  onDone,
  entities = ["products", "prices"],
  intro,
}: {
  onDone: (text: string) => void;
  entities?: readonly SheetEntity[];
  /** The panel's explanation (the catalogue's by default) */
  intro?: string;
}) {
  const { t } = useTranslation();
  const [entity, setEntity] = useState<SheetEntity>(entities[0] ?? "products");
  const [file, setFile] = useState<SheetFile | null>(null);
  // A new key empties the file input (after an import, or when the sheet changes).
  const [inputKey, setInputKey] = useState(0);
  const [passwords, setPasswords] = useState<Passwords>([]);
  const preview = usePreviewSheet();
  const choose = async (picked: File | undefined) => {
    preview.reset();
    setFile(picked ? await readSheetFile(entity, picked) : null);
  };
  return (
    <section className="admin-panel" aria-labelledby="sheets-title" data-testid="sheets-panel">
      <h2 id="sheets-title">{t("catalogue.sheets.title")}</h2>
      <p className="muted">{intro ?? t("catalogue.sheets.intro")}</p>
      <div className="toolbar">
        <EntityChoice
          entities={entities}
          value={entity}
          onChange={(e) => {
            setEntity(e);
            setFile(null);
            setInputKey((k) => k + 1);
            preview.reset();
          }}
        />
        <span className="actions-row">
          {t("catalogue.sheets.export")} :{" "}
          <a className="button button-small" href={exportUrl(entity, "xlsx")} download>
            .xlsx
          </a>
          <a className="button button-small" href={exportUrl(entity, "csv")} download>
            CSV
          </a>
        </span>
        <div className="field">
          <label htmlFor="sheet-file">{t("catalogue.sheets.file")}</label>
          <input
            key={inputKey}
            id="sheet-file"
            type="file"
            accept=".xlsx,.csv"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </div>
        <button
          type="button"
          className="button"
          disabled={!file || preview.isPending}
          onClick={() => file && preview.mutate(file)}
        >
          {preview.isPending ? t("catalogue.sheets.previewing") : t("catalogue.sheets.preview")}
        </button>
      </div>
      {preview.error && <ActionError error={preview.error} />}
      {passwords.length > 0 && <PasswordsView passwords={passwords} onDone={() => setPasswords([])} />}
      {file && preview.data && (
        <PreviewView
          file={file}
          preview={preview.data}
          onApplied={(text, created) => {
            setPasswords(created);
            setFile(null);
            setInputKey((k) => k + 1);
            preview.reset();
            onDone(text);
          }}
        />
      )}
    </section>
  );
}
