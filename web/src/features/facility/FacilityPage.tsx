/** Facility page /facilities/:id: who and where the facility is, its stock positions, a product's stock card and history, its orders and deliveries. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import { useFacility } from "../../api/reference";
import { ErrorState, Loading } from "../../components/States";
import { useMe } from "../../api/auth";
import { inScope, may } from "@shared/domain/access";
import { TransfersSection } from "../../lib/transfers/TransfersSection";
import { mapPath, ORDER_ROLES } from "../../components/screens";
import { FacilityHeader } from "./FacilityHeader";
import { FacilityOrders } from "./FacilityOrders";
import { StockSection } from "./StockSection";

/**
 * The page of one facility (`/facilities/:id`, or `facilityId` with the `tasks` above the stock on a CSCom
 * manager's home); `?programme=` and `?product=` keep the filter and the open stock card in the URL.
 */
export default function FacilityPage({ facilityId, tasks }: { facilityId?: string; tasks?: ReactNode } = {}) {
  const { t } = useTranslation();
  const routeParams = useParams();
  const id = facilityId ?? routeParams.id ?? "";
  const [params, setParams] = useSearchParams();
  const facility = useFacility(id);
  const me = useMe().data;
  const role = me?.role;

  const programme = params.get("programme");
  const productParam = Number(params.get("product"));
  const productId = Number.isInteger(productParam) && productParam > 0 ? productParam : null;
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  if (facility.isPending) return <Loading />;
  if (facility.isError) {
    const notFound = facility.error instanceof ApiError && facility.error.code === "not_found";
    return (
      <div className="page">
        <Link to={mapPath(role)} className="back-link">
          ← {t("common.back")}
        </Link>
        {notFound ? (
          <ErrorState error={facility.error} title={t("facility.notFoundTitle")} message={t("facility.notFound")} />
        ) : (
          <ErrorState error={facility.error} onRetry={() => void facility.refetch()} />
        )}
      </div>
    );
  }
  return (
    <div className="page facility-page">
      {!tasks && (
        <Link to={mapPath(role)} className="back-link">
          ← {t("common.back")}
        </Link>
      )}
      <FacilityHeader facility={facility.data} />
      {tasks}
      {me && may(me, "stock:read") && inScope(me, facility.data) && (
        <TransfersSection facilityId={facility.data.id} canReceive={may(me, "stock:write")} />
      )}
      <StockSection
        facilityId={facility.data.id}
        programme={programme}
        productId={productId}
        onProgramme={(code) => update({ programme: code, product: null })}
        onProduct={(pid) => update({ product: pid === null ? null : String(pid) })}
      />
      {role && ORDER_ROLES.includes(role) && (
        <FacilityOrders facilityId={facility.data.id} isDepot={facility.data.level !== "cscom"} role={role} />
      )}
    </div>
  );
}
