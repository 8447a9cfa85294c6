/** The audit entries: when, who (name and username), action, object, client and request id; before/after field by field on expand. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AuditEntryDto } from "@shared/contracts/audit";
import { formatDateTime } from "../../i18n/format";
import { auditActionLabel, auditObjectLabel } from "../../i18n/keys";
import { DataTable, type Column } from "../../lib/table/DataTable";

/** A value in a cell: text as it is, yes / no, a dash for nothing, anything else as compact JSON. */
function Value({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === "") return <span className="muted">—</span>;
  if (typeof value === "boolean") return <>{value ? t("audit.yes") : t("audit.no")}</>;
  if (typeof value === "string" || typeof value === "number") return <>{String(value)}</>;
  return <code className="json-inline">{JSON.stringify(value)}</code>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Before and after of an entry, field by field (the fields that changed first and marked), or whole when not records. */
function BeforeAfter({ entry }: { entry: AuditEntryDto }) {
  const { t } = useTranslation();
  const before = isRecord(entry.before) ? entry.before : {};
  const after = isRecord(entry.after) ? entry.after : {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = (f: string) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null);
  const ordered = [...fields.filter(changed), ...fields.filter((f) => !changed(f))];
  const whole = !isRecord(entry.before) && !isRecord(entry.after);
  return (
    <div id={`audit-${entry.id}`} className="before-after">
      <table className="table before-after-table">
        <thead>
          <tr>
            <th scope="col">{t("audit.field")}</th>
            <th scope="col">{t("audit.before")}</th>
            <th scope="col">{t("audit.after")}</th>
          </tr>
        </thead>
        <tbody>
          {whole ? (
            <tr>
              <th scope="row">—</th>
              <td>
                <Value value={entry.before} />
              </td>
              <td>
                <Value value={entry.after} />
              </td>
            </tr>
          ) : (
            ordered.map((f) => (
              <tr key={f} className={entry.before !== null && changed(f) ? "changed" : undefined}>
                <th scope="row">{f}</th>
                <td>
                  <Value value={before[f]} />
                </td>
                <td>
                  <Value value={after[f]} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The columns, the last one opening an entry's before/after. */
function useAuditColumns(open: number | null, toggle: (id: number) => void): Column<AuditEntryDto>[] {
  const { t } = useTranslation();
  return [
    { id: "when", header: t("audit.when"), className: "nowrap", cell: (e) => formatDateTime(e.at) },
    {
      id: "who",
      header: t("audit.who"),
      cell: (e) =>
        e.username === null ? (
          <span className="muted">{t("timeline.system")}</span>
        ) : (
          <>
            {e.displayName ?? e.username}
            <code className="muted block small">{e.username}</code>
          </>
        ),
    },
    {
      id: "action",
      header: t("audit.actionCol"),
      cell: (e) => <span title={e.action}>{auditActionLabel(t, e.action)}</span>,
    },
    {
      id: "object",
      header: t("audit.object"),
      cell: (e) => (
        <>
          {auditObjectLabel(t, e.objectType)}
          {e.objectId && <span className="muted"> #{e.objectId}</span>}
        </>
      ),
    },
    {
      id: "client",
      header: t("audit.client"),
      className: "small client-cell",
      cell: (e) => (
        <>
          {e.clientIp ?? "—"}
          {e.userAgent && (
            <span className="muted block ua" title={e.userAgent}>
              {e.userAgent}
            </span>
          )}
        </>
      ),
    },
    {
      id: "requestId",
      header: t("audit.requestId"),
      className: "small",
      cell: (e) => <code className="request-id">{e.requestId ?? "—"}</code>,
    },
    {
      id: "details",
      header: <span className="visually-hidden">{t("audit.details")}</span>,
      cell: (e) => (
        <button
          type="button"
          className="button button-small"
          aria-expanded={open === e.id}
          aria-controls={`audit-${e.id}`}
          onClick={() => toggle(e.id)}
        >
          {t("audit.details")}
        </button>
      ),
    },
  ];
}

/** One page of audit entries. */
export function AuditTable({ entries }: { entries: AuditEntryDto[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  const columns = useAuditColumns(open, (id) => setOpen(open === id ? null : id));
  return (
    <DataTable
      columns={columns}
      rows={entries}
      rowKey={(e) => e.id}
      label={t("audit.caption")}
      caption={t("audit.caption")}
      className="audit-table"
      testId="audit-table"
      rowProps={(e) => ({ "data-audit-id": e.id, "data-action": e.action })}
      subRow={(e) => (open === e.id ? <BeforeAfter entry={e} /> : null)}
    />
  );
}
