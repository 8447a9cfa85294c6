/** Stock hooks: a facility's stock positions, one product's stock card, and the stock writes (movements, counts). */
import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import {
  MovementResultSchema,
  StockCardSchema,
  StockPositionsSchema,
  StockStatusSchema,
  type MovementCreate,
  type PhysicalCountCreate,
} from "@shared/contracts/stock";
import { LedgerWindowSchema } from "@shared/contracts/periods";
import { apiGet, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";

/** Stock positions of a facility, optionally for one programme. */
export function useStockPositions(facilityId: string, programme: string | null, enabled = true) {
  return useQuery({
    enabled: enabled && facilityId !== "",
    queryKey: ["stock", facilityId, programme ?? "all"],
    queryFn: ({ signal }) =>
      apiGet(StockPositionsSchema, `/facilities/${encodeURIComponent(facilityId)}/stock`, {
        query: { programme },
        signal,
      }),
    // Keep the previous answer on screen while the programme filter changes, never another facility's stock.
    placeholderData: (previous) => (previous?.facilityId === facilityId ? previous : undefined),
  });
}

/** One page of a product's stock card at a facility (ledger lines in date order). */
export function useStockCard(facilityId: string, productId: number | null, page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: ["stock-card", facilityId, productId, page.limit, page.offset],
    queryFn: ({ signal }) =>
      apiGet(StockCardSchema, `/facilities/${encodeURIComponent(facilityId)}/stock/${productId}/card`, {
        query: page,
        signal,
      }),
    enabled: productId !== null,
    placeholderData: keepPreviousData,
  });
}

/** The national stock picture of one product, optionally narrowed to a region or a district (the server adds the user's scope). */
export function useStockStatus(productId: number | null, area: { regionId: string | null; districtId: string | null }) {
  return useQuery({
    enabled: productId !== null,
    queryKey: ["stock-status", productId, area.regionId, area.districtId],
    queryFn: ({ signal }) =>
      apiGet(StockStatusSchema, "/stock/status", {
        query: { productId, regionId: area.regionId, districtId: area.districtId },
        signal,
      }),
    placeholderData: (previous) => (previous?.productId === productId ? previous : undefined),
  });
}

/** After a stock write: the facility's positions and stock cards refetched (and transfers, which it may have sent). */
function stockChanged(client: QueryClient, facilityId: string) {
  void client.invalidateQueries({ queryKey: ["stock", facilityId] });
  void client.invalidateQueries({ queryKey: ["stock-card", facilityId] });
  void client.invalidateQueries({ queryKey: ["stock-status"] });
  void client.invalidateQueries({ queryKey: ["transfers"] });
}

/** Records a receipt, issue, transfer or adjustment (POST /stock/movements); the answer lists the ledger lines written. */
export function useStockMovement() {
  const client = useQueryClient();
  return useWriteMutation(
    (body: MovementCreate, key) => apiWrite(MovementResultSchema, "/stock/movements", { body, idempotencyKey: key }),
    {
      onSuccess: (_result, body) => stockChanged(client, body.facilityId),
    },
  );
}

/** Records a physical count of lots (POST /stock/counts); differences come back as count adjustments. */
export function usePhysicalCount() {
  const client = useQueryClient();
  return useWriteMutation(
    (body: PhysicalCountCreate, key) => apiWrite(MovementResultSchema, "/stock/counts", { body, idempotencyKey: key }),
    {
      onSuccess: (_result, body) => stockChanged(client, body.facilityId),
    },
  );
}

/** Where a facility's open window starts (its last closed month). */
export function useLedgerWindow(facilityId: string, enabled = true) {
  return useQuery({
    enabled: enabled && facilityId !== "",
    queryKey: ["ledger-window", facilityId],
    queryFn: ({ signal }) =>
      apiGet(LedgerWindowSchema, `/facilities/${encodeURIComponent(facilityId)}/ledger-window`, { signal }),
  });
}

/** Closes a depot's month (and every month before it): no line may be dated in it any more. */
export function useClosePeriod(facilityId: string) {
  const client = useQueryClient();
  return useWriteMutation(
    (period: string, key) =>
      apiWrite(
        LedgerWindowSchema,
        `/facilities/${encodeURIComponent(facilityId)}/periods/${encodeURIComponent(period)}/close`,
        { idempotencyKey: key },
      ),
    { onSuccess: () => void client.invalidateQueries({ queryKey: ["ledger-window", facilityId] }) },
  );
}
