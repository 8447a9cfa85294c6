/** Monthly reports and the order life cycle (draft → … → received), scoped, idempotent and audited. */
import type { Request } from "express";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { orders, stockReports } from "../../db/schema";
import type { Me } from "../../shared/contracts/auth";
import {
  AllocationRequest,
  DepotOrderCreate,
  EmergencyOrderCreate,
  OrderApprove,
  OrderCycleRequest,
  OrderDeliver,
  OrderLinesEdit,
  OrderQuery,
  OrderReject,
  OrderShip,
  OrdersFromReport,
  ReportCreate,
  ReportLinesUpdate,
  ReportQuery,
} from "../../shared/contracts/replenishment";
import { AppError } from "../../shared/errors";
import { deliverOrder, pickOrder, shipOrder } from "../commands/fulfilment";
import {
  approveOrder,
  createOrdersFromReport,
  editOrderLines,
  loadOrderRow,
  receiveOrder,
  rejectOrder,
  submitOrder,
} from "../commands/orders";
import { planAllocation, sendAllocation } from "../commands/allocation";
import { createPositionOrders } from "../commands/positionOrders";
import { createReport, submitReport, updateReportLines } from "../commands/reports";
import { parseOrThrow } from "../middleware/validate";
import { scopeFilter } from "../policies";
import { resolveArea } from "../queries/area";
import { listOrders, listReports, loadOrder, loadReport, reportsAwaitingOrders } from "../queries/replenishment";
import { runOrderCycle } from "../commands/orderCycle";
import type { AppDeps } from "../deps";
import { idempotentWrite, type WriteCall } from "./idempotent";
import type { FacilityRef, SecureRouter } from "./secureRouter";

const idParam = (req: Request) => parseOrThrow(z.coerce.number().int().positive(), req.params.id, "path id");

/** Facility refs of a report in the path (404 when unknown or out of scope). */
function reportFacility(deps: AppDeps) {
  return (req: Request): FacilityRef[] => {
    const id = idParam(req);
    const row = deps.db
      .select({ facilityId: stockReports.facilityId })
      .from(stockReports)
      .where(eq(stockReports.id, id))
      .get();
    return [{ id: row?.facilityId ?? "", from: "path", label: `report ${id}` }];
  };
}

/** Facility refs of an order in the path: its facility, its supplier, or both. */
function orderSide(deps: AppDeps, side: "facility" | "supplier" | "either") {
  return (req: Request): FacilityRef[] => {
    const id = idParam(req);
    const row = deps.db
      .select({ facilityId: orders.facilityId, supplierId: orders.supplierId })
      .from(orders)
      .where(eq(orders.id, id))
      .get();
    const ref = (f: string | undefined): FacilityRef => ({ id: f ?? "", from: "path", label: `order ${id}` });
    if (side === "facility") return [ref(row?.facilityId)];
    if (side === "supplier") return [ref(row?.supplierId)];
    return [ref(row?.facilityId), ref(row?.supplierId)];
  };
}

/** An audited order transition answering the order as it is now. */
function orderWrite(deps: AppDeps, action: string, run: (call: WriteCall, id: number) => unknown) {
  return idempotentWrite(deps, (call) => {
    const id = idParam(call.req);
    const before = loadOrderRow(call.tx, id).status;
    const extra = run(call, id);
    const order = loadOrder(call.tx, id);
    return {
      status: 200,
      body: { order, ...(extra && typeof extra === "object" ? extra : {}) },
      audit: {
        action,
        objectType: "order",
        objectId: String(id),
        before: { status: before },
        after: { status: order.status, request: call.body ?? null },
      },
    };
  });
}

