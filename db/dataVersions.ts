/**
 * Which writes make which cached answers stale. Every table of the database is classified here, and
 * db/migrations hold the triggers generated from this table (`dataVersionTriggers()`); a test checks that
 * the triggers installed are exactly these and that no table is left unclassified — a new table fails it
 * until it is classified here and its triggers are added in a migration
 * (`node --import tsx scripts/dataVersionTriggers.ts TABLE…` prints them).
 *
 * - `facilities`: SQL expressions on the row (written `R.`, NEW or OLD in the trigger) giving the facilities whose
 *   answers the row appears in; a write raises each one's version (before and after an update).
 * - `"reference"`: data every answer may show (names, catalogue, prices, policies, settings): a write raises '*',
 *   which invalidates every cached answer. `insertOnly: false` skips inserts (a new lot is in no answer until a
 *   movement, which raises its facility, refers to it).
 * - `"unread"`: no cached read reads the table (the audit log, sessions, idempotency keys…).
 */

/** How writes to one table invalidate cached answers. */
export type DataVersionRule = { facilities: string[] } | { reference: true; skipInsert?: boolean } | { unread: true };

const viaOrder = (orderId: string) => [
  `(SELECT facility_id FROM orders WHERE id = ${orderId})`,
  `(SELECT supplier_id FROM orders WHERE id = ${orderId})`,
];
const viaPlan = (planId: string) => [`(SELECT depot_id FROM route_plans WHERE id = ${planId})`];
const REFERENCE = { reference: true } as const;
const UNREAD = { unread: true } as const;

export const DATA_VERSION_RULES: Record<string, DataVersionRule> = {
  // The ledger and the facility's own records.
  // A depot's history shows what its CSComs received from it (their receipts name it as counterparty).
  stock_movements: { facilities: ["R.facility_id", "R.counterparty_id"] },
  stock_balances: { facilities: ["R.facility_id"] },
  stock_counts: { facilities: ["R.facility_id"] },
  period_closes: { facilities: ["R.facility_id"] },
  imported_history: { facilities: ["R.facility_id"] },
  pipeline_shipments: { facilities: ["R.facility_id"] },
  dhis2_org_units: { facilities: ["R.facility_id"] },
  stock_reports: { facilities: ["R.facility_id"] },
  stock_report_lines: { facilities: ["(SELECT facility_id FROM stock_reports WHERE id = R.report_id)"] },
  // Between two facilities: both sides see it.
  orders: { facilities: ["R.facility_id", "R.supplier_id"] },
  order_lines: { facilities: viaOrder("R.order_id") },
  order_events: { facilities: viaOrder("R.order_id") },
  order_line_lots: {
    facilities: viaOrder("(SELECT order_id FROM order_lines WHERE id = R.order_line_id)"),
  },
  stock_transfers: { facilities: ["R.from_facility_id", "R.to_facility_id"] },
  stock_transfer_lots: {
    facilities: [
      "(SELECT from_facility_id FROM stock_transfers WHERE id = R.transfer_id)",
      "(SELECT to_facility_id FROM stock_transfers WHERE id = R.transfer_id)",
    ],
  },
  deliveries: { facilities: ["R.depot_id", "R.facility_id"] },
  delivery_returns: { facilities: ["R.depot_id", "R.facility_id"] },
  route_plans: { facilities: ["R.depot_id"] },
  route_stops: { facilities: ["R.facility_id", ...viaPlan("R.plan_id")] },
  route_unassigned: { facilities: ["R.facility_id", ...viaPlan("R.plan_id")] },
  route_plan_vehicles: { facilities: viaPlan("R.plan_id") },
  depot_vehicles: { facilities: ["R.depot_id"] },
  // Reference data.
  facilities: REFERENCE,
  districts: REFERENCE,
  regions: REFERENCE,
  supply_lines: REFERENCE,
  products: REFERENCE,
  product_prices: REFERENCE,
  product_gtins: REFERENCE,
  programmes: REFERENCE,
  funding_sources: REFERENCE,
  stock_policies: REFERENCE,
  settings: REFERENCE,
  users: REFERENCE,
  lots: { reference: true, skipInsert: true },
  // Read by no cached answer.
  audit_log: UNREAD,
  idempotency_keys: UNREAD,
  sessions: UNREAD,
  sign_in_failures: UNREAD,
  dhis2_pushes: UNREAD,
  dhis2_settings: UNREAD,
  dhis2_data_elements: UNREAD,
  history_imports: UNREAD,
  quantification_scenarios: UNREAD,
  procurement_budgets: UNREAD,
  data_versions: UNREAD,
  __drizzle_migrations: UNREAD,
};

/** The scope of the reference data. */
export const REFERENCE_SCOPE = "*";

const EVENTS = [
  ["insert", "INSERT", ["NEW"]],
  ["update", "UPDATE", ["OLD", "NEW"]],
  ["delete", "DELETE", ["OLD"]],
] as const;

/** The CREATE TRIGGER statements of one table (none for an unread table). */
export function dataVersionTriggers(table: string): string[] {
  const rule = DATA_VERSION_RULES[table];
  if (!rule) throw new Error(`${table} is not classified in db/dataVersions.ts`);
  if ("unread" in rule) return [];
  return EVENTS.filter(([event]) => !("reference" in rule && rule.skipInsert && event === "insert")).map(
    ([event, sqlEvent, rows]) => {
      const values =
        "reference" in rule
          ? `SELECT '${REFERENCE_SCOPE}' AS v`
          : rows
              .flatMap((row) => rule.facilities.map((e) => `SELECT ${e.replace(/\bR\./g, `${row}.`)} AS v`))
              .join(" UNION ");
      return [
        `CREATE TRIGGER data_version_${table}_${event} AFTER ${sqlEvent} ON ${table}`,
        "BEGIN",
        `  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (${values}) WHERE v IS NOT NULL`,
        "    ON CONFLICT (scope) DO UPDATE SET version = version + 1;",
        "END;",
      ].join("\n");
    },
  );
}
