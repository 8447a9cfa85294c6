/** Stock hooks: a facility's stock positions and one product's stock card. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { StockCardSchema, StockPositionsSchema } from "@shared/contracts/stock";
import { apiGet } from "./client";

/** Stock positions of a facility, optionally for one programme. */
export function useStockPositions(facilityId: string, programme: string | null, enabled = true) {
  return useQuery({
    enabled: enabled && facilityId !== "",
    queryKey: ["stock", facilityId, programme ?? "all"],
    queryFn: ({ signal }) => apiGet(StockPositionsSchema, `/facilities/${encodeURIComponent(facilityId)}/stock`, { query: { programme }, signal }),
    // Keep the previous answer on screen while the programme filter changes, never another facility's stock.
    placeholderData: (previous) => (previous?.facilityId === facilityId ? previous : undefined),
  });
}

/** One page of a product's stock card at a facility (ledger lines in date order). */
export function useStockCard(facilityId: string, productId: number | null, page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: ["stock-card", facilityId, productId, page.limit, page.offset],
    queryFn: ({ signal }) => apiGet(StockCardSchema, `/facilities/${encodeURIComponent(facilityId)}/stock/${productId}/card`, { query: page, signal }),
    enabled: productId !== null,
    placeholderData: keepPreviousData,
  });
}
