/**
 * Idempotency keys for writes: one key per user action, reused when the same action is retried (same
 * payload), so a request whose answer was lost on a bad network is never applied twice.
 */
import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
import { useRef } from "react";

/** A random key: crypto.randomUUID where available (secure contexts), else a v4 UUID from getRandomValues (plain http on a LAN). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Remembers the key of the pending action: the same payload keeps its key until the action succeeds. */
export class ActionKey {
  private current: { key: string; payload: string } | null = null;

  /** The key for this payload: the previous one when it is a retry of the same action, else a new one. */
  keyFor(payload: unknown): string {
    const text = JSON.stringify(payload ?? null);
    if (!this.current || this.current.payload !== text) this.current = { key: newIdempotencyKey(), payload: text };
    return this.current.key;
  }

  /** The action went through: the next one gets a new key. */
  done(): void {
    this.current = null;
  }
}

/**
 * useMutation for a write: `send(vars, key)` receives the action's Idempotency-Key. A retry with the
 * same variables (after an error) reuses the key; success forgets it.
 */
export function useWriteMutation<TVars, TData>(
  send: (vars: TVars, key: string) => Promise<TData>,
  options: Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn"> = {},
) {
  const keys = useRef<ActionKey | null>(null);
  keys.current ??= new ActionKey();
  const actionKey = keys.current;
  return useMutation<TData, Error, TVars>({
    ...options,
    mutationFn: (vars) => send(vars, actionKey.keyFor(vars)),
    onSuccess: (...args) => {
      actionKey.done();
      return options.onSuccess?.(...args);
    },
  });
}
