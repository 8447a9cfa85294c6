/**
 * The outbox of deliveries recorded on the tablet (IndexedDB through `idb`): each item is the POST /deliveries
 * body under its client-generated `deliveryId`, which is also the request's Idempotency-Key. Items survive
 * reloads, restarts and sign-outs (a driver's unsent deliveries are never thrown away); only their owner's are
 * shown and sent. States: `pending` (waiting for the network), `sent` (applied, or answered as already applied),
 * `refused` (the server's reason kept with it). Nothing is ever deleted by the app.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { DeliveryCreate } from "@shared/contracts/deliveries";

/** Where an item stands. */
export type OutboxState = "pending" | "sent" | "refused";

/** A refusal as the server answered it (code of shared/errors, the refusal reason, field issues). */
export interface OutboxRefusal {
  code: string;
  message: string;
  reason: string | null;
  issues: { path: string; message: string }[];
}

/** One delivery waiting to be, or already, sent. */
export interface OutboxItem {
  /** = body.deliveryId = Idempotency-Key */
  id: string;
  userId: number;
  planId: number;
  stopId: number;
  /** The stop's facility name, to list the item without the plan */
  facilityName: string;
  body: DeliveryCreate;
  state: OutboxState;
  createdAt: string;
  /** Last attempt (ISO), null before the first */
  attemptedAt: string | null;
  attempts: number;
  sentAt: string | null;
  refusal: OutboxRefusal | null;
  /** Why the last attempt did not reach the server (network, session), shown while pending */
  lastError: string | null;
}

interface OutboxDb extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { byUser: number } };
}

const DB_NAME = "fura-offline";
let dbPromise: Promise<IDBPDatabase<OutboxDb>> | null = null;

function db(): Promise<IDBPDatabase<OutboxDb>> {
  dbPromise ??= openDB<OutboxDb>(DB_NAME, 1, {
    upgrade(database) {
      const store = database.createObjectStore("outbox", { keyPath: "id" });
      store.createIndex("byUser", "userId");
    },
  });
  return dbPromise;
}

type Listener = () => void;
const listeners = new Set<Listener>();
/** Other tabs of the same device hear about changes too. */
const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("fura-outbox");
channel?.addEventListener("message", () => listeners.forEach((l) => l()));

/** Tells the screens (this tab and the others) that the outbox changed. */
function changed(): void {
  listeners.forEach((l) => l());
  channel?.postMessage("changed");
}

/** Calls `listener` after every change of the outbox; returns the unsubscribe function. */
export function onOutboxChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Adds a delivery to the outbox (state pending). The same id twice keeps the first item. */
export async function enqueueDelivery(
  item: Pick<OutboxItem, "userId" | "planId" | "stopId" | "facilityName" | "body">,
  now = new Date(),
): Promise<OutboxItem> {
  const database = await db();
  const existing = await database.get("outbox", item.body.deliveryId);
  if (existing) return existing;
  const stored: OutboxItem = {
    ...item,
    id: item.body.deliveryId,
    state: "pending",
    createdAt: now.toISOString(),
    attemptedAt: null,
    attempts: 0,
    sentAt: null,
    refusal: null,
    lastError: null,
  };
  await database.add("outbox", stored);
  changed();
  return stored;
}

/** The user's items, oldest first. */
export async function listOutbox(userId: number): Promise<OutboxItem[]> {
  const items = await (await db()).getAllFromIndex("outbox", "byUser", userId);
  return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Every item of every user (for a replay of the whole outbox, and tests). */
export async function listAllOutbox(): Promise<OutboxItem[]> {
  return (await db()).getAll("outbox");
}

/** Updates one item in a single transaction (read, change, write). */
export async function updateOutboxItem(id: string, change: (item: OutboxItem) => OutboxItem): Promise<void> {
  const tx = (await db()).transaction("outbox", "readwrite");
  const item = await tx.store.get(id);
  if (item) await tx.store.put(change(item));
  await tx.done;
  changed();
}
