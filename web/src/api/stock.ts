/** Stock hooks: a facility's stock positions and one product's stock card. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { StockCardSchema, StockPositionsSchema, StockStatusSchema } from "@shared/contracts/stock";
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

/** The national stock picture of one product, optionally narrowed to a region or a district (the server adds the user's scope). */
export function useStockStatus(productId: number | null, area: { regionId: string | null; districtId: string | null }) {
  return useQuery({
    enabled: productId !== null,
    queryKey: ["stock-status", productId, area.regionId, area.districtId],
    queryFn: ({ signal }) => apiGet(StockStatusSchema, "/stock/status", { query: { productId, regionId: area.regionId, districtId: area.districtId }, signal }),
    placeholderData: (previous) => (previous?.productId === productId ? previous : undefined),
  });
}
