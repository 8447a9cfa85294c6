/** After submission: the orders generated from the report, or "Générer la commande" (optional budget in FCFA) opening the new order. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { Report } from "@shared/contracts/replenishment";
import { useOrders } from "../../api/orders";
import { useOrdersFromReport } from "../../api/reports";
import { ActionError } from "../../components/ActionError";
import { FlowLabel, OrderStatusBadge } from "../../components/Badges";
import { orderPath, type CreatedOrdersState } from "../../components/screens";
import { ErrorState, Loading } from "../../components/States";
import { formatXof } from "../../i18n/format";
import { parseWhole } from "./reportDraft";

/** Props: the submitted report, and whether the user may order from it. */
export interface OrderFromReportCardProps {
  report: Report;
  canWrite: boolean;
}

/** The order card under a submitted report. */
export function OrderFromReportCard({ report, canWrite }: OrderFromReportCardProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const orders = useOrders({ facilityId: report.facilityId, period: report.period, limit: 100 });
  const generate = useOrdersFromReport();
  const [budget, setBudget] = useState("");
  const [nothing, setNothing] = useState(false);
  const budgetXof = budget.trim() === "" ? undefined : parseWhole(budget.replace(/\s/g, ""));
  const mine = (orders.data?.items ?? [])
    .filter((o) => o.reportId === report.id)
    .sort((a, b) => a.flow.localeCompare(b.flow) || a.id - b.id);

  const onGenerate = () => {
    if (budgetXof === null) {
      document.getElementById("order-budget")?.focus();
      return;
    }
    generate.mutate(
      { reportId: report.id, ...(budgetXof !== undefined ? { budgetXof } : {}) },
      {
        onSuccess: ({ orders: created }) => {
          const first = created.find((o) => o.flow === "cost_recovery") ?? created[0];
          const state: CreatedOrdersState = { created: created.map((o) => ({ id: o.id, flow: o.flow })) };
          if (first) void navigate(orderPath(first.id), { state });
          else setNothing(true);
        },
      },
    );
  };

  if (orders.isPending) return <Loading />;
  if (orders.isError) return <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />;
  return (
    <section className="action-card" aria-labelledby="order-from-report-title" data-testid="order-from-report">
      <h3 id="order-from-report-title">{t("monthlyReport.orderTitle")}</h3>
      {mine.length > 0 ? (
        <ul className="report-orders">
          {mine.map((o) => (
            <li key={o.id} data-order-id={o.id}>
              <Link to={orderPath(o.id)}>{t("order.title", { id: o.id })}</Link> <FlowLabel flow={o.flow} />{" "}
              <OrderStatusBadge status={o.status} />{" "}
              <span className="muted small">
                {t("review.lines", { count: o.lineCount })} · {formatXof(o.costXof, i18n.language)}
              </span>
            </li>
          ))}
        </ul>
      ) : canWrite ? (
        <>
          <p className="small">{t("monthlyReport.orderHint")}</p>
          <div className="field">
            <label htmlFor="order-budget">{t("monthlyReport.budget")}</label>
            <input
              id="order-budget"
              className="qty-input"
              inputMode="numeric"
              value={budget}
              onChange={(e) => setBudget(e.target.value)}
              aria-invalid={budgetXof === null || undefined}
              aria-describedby="order-budget-hint"
            />
            <span id="order-budget-hint" className={budgetXof === null ? "field-error" : "muted small"}>
              {budgetXof === null ? t("monthlyReport.errors.whole") : t("monthlyReport.budgetHint")}
            </span>
          </div>
          {nothing && <p className="notice">{t("monthlyReport.nothingToOrder")}</p>}
          <div className="actions-row">
            <ActionError error={generate.error} />
            <button type="button" className="button button-primary" disabled={generate.isPending} onClick={onGenerate}>
              {generate.isPending ? t("common.sending") : t("monthlyReport.generate")}
            </button>
          </div>
        </>
      ) : (
        <p className="muted small">{t("monthlyReport.noOrderYet")}</p>
      )}
    </section>
  );
}
