/**
 * What the tablet shows for a stop (pure, tested): the server's state once it knows a delivery, else what the
 * outbox holds for the stop — recorded and waiting to be sent, sent (applied), or refused with its reason.
 */
import type { RoutePlan } from "@shared/contracts/routePlans";
import { recordedStopState } from "@shared/domain/deliveries";
import type { OutboxItem } from "../../offline/outbox";

type Stop = RoutePlan["routes"][number]["stops"][number];

/** A stop's state on the tablet. */
export type TabletStopState =
  | { kind: "pending" }
  | { kind: "queued"; item: OutboxItem }
  | { kind: "recorded"; state: "delivered" | "partial" | "skipped"; at: string | null }
  | { kind: "refused"; item: OutboxItem };

/** The state of `stop` given the outbox items (any stops; the latest of this one decides). */
export function tabletStopState(stop: Stop, items: readonly OutboxItem[]): TabletStopState {
  if (stop.delivery.state !== "pending")
    return {
      kind: "recorded",
      state: stop.delivery.state,
      at: stop.delivery.departedAt ?? stop.delivery.arrivedAt ?? stop.delivery.recordedAt,
    };
  const mine = items.filter((i) => i.stopId === stop.id).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const latest = mine[0];
  if (!latest) return { kind: "pending" };
  if (latest.state === "pending") return { kind: "queued", item: latest };
  if (latest.state === "refused") return { kind: "refused", item: latest };
  const rejected = (latest.body.lines ?? []).reduce((n, l) => n + l.rejectedQty, 0);
  return {
    kind: "recorded",
    state: recordedStopState({ status: latest.body.status, rejectedUnits: rejected }),
    at: latest.body.departedAt ?? latest.createdAt,
  };
}

/** Whether the driver may record (again) at this stop. */
export function mayRecord(state: TabletStopState): boolean {
  return state.kind === "pending" || state.kind === "refused";
}

/** The `geo:` URI that hands the stop's coordinates to the tablet's maps app (RFC 5870), with its name as label. */
export function geoUri(stop: { lat: number; lon: number; facilityName: string }): string {
  const at = `${stop.lat.toFixed(6)},${stop.lon.toFixed(6)}`;
  return `geo:${at}?q=${at}(${encodeURIComponent(stop.facilityName)})`;
}
