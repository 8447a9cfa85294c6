/** The review bar under the lines: the changed lines with their reasons, approve, or reject with a reason. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "@shared/contracts/auth";
import { OrderReject, type Order } from "@shared/contracts/replenishment";
import { FormFrame, FormServerError, TextAreaField } from "../../lib/forms/fields";
import { useContractForm } from "../../lib/forms/useContractForm";
import { useOrderAction } from "../../api/orders";
import { ActionError } from "../../components/ActionError";
import { formatNumber } from "../../i18n/format";
import { changedLines, draftProblems, type ApprovalDraft } from "./approvalDraft";

/** Props: the order under review, the signed-in user, the draft of edits, and what to do once approved or rejected. */
export interface ReviewBarProps {
  order: Order;
  me: Me;
  draft: ApprovalDraft;
  onAttempt: () => void;
  onDone: (message: string) => void;
}

/** The changed lines with their reasons (or "no change"). */
function ChangesSummary({
  order,
  changes,
  ownOrder,
}: {
  order: Order;
  changes: ReturnType<typeof changedLines>;
  ownOrder: boolean;
}) {
  const { t, i18n } = useTranslation();
  const byId = new Map(order.lines.map((l) => [l.id, l]));
  return (
    <div className="review-bar-summary">
      <h2 id="review-bar-title">{t("order.reviewTitle")}</h2>
      {changes.length === 0 ? (
        <p className="small">{t("order.noChange")}</p>
      ) : (
        <ul className="changes small" data-testid="changes">
          {changes.map((c) => {
            const line = byId.get(c.lineId)!;
            return (
              <li key={c.lineId}>
                <strong>{line.genericName}</strong> : {formatNumber(line.requestedQty, i18n.language)} →{" "}
                {c.approvedQty >= 0 ? formatNumber(c.approvedQty, i18n.language) : "?"}
                {c.reason ? ` — ${c.reason}` : <span className="warn-text"> — {t("order.reasonMissing")}</span>}
              </li>
            );
          })}
        </ul>
      )}
      {ownOrder && <p className="warn-text small">{t("order.ownOrder")}</p>}
    </div>
  );
}

/** Rejecting: the reason (the shared OrderReject contract checks it), cancel, confirm. */
function RejectForm({
  order,
  ownOrder,
  onCancel,
  onDone,
}: {
  order: Order;
  ownOrder: boolean;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const action = useOrderAction(order.id);
  const form = useContractForm({
    contract: OrderReject,
    toRequest: (v: { reason: string }) => ({ reason: v.reason }),
    customMessages: { "reason:*": "order.errors.reason" },
    defaultValues: { reason: "" },
  });
  return (
    <FormFrame
      form={form}
      serverError={action.error}
      onValid={(body) =>
        action.mutate({ action: "reject", body }, { onSuccess: () => onDone(t("order.done.rejected")) })
      }
      className="reject-form"
      aria-label={t("order.reject")}
    >
      <TextAreaField name="reason" id="reject-reason" label={t("order.rejectReason")} />
      <div className="review-bar-actions">
        <FormServerError />
        <button type="button" className="button" onClick={onCancel} disabled={action.isPending}>
          {t("common.cancel")}
        </button>
        <button type="submit" className="button button-danger" disabled={action.isPending || ownOrder}>
          {t("order.confirmReject")}
        </button>
      </div>
    </FormFrame>
  );
}

/** Sticky bar with the approval summary and the approve / reject actions. */
export function ReviewBar({ order, me, draft, onAttempt, onDone }: ReviewBarProps) {
  const { t } = useTranslation();
  const action = useOrderAction(order.id);
  const [rejecting, setRejecting] = useState(false);
  const changes = changedLines(order, draft);
  const ownOrder = order.submittedBy !== null && order.submittedBy === me.id;

  const approve = () => {
    onAttempt();
    const problems = draftProblems(order, draft);
    if (problems.size > 0) {
      const [lineId, first] = [...problems.entries()][0]!;
      document.getElementById(`${first.qty ? "qty" : "reason"}-${lineId}`)?.focus();
      return;
    }
    action.mutate(
      { action: "approve", body: { lines: changes } },
      { onSuccess: () => onDone(t("order.done.approved")) },
    );
  };

  return (
    <section className="review-bar" aria-labelledby="review-bar-title" data-testid="review-bar">
      <ChangesSummary order={order} changes={changes} ownOrder={ownOrder} />
      {rejecting ? (
        <RejectForm order={order} ownOrder={ownOrder} onCancel={() => setRejecting(false)} onDone={onDone} />
      ) : (
        <div className="review-bar-actions">
          <ActionError error={action.error} />
          <button
            type="button"
            className="button"
            onClick={() => setRejecting(true)}
            disabled={action.isPending || ownOrder}
          >
            {t("order.reject")}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={approve}
            disabled={action.isPending || ownOrder}
          >
            {action.isPending
              ? t("common.sending")
              : changes.length > 0
                ? t("order.approveWithChanges", { count: changes.length })
                : t("order.approve")}
          </button>
        </div>
      )}
    </section>
  );
}
