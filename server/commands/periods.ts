/**
 * Closing a depot's month: every line dated before the end of the month is refused from then on (the ledger's
 * append path reads the close). A CSCom's month closes when its report is submitted. There is no reopening:
 * corrections of a closed month are entries dated now, with a reason and what they correct.
 */
import { periodCloses } from "../../db/schema";
import { monthAfter } from "../../shared/domain/stock";
import { AppError } from "../../shared/errors";
import type { Tx } from "../../db/client";
import { lastClosedPeriod } from "../queries/ledgerWindow";
import { fieldError } from "../fieldError";
import { loadFacility } from "./stockRefs";

/** Closes `period` ("YYYY-MM") and every month before it at the facility; answers the new window. */
export function closePeriod(tx: Tx, facilityId: string, period: string, userId: number | null, now: Date) {
  const facility = loadFacility(tx, facilityId, "id");
  if (facility.level === "cscom")
    throw new AppError("conflict", "A CSCom's month closes when its monthly report is submitted", {
      issues: [{ path: "id", message: "a CSCom closes its month by submitting its report" }],
    });
  const openFrom = monthAfter(period);
  if (openFrom > now.toISOString().slice(0, 10)) fieldError("period", "the month is not over yet");
  const closed = lastClosedPeriod(tx, facility.id);
  if (closed && closed.period >= period)
    throw new AppError("conflict", `${period} is already closed (up to ${closed.period})`, {
      issues: [{ path: "period", message: `already closed: the ledger is closed up to ${closed.period}` }],
      closedPeriod: closed.period,
      closedBy: closed.by,
    });
  tx.insert(periodCloses)
    .values({ facilityId: facility.id, period, closedAt: now.toISOString(), closedBy: userId })
    .run();
  return { facilityId: facility.id, closedPeriod: period, closedBy: "close" as const, openFrom };
}
