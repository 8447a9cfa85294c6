/** Replenishment routes: the one-line preview of the order calculation. */
import { PreviewRequest, PreviewResponse } from "../../shared/contracts/replenishment";
import { computeOrderQuantity } from "../../shared/domain/replenishment";
import type { AppDeps } from "../deps";
import type { SecureRouter } from "./secureRouter";

/** POST /replenishment/preview: the order calculation of one line, explained, from its inputs alone (stores nothing). */
export function replenishmentRoutes(r: SecureRouter, _deps: AppDeps): void {
  r.compute(
    "/replenishment/preview",
    { action: "reference:read", body: PreviewRequest, response: PreviewResponse },
    ({ res, body: input }) => {
      const s = computeOrderQuantity(input);
      const body: PreviewResponse = {
        adjustedConsumption: s.adjustedConsumption,
        amc: s.amc,
        monthsOfStock: s.monthsOfStock === null ? null : Math.round(s.monthsOfStock * 10000) / 10000,
        maxStock: s.maxStock,
        quantity: s.quantity,
        packs: s.packs,
        emergency: s.emergency,
        decision: s.decision,
        explanation: s.explanation,
      };
      res.json(body);
    },
  );
}
