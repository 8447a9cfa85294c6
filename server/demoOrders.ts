/** After the demo seed: the last month's submitted reports become submitted orders awaiting review. */
import type { OpenDb } from "../db/client";
import type { SeedSummary } from "../db/seed";
import { runOrderCycle } from "./commands/orderCycle";

/** Builds the orders of the seed's last reported month, as the CSComs would have sent them. */
export function seedMonthOrders(open: OpenDb, summary: SeedSummary, now: Date = new Date()): void {
  if (!summary.lastMonth) return;
  runOrderCycle(open.sqlite, { period: summary.lastMonth, status: "submitted", userId: null, now });
}
