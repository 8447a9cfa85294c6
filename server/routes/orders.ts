/** The order life cycle (draft → … → received) and the month's order cycle, scoped, idempotent and audited. */
import type { z } from "zod";
import {
  DepotOrderCreate,
  EmergencyOrderCreate,
  OrderApprove,
  OrderCycleRequest,
  OrderDeliver,
  OrderLinesEdit,
  OrderQuery,
  OrderReject,
  OrderCycleResultSchema,
  OrderSchema,
  OrderShip,
  OrderSummarySchema,
  OrdersCreatedSchema,
  OrdersFromReport,
  OrderTransitionSchema,
} from "../../shared/contracts/replenishment";
import { pageOf } from "../../shared/contracts/common";
import { OrderParams, RequesterOrderParams, SupplierOrderParams } from "../../shared/contracts/refs";
import { deliverOrder, pickOrder, shipOrder, unpickOrder } from "../commands/fulfilment";
import { runOrderCycle } from "../commands/orderCycle";
import {
  approveOrder,
  createOrdersFromReport,
  editOrderLines,
  loadOrderRow,
  receiveOrder,
  rejectOrder,
  submitOrder,
} from "../commands/orders";
import { createPositionOrders } from "../commands/positionOrders";
import type { AppDeps } from "../deps";
import { scopeFilter } from "../policies";
import { resolveArea } from "../queries/area";
import { loadOrder, reportsAwaitingOrders } from "../queries/replenishment";
import { sendJson } from "../reads/send";
import { created as createdAnswer, type SecureRouter } from "./secureRouter";
import type { WriteCall, WriteOutcome } from "./write";

type IdParams = typeof OrderParams | typeof RequesterOrderParams | typeof SupplierOrderParams;
type OrderCall<B extends z.ZodType | undefined> = WriteCall<IdParams, undefined, B>;

/** An audited order transition answering the order as it is now (and what the transition returned). */
function transition<B extends z.ZodType | undefined>(action: string, run: (call: OrderCall<B>) => object | void) {
  return (call: OrderCall<B>): WriteOutcome => {
    const id = call.params.id;
    const before = loadOrderRow(call.tx, id).status;
    const extra = run(call);
    const order = loadOrder(call.tx, id);
    return {
      status: 200,
      body: { order, ...(extra ?? {}) },
      audit: {
        action,
        objectType: "order",
        objectId: String(id),
        before: { status: before },
        after: { status: order.status, request: call.body ?? null },
      },
    };
  };
}

/** Orders created by one request, answered in full. */
function created(tx: OrderCall<undefined>["tx"], ids: number[]) {
  return { orders: ids.map((id) => loadOrder(tx, id)) };
}

/** Routes of orders: reading, creating (from a report, the month's cycle, a depot's own, an emergency), the life cycle. */
export function orderRoutes(r: SecureRouter, deps: AppDeps): void {
  orderReadRoutes(r, deps);
  orderCreationRoutes(r, deps);
  orderCycleRoute(r, deps);
  orderTransitionRoutes(r);
}

/** GET /orders and GET /orders/:id. */
function orderReadRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db } = deps;

  r.get(
    "/orders",
    { action: "orders:read", query: OrderQuery, response: pageOf(OrderSummarySchema) },
    async ({ res, user, query }) => {
      sendJson(res, await deps.reads.json("orders", scopeFilter(user), query));
    },
  );
  r.get("/orders/:id", { action: "orders:read", params: OrderParams, response: OrderSchema }, ({ res, params }) => {
    res.json(loadOrder(db, params.id));
  });
}

/** The writes that create orders. */
function orderCreationRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db } = deps;
  r.post(
    "/orders/from-report",
    { action: "orders:request", body: OrdersFromReport, response: createdAnswer(OrdersCreatedSchema) },
    ({ tx, body, user, now }) => {
      const ids = createOrdersFromReport(tx, db.$client, body.reportId, body.budgetXof, user.id, now);
      return {
        status: 201,
        body: created(tx, ids),
        audit: {
          action: "order.create",
          objectType: "report",
          objectId: String(body.reportId),
          after: { orderIds: ids, budgetXof: body.budgetXof ?? null },
        },
      };
    },
  );

  r.post(
    "/orders/depot",
    { action: "orders:request", body: DepotOrderCreate, response: createdAnswer(OrdersCreatedSchema) },
    ({ tx, body, user, now }) => {
      const { facilityId, period } = body;
      const ids = createPositionOrders(tx, { facilityId, period, kind: "regular", userId: user.id, now });
      return {
        status: 201,
        body: created(tx, ids),
        audit: {
          action: "order.create",
          objectType: "facility",
          objectId: facilityId,
          after: { orderIds: ids, basis: "downstream demand", period },
        },
      };
    },
  );
  r.post(
    "/orders/emergency",
    { action: "orders:request", body: EmergencyOrderCreate, response: createdAnswer(OrdersCreatedSchema) },
    ({ tx, body, user, now }) => {
      const period = now.toISOString().slice(0, 7);
      const ids = createPositionOrders(tx, {
        facilityId: body.facilityId,
        period,
        kind: "emergency",
        userId: user.id,
        now,
      });
      return {
        status: 201,
        body: created(tx, ids),
        audit: {
          action: "order.create",
          objectType: "facility",
          objectId: body.facilityId,
          after: { orderIds: ids, basis: "emergency order point" },
        },
      };
    },
  );
}

