/**
 * Orders computed from a facility's current stock rather than from a monthly report: a depot's
 * own order up the chain (district → region → central), from the demand of the facilities it
 * supplies; and an emergency order outside the calendar, for the lines at or below the
 * emergency order point. Both use computeOrderQuantity with the AMC given.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { facilities, orderEvents, orderLines, orders, products, stockBalances } from "../../db/schema";
import { effectivePolicy, type SupplyLevel } from "../../shared/domain/policy";
import {
  computeOrderQuantity,
  encodeInputs,
  storeCalculation,
  type OrderInput,
} from "../../shared/domain/replenishment";
import { AppError } from "../../shared/errors";
import { policiesFor } from "../queries/stock";
import { inTransitOf } from "../queries/inTransit";
import type { Tx } from "../../db/client";
import { supplierOf } from "./orders";
import { fieldError } from "../fieldError";

type Key = string; // productId|fundingSource

/** Σ of the AMCs on the lines of the orders this facility supplies for the period (its downstream demand). */
function downstreamDemand(tx: Tx, facilityId: string, period: string): Map<Key, number> {
  const rows = tx
    .select({
      productId: orderLines.productId,
      fundingSource: orderLines.fundingSource,
      amc: sql<number>`sum(${orderLines.amc})`,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(and(eq(orders.supplierId, facilityId), eq(orders.period, period), eq(orders.kind, "regular")))
    .groupBy(orderLines.productId, orderLines.fundingSource)
    .all();
  return new Map(rows.map((r) => [`${r.productId}|${r.fundingSource}`, r.amc]));
}

/** The AMC of the facility's most recent regular order lines (its own reported consumption). */
function ownAmc(tx: Tx, facilityId: string): Map<Key, number> {
  const last = tx
    .select({ period: sql<string>`max(${orders.period})` })
    .from(orders)
    .where(and(eq(orders.facilityId, facilityId), eq(orders.kind, "regular"), sql`${orders.reportId} is not null`))
    .get();
  if (!last?.period) return new Map();
  const rows = tx
    .select({
      productId: orderLines.productId,
      fundingSource: orderLines.fundingSource,
      amc: sql<number>`max(${orderLines.amc})`,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(and(eq(orders.facilityId, facilityId), eq(orders.period, last.period), eq(orders.kind, "regular")))
    .groupBy(orderLines.productId, orderLines.fundingSource)
    .all();
  return new Map(rows.map((r) => [`${r.productId}|${r.fundingSource}`, r.amc]));
}

/** Stock on hand and in transit to the facility per product × funding source. */
function stockAndTransit(tx: Tx, facilityId: string) {
  const stock = new Map(
    tx
      .select({
        productId: stockBalances.productId,
        fundingSource: stockBalances.fundingSource,
        qty: sql<number>`sum(${stockBalances.qtyOnHand})`,
      })
      .from(stockBalances)
      .where(eq(stockBalances.facilityId, facilityId))
      .groupBy(stockBalances.productId, stockBalances.fundingSource)
      .all()
      .map((r) => [`${r.productId}|${r.fundingSource}`, r.qty]),
  );
  // Orders shipped to it and transfers sent to it, not yet received (the same definition as the order cycle's).
  const transit = inTransitOf(tx, facilityId).incoming;
  return { stock, transit };
}

/** Options of a position-based order. */
export interface PositionOrderOptions {
  facilityId: string;
  period: string;
  kind: "regular" | "emergency";
  userId: number | null;
  now: Date;
}

type Facility = typeof facilities.$inferSelect;
type LineInsert = typeof orderLines.$inferInsert;
/** The lines of one order to create: one per flow × supplier. */
interface Group {
  flow: "cost_recovery" | "free_care";
  supplierId: string;
  lines: LineInsert[];
}

/** The facility that orders: it must exist and be open; a CSCom's regular order comes from its report. */
function orderingFacility(tx: Tx, o: PositionOrderOptions): Facility {
  const facility = tx.select().from(facilities).where(eq(facilities.id, o.facilityId)).get();
  if (!facility) fieldError("facilityId", `unknown facility ${o.facilityId}`);
  if (!facility.active)
    throw new AppError("facility_closed", `${facility.id} is closed: it gets no orders`, { facilityId: facility.id });
  if (o.kind === "regular" && facility.level === "cscom")
    fieldError("facilityId", "a CSCom orders from its monthly report");
  return facility;
}

/** The suggested lines per flow × supplier, from each product's demand, stock and stock in transit. */
function suggestedGroups(tx: Tx, facility: Facility, amcs: Map<string, number>, kind: PositionOrderOptions["kind"]) {
  const level = facility.level as SupplyLevel;
  const { stock, transit } = stockAndTransit(tx, facility.id);
  const policies = policiesFor(tx, level);
  const productIds = [...amcs.keys()].map((k) => Number(k.split("|")[0]));
  const productRows = new Map(
    tx
      .select()
      .from(products)
      .where(inArray(products.id, productIds))
      .all()
      .map((p) => [p.id, p]),
  );
  const groups = new Map<string, Group>();
  for (const [key, amc] of amcs) {
    const [productId, fundingSource] = [Number(key.split("|")[0]), key.split("|")[1]!];
    const p = productRows.get(productId)!;
    const target = { level, facilityId: facility.id, programmeCode: p.programmeCode, productId };
    const { policy } = effectivePolicy(policies, target);
    const input: OrderInput = {
      product: p,
      policy: {
        rule: policy.rule,
        maxMonths: policy.maxMonths,
        minMonths: policy.minMonths,
        eopMonths: policy.eopMonths,
      },
      periods: [],
      demandAmc: amc,
      stockOnHand: stock.get(key) ?? 0,
      inTransit: transit.get(key) ?? 0,
    };
    const s = computeOrderQuantity(input, { explain: false });
    if (kind === "emergency" && !s.emergency) continue;
    const flow = fundingSource === "cost_recovery" ? "cost_recovery" : "free_care";
    const supplierId = supplierOf(tx, facility.id, fundingSource);
    const g = groups.get(`${flow}|${supplierId}`) ?? { flow, supplierId, lines: [] };
    groups.set(`${flow}|${supplierId}`, g);
    g.lines.push({
      orderId: 0,
      productId,
      fundingSource,
      amc: s.amc,
      stockOnHand: input.stockOnHand,
      inTransit: input.inTransit,
      monthsOfStock: s.monthsOfStock,
      emergency: s.emergency,
      suggestedQty: s.packs * p.packSize,
      explanation: storeCalculation({ inputs: encodeInputs(input), notes: [] }),
      requestedQty: s.packs * p.packSize,
    });
  }
  return groups;
}

/** An existing draft gets the new suggestions; quantities already requested by hand are left as they are. */
function refreshDraft(tx: Tx, draftId: number, g: Group, o: PositionOrderOptions, at: string): number {
  for (const l of g.lines) {
    const { orderId: _o, requestedQty, ...suggestion } = l;
    const updated = tx
      .update(orderLines)
      .set(suggestion)
      .where(
        and(
          eq(orderLines.orderId, draftId),
          eq(orderLines.productId, l.productId),
          eq(orderLines.fundingSource, l.fundingSource),
        ),
      )
      .run();
    if (updated.changes === 0)
      tx.insert(orderLines)
        .values({ ...l, orderId: draftId, requestedQty })
        .run();
  }
  tx.update(orders).set({ updatedAt: at }).where(eq(orders.id, draftId)).run();
  tx.insert(orderEvents)
    .values({
      orderId: draftId,
      at,
      userId: o.userId,
      fromStatus: "draft",
      toStatus: "draft",
      changes: JSON.stringify({ recomputed: "downstream demand" }),
    })
    .run();
  return draftId;
}

/** A new draft order with its lines and its first event. */
function insertDraft(tx: Tx, facilityId: string, g: Group, o: PositionOrderOptions, at: string): number {
  const id = tx
    .insert(orders)
    .values({
      facilityId,
      supplierId: g.supplierId,
      period: o.period,
      flow: g.flow,
      kind: o.kind,
      status: "draft",
      createdBy: o.userId,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: orders.id })
    .get().id;
  tx.insert(orderLines)
    .values(g.lines.map((l) => ({ ...l, orderId: id })))
    .run();
  tx.insert(orderEvents)
    .values({
      orderId: id,
      at,
      userId: o.userId,
      fromStatus: null,
      toStatus: "draft",
      changes: JSON.stringify({ basis: o.kind === "regular" ? "downstream demand" : "emergency order point" }),
    })
    .run();
  return id;
}

/**
 * Creates the draft order(s) of a facility from its stock and AMC: a depot's regular order uses
 * its downstream demand; an emergency order keeps only the lines at or below the EOP.
 */
export function createPositionOrders(tx: Tx, o: PositionOrderOptions): number[] {
  const facility = orderingFacility(tx, o);
  const amcs =
    o.kind === "emergency" && facility.level === "cscom"
      ? ownAmc(tx, facility.id)
      : downstreamDemand(tx, facility.id, o.period);
  if (amcs.size === 0)
    throw new AppError(
      "conflict",
      "No demand to order from yet: no orders from the facilities supplied, or no reported consumption",
      { facilityId: facility.id, period: o.period },
    );
  const groups = suggestedGroups(tx, facility, amcs, o.kind);
  if (groups.size === 0)
    throw new AppError("conflict", "Nothing is at or below the emergency order point", { facilityId: facility.id });
  const at = o.now.toISOString();
  return [...groups.values()].map((g) => {
    // A depot's regular order of the month is kept up to date rather than duplicated.
    const existing =
      o.kind === "regular"
        ? tx
            .select()
            .from(orders)
            .where(
              and(
                eq(orders.facilityId, facility.id),
                eq(orders.supplierId, g.supplierId),
                eq(orders.period, o.period),
                eq(orders.flow, g.flow),
                eq(orders.kind, "regular"),
                eq(orders.status, "draft"),
              ),
            )
            .get()
        : undefined;
    return existing ? refreshDraft(tx, existing.id, g, o, at) : insertDraft(tx, facility.id, g, o, at);
  });
}
