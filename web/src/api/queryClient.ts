/** The app's react-query client: a 401 from any query signs the user out of the UI (the guard then redirects). */
import { QueryCache, QueryClient } from "@tanstack/react-query";
import { ME_KEY } from "./auth";
import { ApiError } from "./client";

/** Builds the query client used by the app. */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (error instanceof ApiError && error.code === "unauthenticated") client.setQueryData(ME_KEY, null);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
  return client;
}