/** Routes of reports and orders. */
export function orderRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db } = deps;
  const user = (res: { locals: Record<string, unknown> }) => res.locals.user as Me;

  r.get("/reports", { action: "stock:read", query: ReportQuery }, (_req, res) => {
    res.json(listReports(db, scopeFilter(user(res)), res.locals.query));
  });
  r.get("/reports/:id", { action: "stock:read", facilities: reportFacility(deps) }, (req, res) => {
    res.json(loadReport(db, idParam(req)));
  });
  r.post(
    "/reports",
    {
      action: "reports:write",
      body: ReportCreate,
      facilities: (_req, res) => [{ id: res.locals.body.facilityId, from: "body", path: "facilityId" }],
    },
    idempotentWrite(deps, ({ tx, body, now }) => {
      const { facilityId, period } = body as z.infer<typeof ReportCreate>;
      const id = createReport(tx, facilityId, period, now);
      return {
        status: 201,
        body: loadReport(tx, id),
        audit: { action: "report.create", objectType: "report", objectId: String(id), after: { facilityId, period } },
      };
    }),
  );
  r.put(
    "/reports/:id/lines",
    { action: "reports:write", body: ReportLinesUpdate, facilities: reportFacility(deps) },
    idempotentWrite(deps, ({ tx, req, body }) => {
      const id = idParam(req);
      const before = loadReport(tx, id);
      updateReportLines(tx, id, (body as z.infer<typeof ReportLinesUpdate>).lines);
      const after = loadReport(tx, id);
      return {
        status: 200,
        body: after,
        audit: {
          action: "report.lines.update",
          objectType: "report",
          objectId: String(id),
          before: before.lines,
          after: after.lines,
        },
      };
    }),
  );
  r.post(
    "/reports/:id/submit",
    { action: "reports:write", facilities: reportFacility(deps) },
    idempotentWrite(deps, ({ tx, req, user: u, now }) => {
      const id = idParam(req);
      submitReport(tx, db.$client, id, u.id, now);
      return {
        status: 200,
        body: loadReport(tx, id),
        audit: {
          action: "report.submit",
          objectType: "report",
          objectId: String(id),
          before: { status: "draft" },
          after: { status: "submitted" },
        },
      };
    }),
  );

  r.get("/orders", { action: "orders:read", query: OrderQuery }, (_req, res) => {
    res.json(listOrders(db, scopeFilter(user(res)), res.locals.query));
  });
  r.get(
    "/orders/:id",
    { action: "orders:read", facilities: orderSide(deps, "either"), scopeMode: "any" },
    (req, res) => {
      res.json(loadOrder(db, idParam(req)));
    },
  );
  r.post(
    "/orders/from-report",
    {
      action: "orders:request",
      body: OrdersFromReport,
      facilities: (_req, res) => {
        const row = db
          .select({ facilityId: stockReports.facilityId })
          .from(stockReports)
          .where(eq(stockReports.id, res.locals.body.reportId))
          .get();
        return [
          { id: row?.facilityId ?? "", from: "body", path: "reportId", label: `report ${res.locals.body.reportId}` },
        ];
      },
    },
    idempotentWrite(deps, ({ tx, body, user: u, now }) => {
      const { reportId, budgetXof } = body as z.infer<typeof OrdersFromReport>;
      const ids = createOrdersFromReport(tx, db.$client, reportId, budgetXof, u.id, now);
      return {
        status: 201,
        body: { orders: ids.map((id) => loadOrder(tx, id)) },
        audit: {
          action: "order.create",
          objectType: "report",
          objectId: String(reportId),
          after: { orderIds: ids, budgetXof: budgetXof ?? null },
        },
      };
    }),
  );
  r.post(
    "/orders/cycle",
    { action: "orders:approve", body: OrderCycleRequest },
    idempotentWrite(deps, ({ tx, body, user: u, now }) => {
      const q = body as OrderCycleRequest;
      const scope = scopeFilter(u);
      const area = resolveArea(db, scope, q);
      // The whole country (the national run) needs no list of reports: the cycle finds them itself.
      const national = "all" in scope && q.regionId === undefined && q.districtId === undefined;
      const reportIds = national ? undefined : reportsAwaitingOrders(tx, area, q.period);
      const result = runOrderCycle(db.$client, {
        period: q.period,
        status: "submitted",
        userId: u.id,
        now,
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
    }),
  );
  r.post(
    "/orders/depot",
    {
      action: "orders:request",
      body: DepotOrderCreate,
      facilities: (_req, res) => [{ id: res.locals.body.facilityId, from: "body", path: "facilityId" }],
    },
    idempotentWrite(deps, ({ tx, body, user: u, now }) => {
      const { facilityId, period } = body as z.infer<typeof DepotOrderCreate>;
      const ids = createPositionOrders(tx, { facilityId, period, kind: "regular", userId: u.id, now });
      return {
        status: 201,
        body: { orders: ids.map((id) => loadOrder(tx, id)) },
        audit: {
          action: "order.create",
          objectType: "facility",
          objectId: facilityId,
          after: { orderIds: ids, basis: "downstream demand", period },
        },
      };
    }),
  );
  r.post(
    "/orders/emergency",
    {
      action: "orders:request",
      body: EmergencyOrderCreate,
      facilities: (_req, res) => [{ id: res.locals.body.facilityId, from: "body", path: "facilityId" }],
    },
    idempotentWrite(deps, ({ tx, body, user: u, now }) => {
      const { facilityId } = body as z.infer<typeof EmergencyOrderCreate>;
      const ids = createPositionOrders(tx, {
        facilityId,
        period: now.toISOString().slice(0, 7),
        kind: "emergency",
        userId: u.id,
        now,
      });
      return {
        status: 201,
        body: { orders: ids.map((id) => loadOrder(tx, id)) },
        audit: {
          action: "order.create",
          objectType: "facility",
          objectId: facilityId,
          after: { orderIds: ids, basis: "emergency order point" },
        },
      };
    }),
  );
  const allocationSpec = {
    action: "orders:approve" as const,
    body: AllocationRequest,
    facilities: (_req: Request, res: { locals: Record<string, { sourceFacilityId: string }> }) => [
      { id: res.locals.body!.sourceFacilityId, from: "body" as const, path: "sourceFacilityId" },
    ],
  };
  r.post("/allocations/preview", allocationSpec, (_req, res) => {
    res.json(db.transaction((tx) => planAllocation(tx, res.locals.body as AllocationRequest, deps.clock())));
  });
  r.post(
    "/allocations",
    allocationSpec,
    idempotentWrite(deps, ({ tx, body, user: u, now }) => {
      const sent = sendAllocation(tx, body as AllocationRequest, u.id, now);
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
    }),
  );
  r.patch(
    "/orders/:id/lines",
    { action: "orders:request", body: OrderLinesEdit, facilities: orderSide(deps, "facility") },
    orderWrite(deps, "order.edit", ({ tx, body, user: u, now }, id) =>
      editOrderLines(tx, id, (body as z.infer<typeof OrderLinesEdit>).lines, u.id, now),
    ),
  );
  r.post(
    "/orders/:id/submit",
    { action: "orders:request", facilities: orderSide(deps, "facility") },
    orderWrite(deps, "order.submit", ({ tx, user: u, now }, id) => submitOrder(tx, id, u.id, now)),
  );
  r.post(
    "/orders/:id/approve",
    { action: "orders:approve", body: OrderApprove, facilities: orderSide(deps, "supplier") },
    orderWrite(deps, "order.approve", ({ tx, body, user: u, now }, id) =>
      approveOrder(tx, id, (body as z.infer<typeof OrderApprove>).lines, u, now),
    ),
  );
  r.post(
    "/orders/:id/reject",
    { action: "orders:approve", body: OrderReject, facilities: orderSide(deps, "supplier") },
    orderWrite(deps, "order.reject", ({ tx, body, user: u, now }, id) =>
      rejectOrder(tx, id, (body as z.infer<typeof OrderReject>).reason, u, now),
    ),
  );
  r.post(
    "/orders/:id/pick",
    { action: "orders:fulfil", facilities: orderSide(deps, "supplier") },
    orderWrite(deps, "order.pick", ({ tx, user: u, now }, id) => ({ picks: pickOrder(tx, id, u.id, now) })),
  );
  r.post(
    "/orders/:id/ship",
    { action: "orders:fulfil", body: OrderShip, facilities: orderSide(deps, "supplier") },
    orderWrite(deps, "order.ship", ({ tx, body, user: u, now }, id) =>
      shipOrder(tx, id, (body as z.infer<typeof OrderShip>).shortfallAction, u.id, now),
    ),
  );
  r.post(
    "/orders/:id/deliver",
    { action: "orders:deliver", body: OrderDeliver, facilities: orderSide(deps, "either"), scopeMode: "any" },
    orderWrite(deps, "order.deliver", ({ tx, body, user: u, now }, id) => {
      const pod = body as z.infer<typeof OrderDeliver>;
      const at = pod.deliveredAt ? new Date(pod.deliveredAt) : now;
      if (at.getTime() > now.getTime() + 5 * 60_000)
        throw new AppError("validation_failed", "deliveredAt: must not be in the future", {
          issues: [{ path: "deliveredAt", message: "must not be in the future" }],
        });
      return { batchId: deliverOrder(tx, id, pod.lines, at.toISOString(), u.id, now) };
    }),
  );
  r.post(
    "/orders/:id/receive",
    { action: "orders:deliver", facilities: orderSide(deps, "facility") },
    orderWrite(deps, "order.receive", ({ tx, user: u, now }, id) => receiveOrder(tx, id, u.id, now)),
  );
}
