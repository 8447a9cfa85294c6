/**
 * The CSCom manager's writes and reads around the monthly report (CRGS): one report with its lines,
 * create / save lines / submit, the suggested orders generated from it, an emergency order, and the
 * requested quantities of a draft order. Every write carries an Idempotency-Key (one per user action).
 */
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import {
  OrdersCreatedSchema,
  OrderTransitionSchema,
  ReportSchema,
  type Order,
  type Report,
} from "@shared/contracts/replenishment";
import { apiGet, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";
import { orderKeys, useReports } from "./orders";

/** Query keys of reports (lists live under ["reports", "list", …] in api/orders). */
export const reportKeys = {
  detail: (id: number) => ["reports", "detail", id] as const,
};

/** One line as PUT /reports/:id/lines takes it (base units; D signed and split by reason). */
export interface ReportLineWrite {
  productId: number;
  fundingSource: string;
  opening: number;
  received: number;
  consumed: number;
  adjustments: number;
  adjustmentsByReason: Record<string, number>;
  closing: number;
  stockoutDays: number;
}

const OrdersAnswer = OrdersCreatedSchema;
const TransitionAnswer = OrderTransitionSchema;

/** The reports of one facility, newest period first (two years at most: the periods a manager chooses from). */
export function useFacilityReports(facilityId: string | null) {
  return useReports({ facilityId: facilityId ?? undefined, limit: 24 }, facilityId !== null);
}

/** One report with its lines. */
export function useReport(id: number | null) {
  return useQuery({
    queryKey: reportKeys.detail(id ?? 0),
    queryFn: ({ signal }) => apiGet(ReportSchema, `/reports/${id}`, { signal }),
    enabled: id !== null && id > 0,
  });
}

/** After a report write: the report in the cache, report and order lists refetched. */
function reportChanged(client: QueryClient, report: Report) {
  client.setQueryData(reportKeys.detail(report.id), report);
  void client.invalidateQueries({ queryKey: ["reports", "list"] });
}

/** After an order write: the orders in the cache, order lists and stock refetched. */
function ordersChanged(client: QueryClient, orders: Order[]) {
  for (const order of orders) client.setQueryData(orderKeys.detail(order.id), order);
  void client.invalidateQueries({ queryKey: ["orders", "list"] });
}

/** Creates a facility's report for a month, pre-filled from its ledger by the server. */
export function useCreateReport() {
  const client = useQueryClient();
  return useWriteMutation(
    (vars: { facilityId: string; period: string }, key) =>
      apiWrite(ReportSchema, "/reports", { body: vars, idempotencyKey: key }),
    {
      onSuccess: (report) => reportChanged(client, report),
    },
  );
}

/** Saves changed lines of a draft report (each line replaced as typed; mismatches are flagged by the server, not fixed). */
export function useSaveReportLines(reportId: number) {
  const client = useQueryClient();
  return useWriteMutation(
    (body: { lines: ReportLineWrite[]; confirmImplausible?: boolean }, key) =>
      apiWrite(ReportSchema, `/reports/${reportId}/lines`, { method: "PUT", body, idempotencyKey: key }),
    {
      onSuccess: (report) => reportChanged(client, report),
    },
  );
}

/** Submits a draft report (the server records whether it came in on time). */
export function useSubmitReport(reportId: number) {
  const client = useQueryClient();
  return useWriteMutation(
    (_vars: Record<string, never>, key) =>
      apiWrite(ReportSchema, `/reports/${reportId}/submit`, { idempotencyKey: key }),
    {
      onSuccess: (report) => reportChanged(client, report),
    },
  );
}

/** Generates the suggested orders of a submitted report (cost recovery and free care apart; optional budget in FCFA). */
export function useOrdersFromReport() {
  const client = useQueryClient();
  return useWriteMutation(
    (vars: { reportId: number; budgetXof?: number }, key) =>
      apiWrite(OrdersAnswer, "/orders/from-report", { body: vars, idempotencyKey: key }),
    {
      onSuccess: (answer) => ordersChanged(client, answer.orders),
    },
  );
}

/** Creates an emergency order of a facility: the lines at or below the emergency order point. */
export function useEmergencyOrder() {
  const client = useQueryClient();
  return useWriteMutation(
    (vars: { facilityId: string }, key) =>
      apiWrite(OrdersAnswer, "/orders/emergency", { body: vars, idempotencyKey: key }),
    {
      onSuccess: (answer) => ordersChanged(client, answer.orders),
    },
  );
}

/** Changes requested quantities of a draft (or rejected) order; the server records the change in the order's history and the audit log. */
export function useEditRequestedQty(orderId: number) {
  const client = useQueryClient();
  return useWriteMutation(
    (body: { lines: { lineId: number; requestedQty: number }[]; confirmImplausible?: boolean }, key) =>
      apiWrite(TransitionAnswer, `/orders/${orderId}/lines`, { method: "PATCH", body, idempotencyKey: key }),
    {
      onSuccess: (answer) => ordersChanged(client, [answer.order]),
    },
  );
}
