/**
 * /admin/utilisateurs: the accounts the user manages (every one for the administrator, the district and facility
 * accounts of their region for a regional manager): search by name or username, role and state; create one with a
 * temporary password; change its name, role and scope, deactivate it, reset its password.
 */
import { useTranslation } from "react-i18next";
import type { Me } from "@shared/contracts/auth";
import type { UserView } from "@shared/contracts/users";
import { assignableRoles } from "@shared/domain/access";
import { useMe } from "../../api/auth";
import { useUsers } from "../../api/users";
import { Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { FilterSelect } from "../../lib/forms/filters";
import {
  ADMIN_PAGE_SIZE,
  AdminPageShell,
  PagedList,
  SearchToolbar,
  useAdminPanel,
  usePageOffset,
} from "../../lib/adminPage";
import { UserCreateForm } from "./UserCreateForm";
import { UserEditPanel } from "./UserEditPanel";
import { UsersTable } from "./UsersTable";
import { SheetsPanel } from "../../components/SheetsPanel";

const STATUSES = ["all", "active", "inactive"] as const;
type Status = (typeof STATUSES)[number];

/** Name or username fragment (applied on submit), role and state (applied at once); all kept in the URL. */
function UsersFilters({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [params, update] = useSearchState();
  const statusLabel = {
    all: t("users.statusAll"),
    active: t("users.statusActive"),
    inactive: t("users.statusInactive"),
  };
  return (
    <SearchToolbar id="users-q" label={t("users.search")} qLabel={t("users.q")} submitLabel={t("users.submitSearch")}>
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
    </SearchToolbar>
  );
}

/** The list under the filters. */
function UsersList({ onEdit }: { onEdit: (u: UserView) => void }) {
  const { t } = useTranslation();
  const [params] = useSearchState();
  const offset = usePageOffset();
  const status = (STATUSES as readonly string[]).includes(params.get("status") ?? "")
    ? (params.get("status") as Status)
    : "all";
  const users = useUsers({
    q: params.get("q") || undefined,
    role: (params.get("role") || undefined) as UserView["role"] | undefined,
    status,
    limit: ADMIN_PAGE_SIZE,
    offset,
  });
  return (
    <PagedList
      query={users}
      offset={offset}
      empty={t("users.empty")}
      count={(count) => t("users.count", { count })}
      label={t("users.caption")}
    >
      {(items) => <UsersTable users={items} onEdit={onEdit} />}
    </PagedList>
  );
}

/** The page. */
export default function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { panel, setPanel, notice, done } = useAdminPanel<UserView>();
  if (!me.data) return <Loading />;
  return (
    <AdminPageShell
      className="users-page"
      title={t("users.title")}
      intro={t("users.intro")}
      newLabel={t("users.newOpen")}
      onNew={() => setPanel("new")}
      notice={notice}
    >
      {panel === "new" && (
        <UserCreateForm me={me.data} onCreated={(u) => done(t("users.created", { username: u.username }))} />
      )}
      {panel !== null && panel !== "new" && (
        <UserEditPanel key={panel.id} me={me.data} user={panel} onClose={() => setPanel(null)} onDone={done} />
      )}
      <UsersFilters me={me.data} />
      <UsersList onEdit={(u) => setPanel(u)} />
      <SheetsPanel entities={["users"]} intro={t("users.sheetsIntro")} onDone={done} />
    </AdminPageShell>
  );
}
