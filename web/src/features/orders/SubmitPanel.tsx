/** For the requesting facility: submit a draft (or a rejected order, corrected) for approval. */
import { useTranslation } from "react-i18next";
import type { Order } from "@shared/contracts/replenishment";
import { useOrderAction } from "../../api/orders";
import { ActionError } from "../../components/ActionError";

/** The submit card shown on draft and rejected orders to their requester. */
export function SubmitPanel({ order, onDone }: { order: Order; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const action = useOrderAction(order.id);
  return (
    <section className="action-card" aria-labelledby="submit-title">
      <h2 id="submit-title">{t("order.submitTitle")}</h2>
      <p className="small">{order.status === "rejected" ? t("order.submitAgainHint") : t("order.submitHint")}</p>
      <div className="actions-row">
        <ActionError error={action.error} />
        <button type="button" className="button button-primary" disabled={action.isPending} onClick={() => action.mutate({ action: "submit" }, { onSuccess: () => onDone(t("order.done.submitted")) })}>
          {action.isPending ? t("common.sending") : t("order.submit")}
        </button>
      </div>
    </section>
  );
}
