/** "Commande du district": the depot's own order to its supplier for a month, from the demand of the facilities it supplies. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { Facility } from "@shared/contracts/reference";
import { ApiError } from "../../api/client";
import { useDepotOrder, useOrders } from "../../api/orders";
import { ActionError } from "../../components/ActionError";
import { orderPath, type CreatedOrdersState } from "../../components/screens";
import { formatPeriod } from "../../i18n/format";
import { lastCompletePeriod, recentPeriods } from "@shared/domain/months";

/** The card with the month and the button; the first resulting order opens, the others are listed there. */
export function DistrictOrderCard({ depot }: { depot: Facility }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const today = new Date().toISOString().slice(0, 10);
  const [period, setPeriod] = useState(lastCompletePeriod(today));
  const [nothing, setNothing] = useState(false);
  const create = useDepotOrder();
  // The depot's regular orders already made for the month: shown so nobody creates a second one by mistake.
  const existing = (useOrders({ facilityId: depot.id, period, limit: 20 }).data?.items ?? []).filter(
    (o) => o.kind === "regular",
  );
  const noDemand = create.error instanceof ApiError && create.error.code === "conflict";
  const submit = () => {
    setNothing(false);
    create.mutate(
      { facilityId: depot.id, period },
      {
        onSuccess: ({ orders }) => {
          if (orders.length === 0) return setNothing(true);
          const state: CreatedOrdersState = { created: orders.map((o) => ({ id: o.id, flow: o.flow })) };
          void navigate(orderPath(orders[0]!.id), { state });
        },
      },
    );
  };
  return (
    <section className="action-card district-order" aria-labelledby="district-order-title">
      <h2 id="district-order-title">{t("depot.ownOrderTitle")}</h2>
      <p className="small">{t("depot.ownOrderHint", { name: depot.name })}</p>
      {existing.length > 0 && (
        <p className="small warn-text" data-testid="existing-district-orders">
          {t("depot.ownOrderExists", { count: existing.length, period: formatPeriod(period, i18n.language) })}{" "}
          {existing.map((o, i) => (
            <span key={o.id}>
              {i > 0 && ", "}
              <Link to={orderPath(o.id)}>
                #{o.id} ({t(`flow.${o.flow}`)}, {t(`orderStatus.${o.status}`)})
              </Link>
            </span>
          ))}
        </p>
      )}
      <div className="actions-row actions-row-start">
        <div className="field">
          <label htmlFor="district-order-period">{t("review.period")}</label>
          <select id="district-order-period" value={period} onChange={(e) => setPeriod(e.target.value)}>
            {recentPeriods(today, 6).map((m) => (
              <option key={m} value={m}>
                {formatPeriod(m, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button-primary" onClick={submit} disabled={create.isPending}>
          {create.isPending ? t("common.sending") : t("depot.ownOrderButton")}
        </button>
        {noDemand ? (
          <p className="form-error" role="alert" data-error-code="conflict">
            {t("depot.ownOrderNoDemand")}
          </p>
        ) : (
          <ActionError error={create.error} />
        )}
        {nothing && <p className="muted">{t("depot.ownOrderNothing")}</p>}
      </div>
    </section>
  );
}
