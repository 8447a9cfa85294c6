/** Free-care allocations: preview the rationed shares, then send them as approved orders. */
import { AllocationPlanSchema, AllocationRequest, AllocationSentSchema } from "../../shared/contracts/replenishment";
import { planAllocation, sendAllocation } from "../commands/allocation";
import type { AppDeps } from "../deps";
import { created, type SecureRouter } from "./secureRouter";

/** Routes of allocations (the source depot, the district or region and every target facility are checked by their refs). */
export function allocationRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db, clock } = deps;
  const spec = { action: "orders:approve", body: AllocationRequest } as const;

  r.compute("/allocations/preview", { ...spec, response: AllocationPlanSchema }, ({ res, body }) => {
    res.json(db.transaction((tx) => planAllocation(tx, body, clock())));
  });
  r.post("/allocations", { ...spec, response: created(AllocationSentSchema) }, ({ tx, body, user, now }) => {
    const sent = sendAllocation(tx, body, user.id, now);
    return {
      status: 201,
      body: sent,
      audit: {
        action: "allocation.send",
        objectType: "allocation",
        objectId: `${sent.plan.productId}@${sent.plan.sourceFacilityId}`,
        after: { request: body, orderIds: sent.orderIds, rationed: sent.plan.rationed },
      },
    };
  });
}
