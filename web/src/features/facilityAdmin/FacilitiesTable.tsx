/** The facilities of the administration list: name and code, level, place, open or closed since, and the edit button. */
import { useTranslation } from "react-i18next";
import type { Facility } from "@shared/contracts/reference";
import { formatDate } from "../../i18n/format";
import { DataTable, type Column } from "../../lib/table/DataTable";

function useColumns(onEdit: (f: Facility) => void, placeOf: (f: Facility) => string): Column<Facility>[] {
  const { t } = useTranslation();
  return [
    {
      id: "name",
      header: t("facilityAdmin.name"),
      rowHeader: true,
      sortValue: (f) => f.name,
      cell: (f) => (
        <>
          {f.name}
          {f.code && <code className="muted block small">{f.code}</code>}
        </>
      ),
    },
    { id: "level", header: t("facilityAdmin.level"), cell: (f) => t(`level.${f.level}`) },
    { id: "place", header: t("facilityAdmin.place"), cell: placeOf },
    {
      id: "state",
      header: t("facilityAdmin.state"),
      cell: (f) =>
        f.active ? (
          t("facilityAdmin.open")
        ) : (
          <strong>{t("facilityAdmin.closed", { date: formatDate(f.closedAt ?? "") })}</strong>
        ),
    },
    {
      id: "edit",
      header: <span className="visually-hidden">{t("facilityAdmin.edit")}</span>,
      headerText: t("facilityAdmin.edit"),
      cell: (f) => (
        <button
          type="button"
          className="button button-small"
          onClick={() => onEdit(f)}
          aria-label={`${t("facilityAdmin.edit")} ${f.name}`}
        >
          {t("facilityAdmin.edit")}
        </button>
      ),
    },
  ];
}

/** One page of facilities. */
export function FacilitiesTable(props: {
  rows: readonly Facility[];
  onEdit: (f: Facility) => void;
  /** The facility's district, else region, in words */
  placeOf: (f: Facility) => string;
}) {
  const { t } = useTranslation();
  const { rows, onEdit, placeOf } = props;
  return (
    <DataTable
      columns={useColumns(onEdit, placeOf)}
      rows={rows}
      rowKey={(f) => f.id}
      label={t("facilityAdmin.caption")}
      caption={t("facilityAdmin.caption")}
      testId="facilities-table"
      rowProps={(f) => ({ "data-facility": f.id, className: f.active ? undefined : "muted" })}
    />
  );
}
