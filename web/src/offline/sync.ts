/**
 * Sends the outbox: each pending delivery is posted once more with its own id as Idempotency-Key (a retry after a
 * lost answer is answered by the server without applying twice). An answer decides the item — applied: `sent`;
 * refused (a field error, a delivery that can no longer apply, a stop hidden from the driver): `refused` with
 * the reason. No network, a lost session or a server error leave it `pending` for the next run. Runs are
 * serialised across the device's tabs (Web Locks where the browser has them).
 */
import { ApiError, apiWrite } from "../api/client";
import { listOutbox, updateOutboxItem, type OutboxItem, type OutboxRefusal } from "./outbox";

/** What one run did. */
export interface SyncReport {
  sent: number;
  refused: number;
  /** Items still pending (no network, session to renew, server error) */
  pending: number;
  /** Why the run stopped early, if it did */
  stopped: "network" | "session" | null;
}

/** Codes that leave an item pending: the request did not reach a decision. */
const TRANSIENT = new Set(["network_error", "unauthenticated", "csrf_failed", "rate_limited", "internal_error"]);

function refusalOf(error: ApiError): OutboxRefusal {
  const details = (error.details ?? {}) as { reason?: string; issues?: { path: string; message: string }[] };
  return {
    code: error.code,
    message: error.message,
    reason: details.reason ?? null,
    issues: Array.isArray(details.issues) ? details.issues.slice(0, 10) : [],
  };
}

/** Posts one item; returns how it ended. */
async function sendOne(item: OutboxItem): Promise<"sent" | "refused" | "network" | "session" | "later"> {
  const at = new Date().toISOString();
  try {
    // An answer that does not parse counts as no decision (internal_error): the item stays pending. The contract
    // (and zod) loads only when something is sent, so the driver's screen does not carry it otherwise.
    const { DeliveryResultSchema } = await import("@shared/contracts/deliveries");
    await apiWrite(DeliveryResultSchema, "/deliveries", { body: item.body, idempotencyKey: item.id });
    await updateOutboxItem(item.id, (i) => ({
      ...i,
      state: "sent",
      sentAt: at,
      attemptedAt: at,
      attempts: i.attempts + 1,
      lastError: null,
    }));
    return "sent";
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const transient = TRANSIENT.has(error.code) || error.status >= 500;
    await updateOutboxItem(item.id, (i) => ({
      ...i,
      attemptedAt: at,
      attempts: i.attempts + 1,
      ...(transient ? { lastError: error.code } : { state: "refused", refusal: refusalOf(error), lastError: null }),
    }));
    if (!transient) return "refused";
    if (error.code === "network_error") return "network";
    return error.code === "unauthenticated" || error.code === "csrf_failed" ? "session" : "later";
  }
}

async function run(userId: number): Promise<SyncReport> {
  const report: SyncReport = { sent: 0, refused: 0, pending: 0, stopped: null };
  for (const item of await listOutbox(userId)) {
    if (item.state !== "pending") continue;
    if (report.stopped) {
      report.pending += 1;
      continue;
    }
    const outcome = await sendOne(item);
    if (outcome === "sent") report.sent += 1;
    else if (outcome === "refused") report.refused += 1;
    else {
      report.pending += 1;
      if (outcome !== "later") report.stopped = outcome;
    }
  }
  return report;
}

let inFlight: Promise<SyncReport> | null = null;

/** Sends the user's pending deliveries, oldest first; one run at a time on the device. */
export function syncOutbox(userId: number): Promise<SyncReport> {
  inFlight ??= (async () => {
    try {
      const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
      return locks ? await locks.request("fura-outbox-sync", () => run(userId)) : await run(userId);
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}
