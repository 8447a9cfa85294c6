/** A depot's fleet and drivers, and the returns to the depot: reads and writes (each write with an Idempotency-Key). */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { ReturnReceiptResultSchema, ReturnsSchema, type ReturnReceipt } from "@shared/contracts/deliveries";
import { FleetSchema, FleetVehicleInput, FleetVehicleSchema } from "@shared/contracts/fleet";
import { apiGet, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";

/** Query keys of the fleet and the returns. */
export const fleetKeys = {
  fleet: (depotId: string) => ["fleet", depotId] as const,
  returns: (depotId: string) => ["returns", depotId] as const,
};

/** The depot's vehicles and drivers. */
export function useFleet(depotId: string | null) {
  return useQuery({
    queryKey: fleetKeys.fleet(depotId ?? ""),
    queryFn: ({ signal }) => apiGet(FleetSchema, `/depots/${encodeURIComponent(depotId!)}/fleet`, { signal }),
    enabled: depotId !== null,
  });
}

/** A vehicle as the form sends it (defaults applied by the server). */
export type VehicleBody = z.input<typeof FleetVehicleInput>;

/** Adds (no id) or changes (id) a vehicle of the depot's fleet. */
export function useSaveVehicle(depotId: string) {
  const client = useQueryClient();
  return useWriteMutation(
    ({ id, body }: { id: number | null; body: VehicleBody }, key) =>
      apiWrite(
        FleetVehicleSchema,
        id === null
          ? `/depots/${encodeURIComponent(depotId)}/vehicles`
          : `/depots/${encodeURIComponent(depotId)}/vehicles/${id}`,
        { method: id === null ? "POST" : "PUT", body, idempotencyKey: key },
      ),
    { onSuccess: () => void client.invalidateQueries({ queryKey: fleetKeys.fleet(depotId) }) },
  );
}

/** What rides back to the depot (not yet received). */
export function useReturns(depotId: string | null) {
  return useQuery({
    queryKey: fleetKeys.returns(depotId ?? ""),
    queryFn: ({ signal }) =>
      apiGet(ReturnsSchema, "/deliveries/returns", { query: { depotId, status: "in_transit" }, signal }),
    enabled: depotId !== null,
    refetchInterval: 60_000,
  });
}

/** Confirms what came back. */
export function useReceiveReturns(depotId: string) {
  const client = useQueryClient();
  return useWriteMutation(
    (body: ReturnReceipt, key) =>
      apiWrite(ReturnReceiptResultSchema, "/deliveries/returns", { body, idempotencyKey: key }),
    { onSuccess: () => void client.invalidateQueries({ queryKey: fleetKeys.returns(depotId) }) },
  );
}
