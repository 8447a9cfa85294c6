/**
 * "Flotte et retours" /flotte (?depot=ID): the depot's vehicles (name, plate, capacities, cold box, cost per km,
 * shift; add, change, put out of service) and drivers — what the route-planning form offers —, and the returns
 * from the routes to confirm (ReturnsPanel).
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Fleet, FleetVehicle } from "@shared/contracts/fleet";
import { useFleet } from "../../api/fleet";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { formatNumber, formatXof } from "../../i18n/format";
import { DepotPageHead } from "../../lib/depot/DepotPageHead";
import { useDepotChoice } from "../../lib/depot/useDepotChoice";
import { DataTable, type Columns } from "../../lib/table/DataTable";
import { ReturnsPanel } from "./ReturnsPanel";
import { VehicleForm } from "./VehicleForm";
import "./fleet.css";

/** The fleet's vehicles, each with "Modifier". */
function VehicleTable({
  vehicles,
  editing,
  onEdit,
}: {
  vehicles: FleetVehicle[];
  editing: number | null;
  onEdit: (id: number | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const columns: Columns<FleetVehicle> = [
    {
      id: "name",
      header: t("fleet.col.name"),
      rowHeader: true,
      sortValue: (v) => v.name,
      cell: (v) => (
        <>
          {v.name}
          {!v.active && <span className="block small">{t("fleet.outOfService")}</span>}
        </>
      ),
    },
    { id: "plate", header: t("fleet.col.plate"), sortValue: (v) => v.plate, cell: (v) => v.plate },
    { id: "kg", header: t("fleet.col.capacityKg"), numeric: true, cell: (v) => n(v.capacityKg) },
    { id: "l", header: t("fleet.col.capacityL"), numeric: true, cell: (v) => n(v.capacityL) },
    { id: "cold", header: t("fleet.col.coldBox"), cell: (v) => (v.coldBox ? t("common.yes") : t("common.no")) },
    {
      id: "cost",
      header: t("fleet.col.costPerKm"),
      numeric: true,
      cell: (v) => formatXof(v.costPerKmXof, i18n.language),
    },
    {
      id: "shift",
      header: t("fleet.col.shift"),
      cell: (v) => (v.shiftStart ? `${v.shiftStart}–${v.shiftEnd}` : t("fleet.shiftDepot")),
    },
    {
      id: "edit",
      header: <span className="visually-hidden">{t("fleet.edit")}</span>,
      cell: (v) => (
        <button
          type="button"
          className="button button-ghost"
          aria-expanded={editing === v.id}
          onClick={() => onEdit(editing === v.id ? null : v.id)}
        >
          {t("fleet.edit")}
        </button>
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={vehicles}
      rowKey={(v) => v.id}
      caption={t("fleet.vehicles")}
      testId="fleet-vehicles"
      rowProps={(v) => ({ "data-vehicle-id": v.id, className: v.active ? undefined : "muted" })}
      empty={<p className="muted">{t("fleet.noVehicles")}</p>}
    />
  );
}

/** The vehicles: the table, the form of the one being changed, and the form of a new one. */
function VehiclesSection({ depotId, fleet }: { depotId: string; fleet: Fleet }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState("");
  const edited = fleet.vehicles.find((v) => v.id === editing);
  return (
    <>
      <p className="notice" role="status">
        {notice}
      </p>
      <VehicleTable vehicles={fleet.vehicles} editing={editing} onEdit={setEditing} />
      {edited && (
        <VehicleForm
          key={edited.id}
          depotId={depotId}
          vehicle={edited}
          onDone={() => {
            setEditing(null);
            setNotice(t("fleet.saved"));
          }}
        />
      )}
      <VehicleForm depotId={depotId} vehicle={null} onDone={() => setNotice(t("fleet.saved"))} />
    </>
  );
}

/** The depot's drivers (users with the driver role attached to it). */
function DriverList({ fleet }: { fleet: Fleet | undefined }) {
  const { t } = useTranslation();
  if (fleet && fleet.drivers.length === 0) return <p className="muted">{t("fleet.noDrivers")}</p>;
  return (
    <ul data-testid="fleet-drivers">
      {fleet?.drivers.map((d) => (
        <li key={d.id}>
          {d.displayName} <span className="muted">({d.username})</span>
        </li>
      ))}
    </ul>
  );
}

/** The fleet page. */
export default function FleetPage() {
  const { t } = useTranslation();
  const [params, update] = useSearchState();
  const { choices, depotId, depot, facilities } = useDepotChoice(params);
  const fleet = useFleet(depotId);
  if (facilities.isPending) return <Loading />;
  if (!depotId || !depot) return <EmptyState>{t("routes.noDepot")}</EmptyState>;
  return (
    <div className="page fleet-page">
      <DepotPageHead
        eyebrow={t("routes.eyebrow")}
        title={t("fleet.title", { name: depot.name })}
        intro={t("fleet.intro")}
        choices={choices}
        depotId={depotId}
        onDepot={(id) => update({ depot: id })}
        select={{ id: "fleet-depot", label: t("routes.depot") }}
      />
      <ReturnsPanel depotId={depotId} />
      <section aria-labelledby="fleet-vehicles" className="fleet-section">
        <h2 id="fleet-vehicles">{t("fleet.vehicles")}</h2>
        {fleet.isPending ? (
          <Loading />
        ) : fleet.isError ? (
          <ErrorState error={fleet.error} onRetry={() => void fleet.refetch()} />
        ) : (
          <VehiclesSection key={depotId} depotId={depotId} fleet={fleet.data} />
        )}
      </section>
      <section aria-labelledby="fleet-drivers" className="fleet-section">
        <h2 id="fleet-drivers">{t("fleet.drivers")}</h2>
        <DriverList fleet={fleet.data} />
      </section>
    </div>
  );
}
