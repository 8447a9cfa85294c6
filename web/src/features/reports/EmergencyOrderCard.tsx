/**
 * Emergency order outside the calendar: the products running lowest (from the CSCom's stock positions)
 * as a guide, and one action that asks the server for the lines at or below the emergency order
 * point — the server applies the policy and says when nothing qualifies.
 */
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ApiError } from "../../api/client";
import { useEmergencyOrder } from "../../api/reports";
import { useStockPositions } from "../../api/stock";
import { ActionError } from "../../components/ActionError";
import { orderPath, type CreatedOrdersState } from "../../components/screens";
import { ErrorState, Loading } from "../../components/States";
import { formatMonths, formatNumber } from "../../i18n/format";

/** Products listed as a guide. */
const SHOWN = 8;

/** The emergency card of the CSCom's orders page. */
export function EmergencyOrderCard({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const stock = useStockPositions(facilityId, null);
  const emergency = useEmergencyOrder();
  const low = (stock.data?.items ?? [])
    .filter((p) => p.status === "stockout" || p.status === "under")
    .sort(
      (a, b) => (a.monthsOfStock ?? 0) - (b.monthsOfStock ?? 0) || a.genericName.localeCompare(b.genericName, "fr"),
    );
  const nothing = emergency.error instanceof ApiError && emergency.error.code === "conflict";

  const onCreate = () =>
    emergency.mutate(
      { facilityId },
      {
        onSuccess: ({ orders }) => {
          const state: CreatedOrdersState = { created: orders.map((o) => ({ id: o.id, flow: o.flow })) };
          if (orders[0]) void navigate(orderPath(orders[0].id), { state });
        },
      },
    );

  return (
    <section className="action-card" aria-labelledby="emergency-title" data-testid="emergency-card">
      <h2 id="emergency-title">{t("emergency.title")}</h2>
      <p className="small">{t("emergency.hint")}</p>
      {stock.isPending ? (
        <Loading />
      ) : stock.isError ? (
        <ErrorState error={stock.error} onRetry={() => void stock.refetch()} />
      ) : low.length === 0 ? (
        <p className="muted small">{t("emergency.noneLow")}</p>
      ) : (
        <>
          <p className="small">{t("emergency.lowIntro", { count: low.length })}</p>
          <ul className="low-stock small">
            {low.slice(0, SHOWN).map((p) => (
              <li key={p.productId}>
                <strong>
                  {p.genericName} {p.strength}
                </strong>{" "}
                —{" "}
                {t("emergency.position", {
                  stock: formatNumber(p.stockOnHand, lang),
                  amc: formatNumber(p.amc, lang),
                  mos: formatMonths(p.monthsOfStock, lang),
                })}{" "}
                <span className={`badge badge-${p.status}`}>{t(`status.${p.status}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="actions-row">
        {nothing ? (
          <p className="notice" role="status">
            {t("emergency.nothing")}
          </p>
        ) : (
          <ActionError error={emergency.error} />
        )}
        <button type="button" className="button button-danger" disabled={emergency.isPending} onClick={onCreate}>
          {emergency.isPending ? t("common.sending") : t("emergency.create")}
        </button>
      </div>
    </section>
  );
}
