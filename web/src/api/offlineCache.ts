/**
 * The service worker's cache of the driver's reads (vite.config.ts): where an answer came from, and
 * forgetting every cached answer when the session changes hands (sign-in, sign-out).
 */

/** Name of the runtime cache the service worker fills (GET /auth/me, the driver's route plans). */
export const OFFLINE_CACHE = "fura-driver-api";

/** Prefix of what the driver's screen keeps in localStorage for offline use (forgotten with the cache). */
export const OFFLINE_STORAGE_PREFIX = "fura.offline.";

/** Where an API answer came from: the network, or the service worker's cache (and when the server produced it). */
export interface AnswerSource {
  fromCache: boolean;
  /** When the server produced the answer (its Date header, ISO), null when unknown */
  servedAt: string | null;
}

/** Reads an answer's source: the service worker marks its cached answers with X-Fura-From-Cache; Date is the server's. */
export function answerSource(res: Pick<Response, "headers">): AnswerSource {
  const date = res.headers.get("Date");
  const time = date ? Date.parse(date) : Number.NaN;
  return {
    fromCache: res.headers.get("X-Fura-From-Cache") === "1",
    servedAt: Number.isNaN(time) ? null : new Date(time).toISOString(),
  };
}

/** Deletes the cached answers and the offline notes (the next user of the device must never read the previous one's data). */
export async function clearOfflineCache(): Promise<void> {
  try {
    for (const key of Object.keys(localStorage))
      if (key.startsWith(OFFLINE_STORAGE_PREFIX)) localStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept.
  }
  try {
    if (typeof caches !== "undefined") await caches.delete(OFFLINE_CACHE);
  } catch {
    // No Cache API (insecure context, private mode): nothing was cached.
  }
}

/** A JSON note kept on the device for offline use (null when absent or unreadable). */
export function readOfflineNote<T>(name: string): T | null {
  try {
    const raw = localStorage.getItem(OFFLINE_STORAGE_PREFIX + name);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

/** Keeps a JSON note on the device for offline use (forgotten by clearOfflineCache). */
export function writeOfflineNote(name: string, value: unknown): void {
  try {
    localStorage.setItem(OFFLINE_STORAGE_PREFIX + name, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the screen still works online.
  }
}
