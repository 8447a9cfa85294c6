/** The order's history: every status change with when, who and what came with it (reasons, changed lines, shortfall choice). */
import { useTranslation } from "react-i18next";
import type { Me } from "@shared/contracts/auth";
import type { Order } from "@shared/contracts/replenishment";
import { formatDateTime } from "../../i18n/format";

type OrderEvent = Order["events"][number];

/** A short sentence for what an event carried, or null. */
function useEventDetail() {
  const { t } = useTranslation();
  return (event: OrderEvent): string | null => {
    const c = (event.changes ?? {}) as Record<string, unknown>;
    if (typeof c.reason === "string") return t("timeline.reason", { reason: c.reason });
    if (Array.isArray(c.changed))
      return c.changed.length === 0 ? t("timeline.asRequested") : t("timeline.changed", { count: c.changed.length });
    if (typeof c.shortfallAction === "string")
      return t(`timeline.shortfall_${c.shortfallAction === "escalate" ? "escalate" : "backorder"}`);
    if (typeof c.fromReport === "number") return t("timeline.fromReport", { id: c.fromReport });
    if (typeof c.backorderOf === "number") return t("timeline.backorderOf", { id: c.backorderOf });
    if (typeof c.escalatedFrom === "number") return t("timeline.escalatedFrom", { id: c.escalatedFrom });
    if (Array.isArray(c.edited)) return t("timeline.edited", { count: c.edited.length });
    if (c.allocation) return t("timeline.allocation");
    return null;
  };
}

/** The history as an ordered list, oldest first. */
export function OrderTimeline({ order, me }: { order: Order; me: Me }) {
  const { t } = useTranslation();
  const detail = useEventDetail();
  return (
    <section className="timeline-section" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("timeline.title")}</h2>
      <ol className="timeline" data-testid="timeline">
        {order.events.map((e) => {
          const text = detail(e);
          return (
            <li key={e.id} data-to-status={e.toStatus}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              <div>
                <strong>
                  {e.fromStatus === e.toStatus
                    ? t("timeline.updated")
                    : t(`orderStatus.${e.toStatus as Order["status"]}`)}
                </strong>
                <span className="muted small">
                  {" · "}
                  {e.userId === null
                    ? t("timeline.system")
                    : e.userId === me.id
                      ? t("timeline.you")
                      : (e.userName ?? t("timeline.user", { id: e.userId }))}
                </span>
                {text && <p className="small">{text}</p>}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
