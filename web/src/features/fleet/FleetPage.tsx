/**
 * "Flotte et retours" /flotte (?depot=ID): the depot's vehicles (name, plate, capacities, cold box, cost per km,
 * shift; add, change, put out of service) and drivers — what the route-planning form offers —, and the returns
 * from the routes to confirm (ReturnsPanel).
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFleet } from "../../api/fleet";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { formatNumber, formatXof } from "../../i18n/format";
import { DepotPageHead } from "../../lib/depot/DepotPageHead";
import { useDepotChoice } from "../../lib/depot/useDepotChoice";
import { ReturnsPanel } from "./ReturnsPanel";
import { VehicleForm } from "./VehicleForm";
import "./fleet.css";

/** The fleet page. */
export default function FleetPage() {
  const { t, i18n } = useTranslation();
  const [params, update] = useSearchState();
  const { choices, depotId, depot, facilities } = useDepotChoice(params);
  const fleet = useFleet(depotId);
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState("");
  const n = (x: number) => formatNumber(x, i18n.language);
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
        <p className="notice" role="status">
          {notice}
        </p>
        {fleet.isPending ? (
          <Loading />
        ) : fleet.isError ? (
          <ErrorState error={fleet.error} onRetry={() => void fleet.refetch()} />
        ) : (
          <>
            {fleet.data.vehicles.length === 0 ? (
              <p className="muted">{t("fleet.noVehicles")}</p>
            ) : (
              <div className="table-scroll">
                <table className="table" data-testid="fleet-vehicles">
                  <caption className="visually-hidden">{t("fleet.vehicles")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("fleet.col.name")}</th>
                      <th scope="col">{t("fleet.col.plate")}</th>
                      <th scope="col" className="num">
                        {t("fleet.col.capacityKg")}
                      </th>
                      <th scope="col" className="num">
                        {t("fleet.col.capacityL")}
                      </th>
                      <th scope="col">{t("fleet.col.coldBox")}</th>
                      <th scope="col" className="num">
                        {t("fleet.col.costPerKm")}
                      </th>
                      <th scope="col">{t("fleet.col.shift")}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t("fleet.edit")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {fleet.data.vehicles.map((v) => (
                      <tr key={v.id} data-vehicle-id={v.id} className={v.active ? undefined : "muted"}>
                        <td>
                          {v.name}
                          {!v.active && <span className="block small">{t("fleet.outOfService")}</span>}
                        </td>
                        <td>{v.plate}</td>
                        <td className="num">{n(v.capacityKg)}</td>
                        <td className="num">{n(v.capacityL)}</td>
                        <td>{v.coldBox ? t("common.yes") : t("common.no")}</td>
                        <td className="num">{formatXof(v.costPerKmXof, i18n.language)}</td>
                        <td>{v.shiftStart ? `${v.shiftStart}–${v.shiftEnd}` : t("fleet.shiftDepot")}</td>
                        <td>
                          <button
                            type="button"
                            className="button button-ghost"
                            aria-expanded={editing === v.id}
                            onClick={() => setEditing(editing === v.id ? null : v.id)}
                          >
                            {t("fleet.edit")}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {editing !== null && fleet.data.vehicles.some((v) => v.id === editing) && (
              <VehicleForm
                key={editing}
                depotId={depotId}
                vehicle={fleet.data.vehicles.find((v) => v.id === editing)!}
                onDone={() => {
                  setEditing(null);
                  setNotice(t("fleet.saved"));
                }}
              />
            )}
            <VehicleForm depotId={depotId} vehicle={null} onDone={() => setNotice(t("fleet.saved"))} />
          </>
        )}
      </section>
      <section aria-labelledby="fleet-drivers" className="fleet-section">
        <h2 id="fleet-drivers">{t("fleet.drivers")}</h2>
        {fleet.data && fleet.data.drivers.length === 0 ? (
          <p className="muted">{t("fleet.noDrivers")}</p>
        ) : (
          <ul data-testid="fleet-drivers">
            {fleet.data?.drivers.map((d) => (
              <li key={d.id}>
                {d.displayName} <span className="muted">({d.username})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
