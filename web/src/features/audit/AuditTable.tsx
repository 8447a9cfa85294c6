/** The audit entries: when, who, action, object, client and request id; before/after as readable JSON on expand. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AuditEntryDto } from "@shared/contracts/audit";
import { formatDateTime } from "../../i18n/format";
import { DataTable, type Column } from "../../lib/table/DataTable";

/** Pretty JSON, or a dash for nothing. */
function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

/** Before and after of an entry, side by side. */
function BeforeAfter({ entry }: { entry: AuditEntryDto }) {
  const { t } = useTranslation();
  return (
    <div id={`audit-${entry.id}`} className="before-after">
      <div>
        <h3>{t("audit.before")}</h3>
        <Json value={entry.before} />
      </div>
      <div>
        <h3>{t("audit.after")}</h3>
        <Json value={entry.after} />
      </div>
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
      cell: (e) => e.username ?? <span className="muted">{t("timeline.system")}</span>,
    },
    { id: "action", header: t("audit.actionCol"), cell: (e) => <code>{e.action}</code> },
    {
      id: "object",
      header: t("audit.object"),
      cell: (e) => (
        <>
          {e.objectType}
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
