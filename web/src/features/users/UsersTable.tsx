/** The accounts: name and username, role, scope (with its names), state, open sessions, and the button that edits one. */
import { useTranslation } from "react-i18next";
import type { UserView } from "@shared/contracts/users";
import { DataTable, type Column } from "../../lib/table/DataTable";

/** The scope of an account in words: its facility, else district, else region, else "national". */
function ScopeCell({ u }: { u: UserView }) {
  const { t } = useTranslation();
  if (u.facilityName) return <>{u.facilityName}</>;
  if (u.districtName) return <>{u.districtName}</>;
  if (u.regionName) return <>{u.regionName}</>;
  return <span className="muted">{t("users.national")}</span>;
}

function StateCell({ u }: { u: UserView }) {
  const { t } = useTranslation();
  return (
    <>
      {u.active ? t("users.active") : <strong>{t("users.inactive")}</strong>}
      {u.mustChangePassword && <span className="muted block small">{t("users.mustChange")}</span>}
      {u.sessions > 0 && <span className="muted block small">{t("users.sessions", { count: u.sessions })}</span>}
    </>
  );
}

function useColumns(onEdit: (u: UserView) => void): Column<UserView>[] {
  const { t } = useTranslation();
  return [
    {
      id: "name",
      header: t("users.displayName"),
      rowHeader: true,
      sortValue: (u) => u.displayName,
      cell: (u) => (
        <>
          {u.displayName}
          <code className="muted block small">{u.username}</code>
        </>
      ),
    },
    { id: "role", header: t("users.role"), sortValue: (u) => t(`role.${u.role}`), cell: (u) => t(`role.${u.role}`) },
    { id: "scope", header: t("users.scope"), cell: (u) => <ScopeCell u={u} /> },
    { id: "state", header: t("users.state"), cell: (u) => <StateCell u={u} /> },
    {
      id: "edit",
      header: <span className="visually-hidden">{t("users.edit")}</span>,
      headerText: t("users.edit"),
      cell: (u) => (
        <button
          type="button"
          className="button button-small"
          onClick={() => onEdit(u)}
          aria-label={`${t("users.edit")} ${u.displayName}`}
        >
          {t("users.edit")}
        </button>
      ),
    },
  ];
}

/** One page of accounts. */
export function UsersTable({ users, onEdit }: { users: readonly UserView[]; onEdit: (u: UserView) => void }) {
  const { t } = useTranslation();
  const columns = useColumns(onEdit);
  return (
    <DataTable
      columns={columns}
      rows={users}
      rowKey={(u) => u.id}
      label={t("users.caption")}
      caption={t("users.caption")}
      testId="users-table"
      rowProps={(u) => ({ "data-username": u.username, className: u.active ? undefined : "muted" })}
    />
  );
}
