/** The outbox as the driver's screens see it: the signed-in driver's items, kept current, and the sync triggers. */
import { useCallback, useEffect, useState } from "react";
import { listOutbox, onOutboxChange, type OutboxItem } from "./outbox";
import { syncOutbox, type SyncReport } from "./sync";

/** Seconds between automatic runs while something waits. */
const RETRY_EVERY_MS = 30_000;

/** The user's outbox items, oldest first (null while loading). */
export function useOutboxItems(userId: number | null): OutboxItem[] | null {
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  useEffect(() => {
    if (userId === null) return;
    let live = true;
    const load = () => void listOutbox(userId).then((list) => live && setItems(list));
    load();
    const off = onOutboxChange(load);
    return () => {
      live = false;
      off();
    };
  }, [userId]);
  return items;
}

/**
 * Runs the sync when the screen opens, when the network comes back, every 30 s while items wait, and on demand
 * (`syncNow`); `syncing` and the last report are for the screen.
 */
export function useOutboxSync(userId: number | null, pending: number) {
  const [syncing, setSyncing] = useState(false);
  const [last, setLast] = useState<SyncReport | null>(null);
  const syncNow = useCallback(async () => {
    if (userId === null) return;
    setSyncing(true);
    try {
      setLast(await syncOutbox(userId));
    } finally {
      setSyncing(false);
    }
  }, [userId]);
  useEffect(() => {
    if (userId === null) return;
    void syncNow();
    const online = () => void syncNow();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [userId, syncNow]);
  useEffect(() => {
    if (userId === null || pending === 0) return;
    const timer = window.setInterval(() => void syncNow(), RETRY_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [userId, pending, syncNow]);
  return { syncing, last, syncNow };
}
