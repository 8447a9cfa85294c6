/** For the requesting facility: save changed requested quantities, and submit a draft (or a rejected order, corrected) for approval. */
import { useTranslation } from "react-i18next";
import type { Order } from "@shared/contracts/replenishment";
import { useOrderAction } from "../../api/orders";
import { useEditRequestedQty } from "../../api/reports";
import { ActionError } from "../../components/ActionError";
import { ImplausibleConfirm, implausibleItems } from "../../components/ImplausibleConfirm";

/** Props: the order, the requester's pending quantity changes (if the page lets them edit), and what to do once saved or submitted. */
export interface SubmitPanelProps {
  order: Order;
  onDone: (message: string) => void;
  changes?: { lines: { lineId: number; requestedQty: number }[]; invalid: number[] } | undefined;
  onSaved?: (() => void) | undefined;
}

/** The submit card shown on draft and rejected orders to their requester. */
export function SubmitPanel({ order, onDone, changes, onSaved }: SubmitPanelProps) {
  const { t } = useTranslation();
  const action = useOrderAction(order.id);
  const edit = useEditRequestedQty(order.id);
  const pending = changes?.lines.length ?? 0;
  const invalid = changes?.invalid ?? [];
  const busy = action.isPending || edit.isPending;

  /** Saves the changed quantities (one audited write); false when they could not be saved. */
  const save = async (confirmImplausible = false): Promise<boolean> => {
    if (invalid.length > 0) {
      document.getElementById(`req-${invalid[0]}`)?.focus();
      return false;
    }
    if (pending === 0) return true;
    try {
      await edit.mutateAsync({ lines: changes!.lines, ...(confirmImplausible ? { confirmImplausible } : {}) });
    } catch {
      return false; // shown by ActionError
    }
    onSaved?.();
    return true;
  };
  const submit = async () => {
    if (await save()) action.mutate({ action: "submit" }, { onSuccess: () => onDone(t("order.done.submitted")) });
  };

  return (
    <section className="action-card" aria-labelledby="submit-title">
      <h2 id="submit-title">{t("order.submitTitle")}</h2>
      <p className="small">{order.status === "rejected" ? t("order.submitAgainHint") : t("order.submitHint")}</p>
      {changes && (
        <p className="small" data-testid="request-changes">
          {pending === 0 ? t("orderRequest.noChange") : t("orderRequest.changed", { count: pending })}
          {invalid.length > 0 && (
            <strong className="warn-text"> {t("orderRequest.invalid", { count: invalid.length })}</strong>
          )}
        </p>
      )}
      <div className="actions-row">
        <ImplausibleConfirm
          error={edit.error}
          pending={edit.isPending}
          onConfirm={() => void save(true).then((ok) => ok && onDone(t("orderRequest.saved", { count: pending })))}
          label={(item) => {
            const line = order.lines.find((l) => l.id === changes?.lines[Number(item.path.split(".")[1])]?.lineId);
            return line ? `${line.genericName} — ${t("implausible.field.order_requested")}` : "";
          }}
        />
        {!implausibleItems(edit.error) && <ActionError error={edit.error ?? action.error} />}
        {changes && (
          <button
            type="button"
            className="button"
            disabled={busy || (pending === 0 && invalid.length === 0)}
            onClick={() =>
              void save().then((ok) => ok && pending > 0 && onDone(t("orderRequest.saved", { count: pending })))
            }
          >
            {edit.isPending ? t("common.sending") : t("orderRequest.save")}
          </button>
        )}
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void submit()}>
          {busy ? t("common.sending") : pending > 0 ? t("orderRequest.saveAndSubmit") : t("order.submit")}
        </button>
      </div>
    </section>
  );
}
