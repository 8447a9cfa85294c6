/**
 * /admin/utilisateurs: the accounts the user manages (every one for the administrator, the district and facility
 * accounts of their region for a regional manager): search by name or username, role and state; create one with a
 * temporary password; change its name, role and scope, deactivate it, reset its password.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "@shared/contracts/auth";
import type { UserView } from "@shared/contracts/users";
import { assignableRoles } from "@shared/domain/access";
import { useMe } from "../../api/auth";
import { useUsers } from "../../api/users";
import { Pager } from "../../components/Pager";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { FilterSelect } from "../../lib/forms/filters";
import { UserCreateForm } from "./UserCreateForm";
import { UserEditPanel } from "./UserEditPanel";
import { UsersTable } from "./UsersTable";

const PAGE_SIZE = 50;
const STATUSES = ["all", "active", "inactive"] as const;
type Status = (typeof STATUSES)[number];

/** Name or username fragment (applied on submit), role and state (applied at once); all kept in the URL. */
function UsersFilters({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [params, update] = useSearchState();
  const [q, setQ] = useState(params.get("q") ?? "");
  const statusLabel = {
    all: t("users.statusAll"),
    active: t("users.statusActive"),
    inactive: t("users.statusInactive"),
  };
  return (
    <form
      className="toolbar"
      role="search"
      aria-label={t("users.search")}
      onSubmit={(e) => {
        e.preventDefault();
        update({ q: q.trim() || null, page: null });
      }}
    >
      <div className="field">
        <label htmlFor="users-q">{t("users.q")}</label>
        <input id="users-q" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      </div>
      <FilterSelect
        id="users-role"
        label={t("users.role")}
        value={params.get("role") ?? ""}
        onChange={(role) => update({ role, page: null })}
        options={assignableRoles(me).map((r) => ({ value: r, label: t(`role.${r}`) }))}
        placeholder={t("users.anyRole")}
      />
      <FilterSelect
        id="users-status"
        label={t("users.status")}
        value={params.get("status") ?? "all"}
        onChange={(status) => update({ status: status === "all" ? null : status, page: null })}
        options={STATUSES.map((s) => ({ value: s, label: statusLabel[s] }))}
      />
      <button type="submit" className="button button-primary">
        {t("users.submitSearch")}
      </button>
    </form>
  );
}

/** The list under the filters. */
function UsersList({ onEdit }: { onEdit: (u: UserView) => void }) {
  const { t } = useTranslation();
  const [params, update] = useSearchState();
  const offset = Math.max(0, (Number(params.get("page") ?? "1") - 1) * PAGE_SIZE) || 0;
  const status = (STATUSES as readonly string[]).includes(params.get("status") ?? "")
    ? (params.get("status") as Status)
    : "all";
  const users = useUsers({
    q: params.get("q") || undefined,
    role: (params.get("role") || undefined) as UserView["role"] | undefined,
    status,
    limit: PAGE_SIZE,
    offset,
  });
  if (users.isPending) return <Loading />;
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  if (users.data.items.length === 0) return <EmptyState>{t("users.empty")}</EmptyState>;
  return (
    <div className={users.isPlaceholderData ? "is-stale" : undefined}>
      <p className="muted small">{t("users.count", { count: users.data.total })}</p>
      <UsersTable users={users.data.items} onEdit={onEdit} />
      <Pager
        offset={offset}
        count={users.data.items.length}
        total={users.data.total}
        pageSize={PAGE_SIZE}
        onPage={(o) => update({ page: String(o / PAGE_SIZE + 1) })}
        label={t("users.caption")}
      />
    </div>
  );
}

/** The page. */
export default function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [panel, setPanel] = useState<"new" | UserView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!me.data) return <Loading />;
  const done = (text: string) => {
    setNotice(text);
    setPanel(null);
  };
  return (
    <div className="page users-page">
      <div className="page-head">
        <div>
          <h1>{t("users.title")}</h1>
          <p className="muted">{t("users.intro")}</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setPanel("new")}>
          {t("users.newOpen")}
        </button>
      </div>
      <p className="notice" role="status" aria-live="polite" data-testid="notice">
        {notice}
      </p>
      {panel === "new" && (
        <UserCreateForm me={me.data} onCreated={(u) => done(t("users.created", { username: u.username }))} />
      )}
      {panel !== null && panel !== "new" && (
        <UserEditPanel key={panel.id} me={me.data} user={panel} onClose={() => setPanel(null)} onDone={done} />
      )}
      <UsersFilters me={me.data} />
      <UsersList onEdit={(u) => setPanel(u)} />
    </div>
  );
}
