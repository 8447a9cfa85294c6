/** Audit log /audit (administrators): search by a fragment of the user's name or username, action prefix, object and dates; a paged table with before/after on demand. */
import { useTranslation } from "react-i18next";
import { AuditQuery } from "@shared/contracts/audit";
import { useAudit, type AuditFilter } from "../../api/audit";
import { Pager } from "../../components/Pager";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { DateField, FormFrame, TextField } from "../../lib/forms/fields";
import { dateOrText, optionalText, toDisplayDate } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";
import { AuditTable } from "./AuditTable";

const PAGE_SIZE = 25;
const FIELDS = ["who", "action", "objectType", "objectId", "from", "to"] as const;
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
  "product",
  "stock_policy",
  "settings",
  "sheet",
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

/** The shared query contract, and a period that does not end before it starts. */
const AUDIT_FILTER = AuditQuery.refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"] });
type FilterValues = Record<Field, string>;

/** The search form: what was typed → GET /audit's query (dates typed dd/mm/yyyy), checked by the shared contract. */
function AuditFilters({ applied, onApply }: { applied: FilterValues; onApply: (values: Partial<AuditQuery>) => void }) {
  const { t } = useTranslation();
  const form = useContractForm({
    contract: AUDIT_FILTER,
    toRequest: (v: FilterValues) => ({
      who: optionalText(v.who),
      action: optionalText(v.action),
      objectType: optionalText(v.objectType),
      objectId: optionalText(v.objectId),
      from: dateOrText(v.from),
      to: dateOrText(v.to),
    }),
    customMessages: { to: "audit.badDates" },
    defaultValues: { ...applied, from: toDisplayDate(applied.from), to: toDisplayDate(applied.to) },
  });
  const text = (f: Field, extra: Record<string, string> = {}) => (
    <TextField
      key={f}
      name={f}
      id={`audit-${f}`}
      label={t(f === "who" ? "audit.whoFilter" : `audit.${f}`)}
      autoComplete="off"
      {...extra}
    />
  );
  return (
    <FormFrame form={form} onValid={onApply} className="toolbar" role="search" aria-label={t("audit.search")}>
      {text("who", { autoCapitalize: "none", spellCheck: "false" })}
      {text("action", { list: "audit-actions", placeholder: "order.approve" })}
      {text("objectType", { list: "audit-types" })}
      {text("objectId")}
      <DateField name="from" id="audit-from" label={t("audit.from")} />
      <DateField name="to" id="audit-to" label={t("audit.to")} />
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
        <button
          type="button"
          className="button"
          onClick={() => {
            form.reset(Object.fromEntries(FIELDS.map((f) => [f, ""])) as FilterValues);
            onApply({});
          }}
        >
          {t("audit.clear")}
        </button>
        <button type="submit" className="button button-primary">
          {t("audit.submit")}
        </button>
      </div>
    </FormFrame>
  );
}

/** The audit page. URL: ?username=&action=&objectType=&objectId=&from=&to=&page= */
export default function AuditPage() {
  const { t } = useTranslation();
  const [params, update] = useSearchState();
  const applied = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ""])) as FilterValues;
  const offset = Math.max(0, (Number(params.get("page") ?? "1") - 1) * PAGE_SIZE) || 0;
  const filter: AuditFilter = {
    ...Object.fromEntries(FIELDS.map((f) => [f, applied[f] || undefined])),
    limit: PAGE_SIZE,
    offset,
  };
  const audit = useAudit(filter);
  const apply = (q: Partial<AuditQuery>) =>
    update({ ...Object.fromEntries(FIELDS.map((f) => [f, q[f] === undefined ? null : String(q[f])])), page: null });
  return (
    <div className="page audit-page">
      <div className="page-head">
        <div>
          <h1>{t("audit.title")}</h1>
          <p className="muted">{t("audit.intro")}</p>
        </div>
      </div>
      <AuditFilters applied={applied} onApply={apply} />
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
