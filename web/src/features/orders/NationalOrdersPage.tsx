/**
 * "Commandes" /commandes: every order of the country for the procurement officer and the administrator, filtered by
 * region, district, status and month, a page at a time (the shared order list). URL: ?region=&district=&statut=&mois=&page=
 */
import { useTranslation } from "react-i18next";
import type { Order } from "@shared/contracts/replenishment";
import { useOrders } from "../../api/orders";
import { useDistricts, useRegions } from "../../api/reference";
import { OrderListTable, OrderStatusSelect } from "../../components/OrderListTable";
import { Pager } from "../../components/Pager";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { FilterSelect } from "../../lib/forms/filters";

const PAGE_SIZE = 25;

/** The filters as read from the address. */
function useFilters() {
  const [params, update] = useSearchState();
  return {
    regionId: params.get("region") ?? "",
    districtId: params.get("district") ?? "",
    status: (params.get("statut") ?? "") as Order["status"] | "",
    period: params.get("mois") ?? "",
    offset: Math.max(0, (Number(params.get("page") ?? "1") - 1 || 0) * PAGE_SIZE),
    update,
  };
}

/** Region, district (of the region), status and month; any change goes back to the first page. */
function NationalOrderFilters() {
  const { t } = useTranslation();
  const { regionId, districtId, status, period, update } = useFilters();
  const regions = useRegions();
  const districts = useDistricts();
  return (
    <form className="toolbar" aria-label={t("nationalOrders.filters")} onSubmit={(e) => e.preventDefault()}>
      <FilterSelect
        id="orders-region"
        label={t("nationalOrders.region")}
        value={regionId}
        placeholder={t("nationalOrders.allRegions")}
        options={(regions.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
        onChange={(v) => update({ region: v, district: null, page: null })}
      />
      <FilterSelect
        id="orders-district"
        label={t("nationalOrders.district")}
        value={districtId}
        disabled={!regionId}
        placeholder={t("nationalOrders.allDistricts")}
        options={(districts.data ?? [])
          .filter((d) => d.regionId === regionId)
          .map((d) => ({ value: d.id, label: d.name }))}
        onChange={(v) => update({ district: v, page: null })}
      />
      <OrderStatusSelect
        id="orders-status"
        value={status}
        onChange={(value) => update({ statut: value, page: null })}
      />
      <div className="field">
        <label htmlFor="orders-period">{t("nationalOrders.period")}</label>
        <input
          id="orders-period"
          type="month"
          value={period}
          onChange={(e) => update({ mois: e.target.value, page: null })}
        />
      </div>
    </form>
  );
}

/** The page of orders the filters keep. */
function NationalOrdersList() {
  const { t } = useTranslation();
  const { regionId, districtId, status, period, offset, update } = useFilters();
  const orders = useOrders({
    regionId: regionId || undefined,
    districtId: districtId || undefined,
    status: status || undefined,
    period: /^\d{4}-\d{2}$/.test(period) ? period : undefined,
    limit: PAGE_SIZE,
    offset,
  });
  const filtered = Boolean(regionId || districtId || status || period);
  if (orders.isPending) return <Loading />;
  if (orders.isError) return <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />;
  if (orders.data.items.length === 0)
    return <EmptyState>{filtered ? t("nationalOrders.noMatch") : t("nationalOrders.none")}</EmptyState>;
  return (
    <>
      <OrderListTable
        orders={orders.data.items}
        label={t("nationalOrders.title")}
        testId="national-orders"
        party={{ header: t("nationalOrders.facility"), name: (o) => `${o.facilityName} → ${o.supplierName}` }}
      />
      <Pager
        offset={offset}
        count={orders.data.items.length}
        total={orders.data.total}
        pageSize={PAGE_SIZE}
        onPage={(o) => update({ page: String(o / PAGE_SIZE + 1) })}
        label={t("nationalOrders.pager")}
      />
    </>
  );
}

/** The national orders list. */
export default function NationalOrdersPage() {
  const { t } = useTranslation();
  return (
    <div className="page national-orders-page">
      <div className="page-head">
        <div>
          <h1>{t("nationalOrders.title")}</h1>
          <p className="muted">{t("nationalOrders.intro")}</p>
        </div>
      </div>
      <NationalOrderFilters />
      <NationalOrdersList />
    </div>
  );
}
