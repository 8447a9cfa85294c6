/** District review /revue: the month's CSCom reports and orders of one district, with filters and paging. */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "@shared/contracts/auth";
import type { District } from "@shared/contracts/reference";
import { useMe } from "../../api/auth";
import { useAllOrders, useReports } from "../../api/orders";
import { useDistricts, useFacilitiesIn } from "../../api/reference";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { formatPeriod } from "../../i18n/format";
import { Pager } from "../../components/Pager";
import { useSearchState } from "../../components/useSearchState";
import { OrderCycleCard } from "./OrderCycleCard";
import { ReviewFilters } from "./ReviewFilters";
import { ReviewSummary } from "./ReviewSummary";
import { ReviewTable } from "./ReviewTable";
import { lastCompletePeriod, recentPeriods } from "@shared/domain/months";
import { buildReviewRows, filterRows, type ReviewFilter } from "./reviewModel";

const PAGE_SIZE = 15;
/** Before GET /reports answers: no report (the due days only matter once rows exist). */
const NO_REPORTS = { items: [], dueDays: 0 };
const todayIso = () => new Date().toISOString().slice(0, 10);

/** The table filters as the URL keeps them. */
function readFilter(params: URLSearchParams): ReviewFilter {
  return {
    report: (params.get("rapport") ?? "") as ReviewFilter["report"],
    order: (params.get("commande") ?? "") as ReviewFilter["order"],
    emergencyOnly: params.get("urgence") === "1",
    mismatchOnly: params.get("ecart") === "1",
    query: params.get("q") ?? "",
  };
}

/** The districts the user reviews (a district pharmacist their own, a regional manager their region's, an administrator any) and the one shown. */
function useReviewDistrict(me: Me, params: URLSearchParams, districts: District[] | undefined) {
  const choices = useMemo(
    () =>
      (districts ?? []).filter((d) =>
        me.role === "admin"
          ? true
          : me.role === "regional_manager"
            ? d.regionId === me.scopeRegionId
            : d.id === me.scopeDistrictId,
      ),
    [districts, me],
  );
  const districtId =
    me.role === "district_pharmacist"
      ? me.scopeDistrictId
      : (params.get("district") ?? choices.find((d) => d.cscomCount > 0)?.id ?? choices[0]?.id ?? null);
  return { choices, districtId, district: districts?.find((d) => d.id === districtId) };
}

/** The district's CSComs with the month's reports and orders, as review rows. */
function useReviewRows(districtId: string | null, district: District | undefined, period: string, today: string) {
  const cscoms = useFacilitiesIn({ level: "cscom", districtId }, districtId !== null);
  const reports = useReports({ period, districtId: districtId ?? undefined, limit: 500 }, districtId !== null);
  const orders = useAllOrders({ period, supplierId: district?.depotId ?? undefined }, Boolean(district?.depotId));
  const rows = useMemo(
    () => buildReviewRows(cscoms.data ?? [], reports.data ?? NO_REPORTS, orders.data ?? [], period, today),
    [cscoms.data, reports.data, orders.data, period, today],
  );
  return {
    rows,
    failed: [cscoms, reports, orders].find((q) => q.isError),
    pending: cscoms.isPending || reports.isPending || (Boolean(district?.depotId) && orders.isPending),
  };
}

/** The district review page. URL: ?periode=YYYY-MM&district=&rapport=&commande=&urgence=1&ecart=1&q=&page= */
export default function DistrictReviewPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const districts = useDistricts();
  const [params, update] = useSearchState();
  const today = todayIso();
  const months = recentPeriods(today, 12);
  const period = params.get("periode") ?? lastCompletePeriod(today);

  const { choices, districtId, district } = useReviewDistrict(me, params, districts.data);
  const filter = useMemo(() => readFilter(params), [params]);
  const pageIndex = Math.max(0, Number(params.get("page") ?? "1") - 1 || 0);

  const { rows, failed, pending: loading } = useReviewRows(districtId, district, period, today);
  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const page = shown.slice(pageIndex * PAGE_SIZE, (pageIndex + 1) * PAGE_SIZE);
  const pending = districts.isPending || loading;

  return (
    <div className="page review-page">
      <div className="page-head">
        <div>
          <h1>{district ? t("review.titleDistrict", { name: district.name }) : t("review.title")}</h1>
          <p className="muted">{t("review.intro", { period: formatPeriod(period, i18n.language) })}</p>
        </div>
      </div>
      <ReviewFilters
        months={months}
        period={period}
        districtChoices={me.role === "district_pharmacist" ? [] : choices}
        districtId={districtId}
        filter={filter}
        onChange={(changes) => update({ ...changes, page: null })}
      />
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
      ) : districtId === null ? (
        <EmptyState>{t("review.noDistrict")}</EmptyState>
      ) : pending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState>{t("review.noCscom")}</EmptyState>
      ) : (
        <>
          <ReviewSummary rows={rows} />
          <OrderCycleCard rows={rows} period={period} districtId={districtId} />
          {shown.length === 0 ? (
            <EmptyState>{t("review.noMatch")}</EmptyState>
          ) : (
            <>
              <ReviewTable rows={page} period={period} />
              <Pager
                offset={pageIndex * PAGE_SIZE}
                count={page.length}
                total={shown.length}
                pageSize={PAGE_SIZE}
                onPage={(offset) => update({ page: String(offset / PAGE_SIZE + 1) })}
                label={t("review.pager")}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}
