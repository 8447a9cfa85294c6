/** The ledger's closed periods: a depot's explicit month close, and a facility's open window. */
import { z } from "zod";
import { FacilityRef } from "./refs";
import { Period } from "./replenishment";

/** `/facilities/:id/periods/:period/close`: a facility in scope and a month "YYYY-MM". */
export const PeriodCloseParams = z.object({ id: FacilityRef, period: Period });

/** Where a facility's open window starts: lines dated before `openFrom` are refused (corrections are dated now). */
export const LedgerWindowSchema = z.object({
  facilityId: z.string(),
  /** The last closed month "YYYY-MM" (by a submitted report or an explicit close), or null */
  closedPeriod: z.string().nullable(),
  closedBy: z.enum(["report", "close"]).nullable(),
  /** First instant of the open window (ISO date), or null when nothing is closed; a product's last count may start it later */
  openFrom: z.string().nullable(),
});
export type LedgerWindow = z.infer<typeof LedgerWindowSchema>;
