/**
 * Reporting and order indicators (pure formulas over counts the server loads in one query each).
 *
 * Completeness (DHIS2 "reporting rate"): submitted reports of the period ÷ reports expected — one per active
 * CSCom in the area that keeps its stock in Fura. Timeliness (DHIS2 "reporting rate on time"): reports
 * submitted by their due date ÷ reports expected. Order fill rate: quantity shipped ÷ quantity approved, over
 * the lines of orders that have been shipped (shipped, delivered or received) in the window of periods.
 */
import { figure, type Figure } from "./figures";

/** Reports of one period in an area. */
export interface ReportCounts {
  expected: number;
  submitted: number;
  onTime: number;
}

/** Completeness and timeliness of one period. */
export function reportingRates(c: ReportCounts): { completeness: Figure; timeliness: Figure } {
  return { completeness: figure(c.submitted, c.expected), timeliness: figure(c.onTime, c.expected) };
}

/** Order lines of shipped orders: quantities approved and shipped (shipped capped at approved per line). */
export interface FillCounts {
  approvedQty: number;
  shippedQty: number;
  lines: number;
  fullLines: number;
}

/** Quantity fill rate, with the share of lines shipped in full beside it. */
export function fillRate(c: FillCounts): Figure & { lines: Figure } {
  return { ...figure(c.shippedQty, c.approvedQty), lines: figure(c.fullLines, c.lines) };
}
