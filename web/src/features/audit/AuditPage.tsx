/** Audit log /audit (administrators): search by user, action prefix, object and dates; a paged table with before/after on demand. */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAudit, type AuditFilter } from "../../api/audit";
import { Pager } from "../../components/Pager";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { AuditTable } from "./AuditTable";

const PAGE_SIZE = 25;
const FIELDS = ["username", "action", "objectType", "objectId", "from", "to"] as const;
type Field = (typeof FIELDS)[number];
/** Object types the API writes (a hint list; any text may be searched). */
const OBJECT_TYPES = [
  "order",
  "report",
  "allocation",
  "facility",
  "stock_movement",
  "stock_count",
  "route_plan",
  "user",
  "session",
];
const ACTIONS = [
  "order.",
  "order.approve",
  "order.reject",
  "order.ship",
  "report.",
  "allocation.send",
  "stock.",
  "auth.",
];

/** The audit page. URL: ?username=&action=&objectType=&objectId=&from=&to=&page= */
export default function AuditPage() {
  const { t } = useTranslation();
  const [params, update] = useSearchState();
  const applied = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ""])) as Record<Field, string>;
  const [draft, setDraft] = useState<Record<Field, string>>(applied);
  const offset = Math.max(0, (Number(params.get("page") ?? "1") - 1) * PAGE_SIZE) || 0;
  const filter: AuditFilter = {
    ...Object.fromEntries(FIELDS.map((f) => [f, applied[f] || undefined])),
    limit: PAGE_SIZE,
    offset,
  };
  const audit = useAudit(filter);
  const badDates = draft.from !== "" && draft.to !== "" && draft.from > draft.to;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (badDates) return;
    update({ ...Object.fromEntries(FIELDS.map((f) => [f, draft[f].trim() || null])), page: null });
  };
  const clear = () => {
    setDraft(Object.fromEntries(FIELDS.map((f) => [f, ""])) as Record<Field, string>);
    update({ ...Object.fromEntries(FIELDS.map((f) => [f, null])), page: null });
  };
  const input = (f: Field, extra: Record<string, string> = {}) => (
    <div className="field" key={f}>
      <label htmlFor={`audit-${f}`}>{t(`audit.${f}`)}</label>
      <input
        id={`audit-${f}`}
        value={draft[f]}
        onChange={(e) => setDraft({ ...draft, [f]: e.target.value })}
        autoComplete="off"
        {...extra}
      />
    </div>
  );

  return (
    <div className="page audit-page">
      <div className="page-head">
        <div>
          <h1>{t("audit.title")}</h1>
          <p className="muted">{t("audit.intro")}</p>
        </div>
      </div>
      <form className="toolbar" role="search" aria-label={t("audit.search")} onSubmit={submit}>
        {input("username", { autoCapitalize: "none", spellCheck: "false" })}
        {input("action", { list: "audit-actions", placeholder: "order.approve" })}
        {input("objectType", { list: "audit-types" })}
        {input("objectId")}
        {input("from", { type: "date" })}
        {input("to", { type: "date", "aria-invalid": badDates ? "true" : "false" })}
        <datalist id="audit-actions">
          {ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <datalist id="audit-types">
          {OBJECT_TYPES.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        <div className="actions-row">
          <button type="button" className="button" onClick={clear}>
            {t("audit.clear")}
          </button>
          <button type="submit" className="button button-primary" disabled={badDates}>
            {t("audit.submit")}
          </button>
        </div>
        {badDates && <p className="field-error">{t("audit.badDates")}</p>}
      </form>
      {audit.isPending ? (
        <Loading />
      ) : audit.isError ? (
        <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
      ) : audit.data.items.length === 0 ? (
        <EmptyState>{t("audit.empty")}</EmptyState>
      ) : (
        <div className={audit.isPlaceholderData ? "is-stale" : undefined}>
          <p className="muted small">{t("audit.count", { count: audit.data.total })}</p>
          <AuditTable entries={audit.data.items} />
          <Pager
            offset={offset}
            count={audit.data.items.length}
            total={audit.data.total}
            pageSize={PAGE_SIZE}
            onPage={(o) => update({ page: String(o / PAGE_SIZE + 1) })}
            label={t("audit.pager")}
          />
        </div>
      )}
    </div>
  );
}
