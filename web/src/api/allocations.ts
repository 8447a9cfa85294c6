/** Free-care allocations: the rationing preview and sending the plan (approved orders: per CSCom, and per depot on the way). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AllocationPlanSchema, AllocationSentSchema, type AllocationRequest } from "@shared/contracts/replenishment";
export type { AllocationPlan } from "@shared/contracts/replenishment";
import { apiGet, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";

const SentSchema = AllocationSentSchema;

/** Computes the plan without writing anything. */
export function useAllocationPreview() {
  return useMutation({
    mutationFn: (req: AllocationRequest) =>
      apiGet(AllocationPlanSchema, "/allocations/preview", { method: "POST", body: req }),
  });
}

/** Sends the plan: the orders are created approved, ready to pick at the source depot. */
export function useSendAllocation() {
  const client = useQueryClient();
  return useWriteMutation(
    (req: AllocationRequest, key) => apiWrite(SentSchema, "/allocations", { body: req, idempotencyKey: key }),
    {
      onSuccess: () => {
        void client.invalidateQueries({ queryKey: ["orders", "list"] });
      },
    },
  );
}
