/** Depot fulfilment /depot: the orders the depot supplies that are approved, being picked or shipped; the depot's own orders; the district order. */
import { useTranslation } from "react-i18next";
import { useOrders, type OrderFilter } from "../../api/orders";
import { Pager } from "../../components/Pager";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { DistrictOrderCard } from "./DistrictOrderCard";
import { DepotPageHead } from "../../lib/depot/DepotPageHead";
import { useDepotChoice } from "../../lib/depot/useDepotChoice";
import { DepotOrdersTable } from "./DepotOrdersTable";
import { may } from "@shared/domain/access";
import { TransfersSection } from "../../lib/transfers/TransfersSection";

const PAGE_SIZE = 20;
const TABS = ["approved", "picking", "shipped", "own"] as const;
type Tab = (typeof TABS)[number];
/** Roles that may create the depot's own order (orders:request). */
const REQUESTERS = new Set(["admin", "regional_manager", "district_pharmacist"]);

/** The fulfilment page. URL: ?depot=&vue=approved|picking|shipped|own&page= */
export default function DepotPage() {
  const { t } = useTranslation();
  const [params, update] = useSearchState();
  const { me, facilities, districts, choices, depotId, depot } = useDepotChoice(params);
  const tab = (TABS as readonly string[]).includes(params.get("vue") ?? "") ? (params.get("vue") as Tab) : "approved";
  const offset = Math.max(0, (Number(params.get("page") ?? "1") - 1) * PAGE_SIZE) || 0;

  const enabled = depotId !== null;
  const filterOf = (s: Tab): OrderFilter => ({
    ...(s === "own" ? { facilityId: depotId ?? undefined } : { supplierId: depotId ?? undefined, status: s }),
    limit: PAGE_SIZE,
    offset: s === tab ? offset : 0,
  });
  const lists = {
    approved: useOrders(filterOf("approved"), enabled),
    picking: useOrders(filterOf("picking"), enabled),
    shipped: useOrders(filterOf("shipped"), enabled),
    own: useOrders(filterOf("own"), enabled),
  };
  const active = lists[tab];

  if (facilities.isPending || districts.isPending) return <Loading />;
  if (facilities.isError) return <ErrorState error={facilities.error} onRetry={() => void facilities.refetch()} />;
  return (
    <div className="page depot-page">
      <DepotPageHead
        eyebrow={t("depot.eyebrow")}
        title={depot ? t("depot.titleOf", { name: depot.name }) : t("depot.title")}
        intro={t("depot.intro")}
        choices={choices}
        depotId={depotId}
        onDepot={(id) => update({ depot: id, page: null })}
        select={{ id: "depot-select", label: t("depot.depot") }}
      />
      {!depot ? (
        <EmptyState>{t("depot.noDepot")}</EmptyState>
      ) : (
        <>
          {REQUESTERS.has(me.role) && <DistrictOrderCard depot={depot} />}
          <TransfersSection facilityId={depot.id} canReceive={may(me, "stock:write")} />
          <div className="segmented tabs" role="group" aria-label={t("depot.views")}>
            {TABS.map((s) => (
              <button
                key={s}
                type="button"
                aria-pressed={tab === s}
                onClick={() => update({ vue: s === "approved" ? null : s, page: null })}
                data-tab={s}
              >
                {t(`depot.tab.${s}`)} <span className="count">{lists[s].data?.total ?? "…"}</span>
              </button>
            ))}
          </div>
          <p className="muted small">{t(`depot.tabHint.${tab}`)}</p>
          {active.isPending ? (
            <Loading />
          ) : active.isError ? (
            <ErrorState error={active.error} onRetry={() => void active.refetch()} />
          ) : active.data.items.length === 0 ? (
            <EmptyState>{t(`depot.empty.${tab}`)}</EmptyState>
          ) : (
            <div className={active.isPlaceholderData ? "is-stale" : undefined}>
              <DepotOrdersTable
                orders={active.data.items}
                own={tab === "own"}
                canUnpick={tab === "picking" && may(me, "orders:fulfil")}
              />
              <Pager
                offset={offset}
                count={active.data.items.length}
                total={active.data.total}
                pageSize={PAGE_SIZE}
                onPage={(o) => update({ page: String(o / PAGE_SIZE + 1) })}
                label={t("depot.pager")}
              />
            </div>
          )}
        </>
      )}
    </div>
  );
}
