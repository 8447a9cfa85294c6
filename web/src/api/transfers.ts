/** Transfers between facilities: lists in and out, where a facility may send, and the receiver's confirmation. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  DestinationsSchema,
  TransferListSchema,
  TransferReceiveResultSchema,
  type TransferReceive,
  type TransferStatus,
} from "@shared/contracts/transfers";
import { ApiError, apiGet, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";

/** Filters of GET /transfers. */
export interface TransferFilter {
  facilityId: string;
  direction?: "in" | "out" | undefined;
  status?: TransferStatus | undefined;
  limit?: number;
}

/** A facility's transfers in or out (newest first). */
export function useTransfers(filter: TransferFilter, enabled = true) {
  return useQuery({
    enabled: enabled && filter.facilityId !== "",
    queryKey: ["transfers", filter],
    queryFn: ({ signal }) => apiGet(TransferListSchema, "/transfers", { query: { ...filter }, signal }),
  });
}

/** The facilities a facility may send to (its supply lines, both directions), for one programme. */
export function useTransferDestinations(facilityId: string, programme: string | null) {
  return useQuery({
    enabled: facilityId !== "" && programme !== null,
    queryKey: ["transfer-destinations", facilityId, programme],
    queryFn: ({ signal }) =>
      apiGet(DestinationsSchema, `/facilities/${encodeURIComponent(facilityId)}/transfer-destinations`, {
        query: { programme },
        signal,
      }),
    staleTime: 5 * 60_000,
  });
}

/** The receiving facility confirms what arrived (accepted / rejected per lot). */
export function useReceiveTransfer(id: number) {
  const client = useQueryClient();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ["transfers"] });
    void client.invalidateQueries({ queryKey: ["stock"] });
    void client.invalidateQueries({ queryKey: ["stock-card"] });
  };
  return useWriteMutation(
    (body: TransferReceive, key) =>
      apiWrite(TransferReceiveResultSchema, `/transfers/${id}/receive`, { body, idempotencyKey: key }),
    {
      onSuccess: refresh,
      // Received meanwhile (another tablet): show it as it is now; the error stays next to the form.
      onError: (error) => {
        if (error instanceof ApiError && error.code === "invalid_transition") refresh();
      },
    },
  );
}
