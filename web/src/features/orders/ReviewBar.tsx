/** The review bar under the lines: the changed lines with their reasons, approve, or reject with a reason. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "@shared/contracts/auth";
import { OrderReject, type Order } from "@shared/contracts/replenishment";
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

/** Sticky bar with the approval summary and the approve / reject actions. */
export function ReviewBar({ order, me, draft, onAttempt, onDone }: ReviewBarProps) {
  const { t, i18n } = useTranslation();
  const action = useOrderAction(order.id);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState(false);
  const changes = changedLines(order, draft);
  const byId = new Map(order.lines.map((l) => [l.id, l]));
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
  const reject = () => {
    const parsed = OrderReject.safeParse({ reason });
    setReasonError(!parsed.success);
    if (!parsed.success) {
      document.getElementById("reject-reason")?.focus();
      return;
    }
    action.mutate({ action: "reject", body: parsed.data }, { onSuccess: () => onDone(t("order.done.rejected")) });
  };

  return (
    <section className="review-bar" aria-labelledby="review-bar-title" data-testid="review-bar">
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
      {rejecting && (
        <div className="reject-form">
          <label htmlFor="reject-reason">{t("order.rejectReason")}</label>
          <textarea
            id="reject-reason"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={reasonError || undefined}
            aria-describedby={reasonError ? "reject-reason-error" : undefined}
          />
          {reasonError && (
            <span id="reject-reason-error" className="field-error">
              {t("order.errors.reason")}
            </span>
          )}
        </div>
      )}
      <div className="review-bar-actions">
        <ActionError error={action.error} />
        {rejecting ? (
          <>
            <button type="button" className="button" onClick={() => setRejecting(false)} disabled={action.isPending}>
              {t("common.cancel")}
            </button>
            <button
              type="button"
              className="button button-danger"
              onClick={reject}
              disabled={action.isPending || ownOrder}
            >
              {t("order.confirmReject")}
            </button>
          </>
        ) : (
          <>
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
          </>
        )}
      </div>
    </section>
  );
}