/** POST /orders/cycle: the month's order cycle over an area (409 confirmation_required before a second set). */
function orderCycleRoute(r: SecureRouter, deps: AppDeps): void {
  const { db } = deps;
  r.post(
    "/orders/cycle",
    { action: "orders:approve", body: OrderCycleRequest, response: createdAnswer(OrderCycleResultSchema) },
    ({ tx, body: q, user, now }) => {
      const scope = scopeFilter(user);
      const area = resolveArea(db, scope, q);
      // The whole country (the national run) needs no list of reports: the cycle finds them itself.
      const national = "all" in scope && q.regionId === undefined && q.districtId === undefined;
      const reportIds = national ? undefined : reportsAwaitingOrders(tx, area, q.period);
      const result = runOrderCycle(db.$client, {
        period: q.period,
        status: "submitted",
        userId: user.id,
        now,
        laterOrders: q.confirmLaterOrders ? "allow" : "refuse",
        ...(reportIds ? { reportIds } : {}),
      });
      const summary = { period: q.period, reports: result.reports, orders: result.orders, lines: result.lines };
      return {
        status: 201,
        body: { ...summary, orderIds: result.orderIds },
        audit: {
          action: "order.cycle",
          objectType: "period",
          objectId: q.period,
          after: { ...summary, regionId: q.regionId ?? null, districtId: q.districtId ?? null },
        },
      };
    },
  );
}

/** The order life cycle: edit, submit, approve, reject, pick, unpick, ship, deliver, receive. */
function orderTransitionRoutes(r: SecureRouter): void {
  const response = OrderTransitionSchema;
  const requester = { action: "orders:request", params: RequesterOrderParams, response } as const;
  const approver = { action: "orders:approve", params: SupplierOrderParams, response } as const;
  const fulfiller = { action: "orders:fulfil", params: SupplierOrderParams, response } as const;

  r.patch(
    "/orders/:id/lines",
    { ...requester, body: OrderLinesEdit },
    transition<typeof OrderLinesEdit>("order.edit", ({ tx, params, body, user, now }) =>
      editOrderLines(tx, params.id, body.lines, user.id, now, body.confirmImplausible),
    ),
  );
  r.post(
    "/orders/:id/submit",
    requester,
    transition("order.submit", ({ tx, params, user, now }) => submitOrder(tx, params.id, user.id, now)),
  );
  r.post(
    "/orders/:id/approve",
    { ...approver, body: OrderApprove },
    transition<typeof OrderApprove>("order.approve", ({ tx, params, body, user, now }) =>
      approveOrder(tx, params.id, body.lines, user, now, body.confirmImplausible),
    ),
  );
  r.post(
    "/orders/:id/reject",
    { ...approver, body: OrderReject },
    transition<typeof OrderReject>("order.reject", ({ tx, params, body, user, now }) =>
      rejectOrder(tx, params.id, body.reason, user, now),
    ),
  );
  r.post(
    "/orders/:id/pick",
    fulfiller,
    transition("order.pick", ({ tx, params, user, now }) => ({ picks: pickOrder(tx, params.id, user.id, now) })),
  );
  r.post(
    "/orders/:id/unpick",
    fulfiller,
    transition("order.unpick", ({ tx, params, user, now }) => unpickOrder(tx, params.id, user.id, now)),
  );
  r.post(
    "/orders/:id/ship",
    { ...fulfiller, body: OrderShip },
    transition<typeof OrderShip>("order.ship", ({ tx, params, body, user, now }) =>
      shipOrder(tx, params.id, body.shortfallAction, user.id, now),
    ),
  );
  r.post(
    "/orders/:id/deliver",
    { action: "orders:deliver", params: OrderParams, body: OrderDeliver, response },
    // deliveredAt (a paper proof of delivery) is checked by the ledger's append path: not in the future, not in a closed period.
    transition<typeof OrderDeliver>("order.deliver", ({ tx, params, body, user, now }) => ({
      batchId: deliverOrder(tx, params.id, body.lines, body.deliveredAt ?? now.toISOString(), user.id, now),
    })),
  );
  r.post(
    "/orders/:id/receive",
    requester,
    transition("order.receive", ({ tx, params, user, now }) => receiveOrder(tx, params.id, user.id, now)),
  );
}
