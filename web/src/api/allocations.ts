/** Free-care allocations: the rationing preview and sending the plan (one approved order per facility). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import type { AllocationRequest } from "@shared/contracts/replenishment";
import { apiGet, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";

/** One facility's share of an allocation plan (base units). */
export const AllocationShareSchema = z.object({
  facilityId: z.string(),
  facilityName: z.string(),
  amc: z.number().int(),
  stockOnHand: z.number().int(),
  monthsOfStock: z.number().nullable(),
  need: z.number().int(),
  quantity: z.number().int(),
  packs: z.number().int(),
});
/** The computed plan, as POST /allocations/preview answers it. */
export const AllocationPlanSchema = z.object({
  productId: z.number().int(),
  sourceFacilityId: z.string(),
  fundingSource: z.string(),
  available: z.number().int(),
  totalNeed: z.number().int(),
  allocated: z.number().int(),
  rationed: z.boolean(),
  shares: z.array(AllocationShareSchema),
});
/** The computed plan. */
export type AllocationPlan = z.infer<typeof AllocationPlanSchema>;
const SentSchema = z.object({ plan: AllocationPlanSchema, orderIds: z.array(z.number().int()) });

/** Computes the plan without writing anything. */
export function useAllocationPreview() {
  return useMutation({ mutationFn: (req: AllocationRequest) => apiGet(AllocationPlanSchema, "/allocations/preview", { method: "POST", body: req }) });
}

/** Sends the plan: the orders are created approved, ready to pick at the source depot. */
export function useSendAllocation() {
  const client = useQueryClient();
  return useWriteMutation((req: AllocationRequest, key) => apiWrite(SentSchema, "/allocations", { body: req, idempotencyKey: key }), {
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["orders", "list"] });
    },
  });
}
