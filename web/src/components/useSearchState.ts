/** Screen state kept in the URL (filters, page), so "back" from a detail page returns to the same view. */
import { useCallback } from "react";
import { useSearchParams } from "react-router";

/** The URL's search params and a function that sets or removes (null / "") several at once, replacing the history entry. */
export function useSearchState(): [URLSearchParams, (changes: Record<string, string | null>) => void] {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | null>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === "") next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [params, update];
}
