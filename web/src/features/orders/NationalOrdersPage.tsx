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

const PAGE_SIZE = 25;

/** The national orders list. */
export default function NationalOrdersPage() {
  const { t } = useTranslation();
  const [params, update] = useSearchState();
  const regionId = params.get("region") ?? "";
  const districtId = params.get("district") ?? "";
  const status = (params.get("statut") ?? "") as Order["status"] | "";
  const period = params.get("mois") ?? "";
  const offset = Math.max(0, (Number(params.get("page") ?? "1") - 1 || 0) * PAGE_SIZE);
  const regions = useRegions();
  const districts = useDistricts();
  const orders = useOrders({
    regionId: regionId || undefined,
    districtId: districtId || undefined,
    status: status || undefined,
    period: /^\d{4}-\d{2}$/.test(period) ? period : undefined,
    limit: PAGE_SIZE,
    offset,
  });
  const filtered = Boolean(regionId || districtId || status || period);
  return (
    <div className="page national-orders-page">
      <div className="page-head">
        <div>
          <h1>{t("nationalOrders.title")}</h1>
          <p className="muted">{t("nationalOrders.intro")}</p>
        </div>
      </div>
      <form className="toolbar" aria-label={t("nationalOrders.filters")} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="orders-region">{t("quant.region")}</label>
          <select
            id="orders-region"
            value={regionId}
            onChange={(e) => update({ region: e.target.value, district: null, page: null })}
          >
            <option value="">{t("nationalOrders.allRegions")}</option>
            {(regions.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="orders-district">{t("quant.district")}</label>
          <select
            id="orders-district"
            value={districtId}
            disabled={!regionId}
            onChange={(e) => update({ district: e.target.value, page: null })}
          >
            <option value="">{t("nationalOrders.allDistricts")}</option>
            {(districts.data ?? [])
              .filter((d) => d.regionId === regionId)
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
          </select>
        </div>
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
      {orders.isPending ? (
        <Loading />
      ) : orders.isError ? (
        <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
      ) : orders.data.items.length === 0 ? (
        <EmptyState>{filtered ? t("nationalOrders.noMatch") : t("nationalOrders.none")}</EmptyState>
      ) : (
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
      )}
    </div>
  );
}
