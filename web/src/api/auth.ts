/** Session: who is signed in, sign in, sign out. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Me } from "@shared/contracts/auth";
import { ApiError, apiRequest, setCsrfToken } from "./client";
import { clearOfflineCache } from "./offlineCache";

/** Query key of the signed-in user; `null` data means "not signed in". */
export const ME_KEY = ["auth", "me"] as const;

/** Login and /auth/me answer the user (shared MeSchema) and, when the server uses one, the session's CSRF token. */
type UserEnvelope = { user: Me; csrfToken?: string };

/** Whether an answer has the shape of a user envelope (the server builds it with MeSchema; its tests check it). */
function isUserEnvelope(body: unknown): body is UserEnvelope {
  const { user, csrfToken } = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const u = (typeof user === "object" && user !== null ? user : {}) as Record<string, unknown>;
  return (
    typeof u.id === "number" &&
    typeof u.username === "string" &&
    typeof u.role === "string" &&
    typeof u.mustChangePassword === "boolean" &&
    (csrfToken === undefined || typeof csrfToken === "string")
  );
}

/**
 * Calls an auth route and checks its answer's shape by hand rather than with zod: the session is read on every
 * screen, the driver's included, whose JavaScript must stay small (issue 12); the server validates with the contract.
 */
async function fetchUser(path: string, options: Parameters<typeof apiRequest>[1]): Promise<Me> {
  const body = await apiRequest(path, options);
  if (!isUserEnvelope(body)) throw new ApiError("internal_error", 200, `Unexpected response from ${path}`);
  setCsrfToken(body.csrfToken ?? null);
  return body.user;
}

/** The signed-in user, or null when the API answers 401. */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: ME_KEY,
    queryFn: async ({ signal }) => {
      try {
        return await fetchUser("/auth/me", { signal });
      } catch (error) {
        if (error instanceof ApiError && error.code === "unauthenticated") {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
    // Asked even when the browser says it is offline: the service worker answers from its cache (the driver's tablet).
    networkMode: "offlineFirst",
  });
}

/** Signs in; on success the user becomes the ME query data. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { username: string; password: string }) => {
      const user = await fetchUser("/auth/login", { method: "POST", body: input });
      // A new session: nothing another user left for offline use may be read.
      await clearOfflineCache();
      return user;
    },
    onSuccess: (user) => {
      queryClient.setQueryData(ME_KEY, user);
    },
  });
}

/** Signs out and forgets every cached answer. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest("/auth/logout", { method: "POST" }),
    onSettled: () => {
      setCsrfToken(null);
      void clearOfflineCache();
      // Set the ME query to null in place (its observers — the guard, the header — re-render and leave the
      // page), then forget every other answer. Clearing the whole cache first would orphan those observers.
      queryClient.setQueryData(ME_KEY, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
    },
  });
}

/** Changes the signed-in user's password (a temporary one stops being one); the session is read again after. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      apiRequest("/auth/password", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  });
}
