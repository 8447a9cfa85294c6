/**
 * The deliveries recorded on this tablet and where each stands — waiting, sent, refused with the reason —, with
 * "Envoyer maintenant". Items are never removed: a refused one stays listed (the stop may be recorded again).
 */
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import type { OutboxItem } from "../../offline/outbox";
import { refusalText } from "./StopCard";

/** Why a waiting item did not go yet. */
function waitingWhy(t: TFunction, item: OutboxItem): string | null {
  if (!item.lastError) return null;
  const known = ["network_error", "unauthenticated", "csrf_failed"] as const;
  const code = (known as readonly string[]).includes(item.lastError)
    ? (item.lastError as (typeof known)[number])
    : "other";
  return t(`delivery.outbox.lastError.${code}`);
}

/** The outbox list and its sync button. */
export function OutboxPanel({
  items,
  syncing,
  onSync,
}: {
  items: readonly OutboxItem[];
  syncing: boolean;
  onSync: () => void;
}) {
  const { t } = useTranslation();
  const waiting = items.filter((i) => i.state === "pending").length;
  return (
    <section
      className="driver-outbox"
      aria-labelledby="driver-outbox-title"
      data-testid="outbox"
      data-waiting={waiting}
    >
      <div className="driver-outbox-head">
        <h2 id="driver-outbox-title">{t("delivery.outbox.title")}</h2>
        <button
          type="button"
          className="button button-primary driver-button"
          onClick={onSync}
          disabled={syncing || waiting === 0}
          data-testid="outbox-sync"
        >
          {syncing ? t("delivery.outbox.syncing") : t("delivery.outbox.syncNow")}
        </button>
      </div>
      <p className="driver-outbox-count" role="status">
        {items.length === 0 ? t("delivery.outbox.empty") : t("delivery.outbox.waiting", { count: waiting })}
      </p>
      {items.length > 0 && (
        <ul className="plain-list driver-outbox-list">
          {[...items].reverse().map((item) => (
            <li
              key={item.id}
              data-testid="outbox-item"
              data-state={item.state}
              data-delivery-id={item.id}
              data-stop-id={item.stopId}
            >
              <span className={`driver-outbox-badge is-${item.state}`}>{t(`delivery.outbox.state.${item.state}`)}</span>
              <strong>{item.facilityName}</strong>
              <span className="muted">
                {" "}
                · {t(`delivery.state.${item.body.status}`)} ·{" "}
                {t("delivery.outbox.recorded", { time: formatDateTime(item.createdAt) })}
                {item.sentAt && ` · ${t("delivery.outbox.sentAt", { time: formatDateTime(item.sentAt) })}`}
              </span>
              {item.state === "refused" && (
                <span className="block driver-outbox-refusal" data-testid="outbox-refusal">
                  {t("delivery.outbox.refusedBecause", { reason: refusalText(t, item.refusal) })}
                </span>
              )}
              {item.state === "pending" && waitingWhy(t, item) && (
                <span className="block muted">{waitingWhy(t, item)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
