/** Reports, orders and their life cycle: list and detail queries, and the writes (each with an Idempotency-Key). */
import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { pageOf } from "@shared/contracts/common";
import {
  OrderCycleResultSchema,
  OrderSchema,
  OrderSummarySchema,
  OrdersCreatedSchema,
  OrderTransitionSchema,
  ReportSummarySchema,
  ReportListSchema,
  type LinePick,
  type Order,
  type OrderTransition,
} from "@shared/contracts/replenishment";
export type { LinePick } from "@shared/contracts/replenishment";
import { ApiError, apiGet, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";

export { ReportSummarySchema };
/** A report as GET /reports lists it (without lines). */
export type { ReportSummary } from "@shared/contracts/replenishment";

/** An order as GET /orders lists it (with its cost and budget flag). */
export const OrderListItemSchema = OrderSummarySchema;
/** An order as GET /orders lists it. */
export type OrderListItem = z.infer<typeof OrderListItemSchema>;
/** One order status. */
export type OrderStatus = Order["status"];

/** Answer of every order transition (the shared contract the routes declare). */
const TransitionAnswer = OrderTransitionSchema;
/** Answer of every order transition. */
export type TransitionAnswer = OrderTransition;
const OrdersAnswer = OrdersCreatedSchema;

const orderPage = pageOf(OrderListItemSchema);

/** Filters of GET /reports. */
export interface ReportFilter {
  period?: string | undefined;
  districtId?: string | undefined;
  facilityId?: string | undefined;
  status?: "draft" | "submitted" | undefined;
  limit?: number;
  offset?: number;
}

/** Filters of GET /orders. */
export interface OrderFilter {
  period?: string | undefined;
  status?: OrderStatus | undefined;
  facilityId?: string | undefined;
  supplierId?: string | undefined;
  regionId?: string | undefined;
  districtId?: string | undefined;
  flow?: Order["flow"] | undefined;
  limit?: number;
  offset?: number;
}

/** Query keys, so writes can refresh exactly what they change. */
export const orderKeys = {
  reports: (filter: ReportFilter) => ["reports", "list", filter] as const,
  list: (filter: OrderFilter) => ["orders", "list", filter] as const,
  detail: (id: number) => ["orders", "detail", id] as const,
  picks: (id: number) => ["orders", "picks", id] as const,
};

/** One page of monthly reports in scope. */
export function useReports(filter: ReportFilter, enabled = true) {
  return useQuery({
    queryKey: orderKeys.reports(filter),
    queryFn: ({ signal }) => apiGet(ReportListSchema, "/reports", { query: { ...filter }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One page of orders in scope (ordering facility or supplier). */
export function useOrders(filter: OrderFilter, enabled = true) {
  return useQuery({
    queryKey: orderKeys.list(filter),
    queryFn: ({ signal }) => apiGet(orderPage, "/orders", { query: { ...filter }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Every order matching a filter (pages of 500 read one after the other), for screens that join them with other lists. */
export function useAllOrders(filter: Omit<OrderFilter, "limit" | "offset">, enabled = true) {
  return useQuery({
    queryKey: orderKeys.list({ ...filter, limit: -1 }),
    queryFn: async ({ signal }) => {
      const items: OrderListItem[] = [];
      for (;;) {
        const page = await apiGet(orderPage, "/orders", {
          query: { ...filter, limit: 500, offset: items.length },
          signal,
        });
        items.push(...page.items);
        if (page.items.length === 0 || items.length >= page.total) return items;
      }
    },
    enabled,
  });
}

const fetchOrder = (id: number, signal?: AbortSignal) => apiGet(OrderSchema, `/orders/${id}`, { signal });

/** One order with its lines (each with its explanation), lots and history. */
export function useOrder(id: number) {
  return useQuery({
    queryKey: orderKeys.detail(id),
    queryFn: ({ signal }) => fetchOrder(id, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** The FEFO pick list of the last pick of an order in this session (the server does not keep the blocked lots). */
export function useLastPicks(id: number): LinePick[] | undefined {
  // Never fetched: the pick transition writes it into the cache.
  return useQuery<LinePick[]>({
    queryKey: orderKeys.picks(id),
    queryFn: () => [],
    enabled: false,
    staleTime: Infinity,
    gcTime: Infinity,
  }).data;
}

/** After a write: the order's new state in the cache, lists, reports and stock refetched. */
function refreshAfter(client: QueryClient, orders: Order[]) {
  for (const order of orders) client.setQueryData(orderKeys.detail(order.id), order);
  void client.invalidateQueries({ queryKey: ["orders", "list"] });
  void client.invalidateQueries({ queryKey: ["reports"] });
  void client.invalidateQueries({ queryKey: ["stock"] });
}

/** Order transitions and the body each one takes. */
export type OrderAction =
  | { action: "submit" }
  | { action: "approve"; body: { lines: { lineId: number; approvedQty: number; reason: string }[] } }
  | { action: "reject"; body: { reason: string } }
  | { action: "pick" }
  | { action: "unpick" }
  | { action: "ship"; body: { shortfallAction: "backorder" | "escalate" } }
  | {
      action: "deliver";
      body: {
        lines: {
          lineId: number;
          lots: { lotId: number; acceptedQty: number; rejectedQty: number; reason?: string }[];
        }[];
      };
    }
  | { action: "receive" };

/** Runs one transition of an order (submit, approve, reject, pick, unpick, ship, deliver, receive). */
export function useOrderAction(id: number) {
  const client = useQueryClient();
  return useWriteMutation(
    (vars: OrderAction, key) =>
      apiWrite(TransitionAnswer, `/orders/${id}/${vars.action}`, {
        body: "body" in vars ? vars.body : undefined,
        idempotencyKey: key,
      }),
    {
      onSuccess: (answer) => {
        if (answer.picks) client.setQueryData(orderKeys.picks(id), answer.picks);
        refreshAfter(client, [answer.order]);
      },
      // Someone else moved the order meanwhile: show it as it is now (the error stays next to the action).
      onError: (error) => {
        if (error instanceof ApiError && (error.code === "invalid_transition" || error.code === "conflict"))
          void client.invalidateQueries({ queryKey: orderKeys.detail(id) });
      },
    },
  );
}

/** A depot's own order to its supplier, from the demand of the facilities it supplies. */
export function useDepotOrder() {
  const client = useQueryClient();
  return useWriteMutation(
    (vars: { facilityId: string; period: string }, key) =>
      apiWrite(OrdersAnswer, "/orders/depot", { body: vars, idempotencyKey: key }),
    {
      onSuccess: (answer) => refreshAfter(client, answer.orders),
    },
  );
}

/** The month's order cycle over a district (POST /orders/cycle): orders for every report submitted without orders. */
export function useOrderCycle() {
  const client = useQueryClient();
  return useWriteMutation(
    (vars: { period: string; districtId?: string; confirmLaterOrders?: boolean }, key) =>
      apiWrite(OrderCycleResultSchema, "/orders/cycle", { body: vars, idempotencyKey: key }),
    {
      onSuccess: () => {
        void client.invalidateQueries({ queryKey: ["orders", "list"] });
        void client.invalidateQueries({ queryKey: ["reports"] });
      },
    },
  );
}
