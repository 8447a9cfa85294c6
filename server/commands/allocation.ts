/**
 * Free-care push allocation: a programme product held at a depot shared among the CSComs of a
 * district or region, from their AMC or their target population; rationed when the depot holds
 * less than the need (shared/domain/replenishment/allocation: whole packs, each need rounded up when
 * stock covers it). The product travels the supply chain: a CSCom whose supplier for the programme is
 * not the source gets it through the depots between them (its district depot, for a regional or
 * national source). Sending the plan creates approved orders fulfilled like any other: one per depot
 * on the way (the sum of the CSComs beneath it, from the next depot up) and one per CSCom from its own
 * supplier, each linked to the order that brings the stock to that supplier.
 */
import { and, eq, sql } from "drizzle-orm";
import { facilities, orderEvents, orderLines, orders, programmes, supplyLines } from "../../db/schema";
import type { AllocationPlan, AllocationRequest } from "../../shared/contracts/replenishment";
import { allocate, encodeInputs, storeCalculation, type ExplanationStep } from "../../shared/domain/replenishment";
import { pickFefo } from "../../shared/domain/stock";
import { AppError } from "../../shared/errors";
import type { Tx } from "../../db/client";
import { ledgerAmcByFacility } from "../queries/ledgerAmc";
import { shelfLots } from "./ledger";
import { fieldError } from "../fieldError";
import { loadFacility, loadProduct, minShelfLifeDays } from "./stockRefs";

/** Supply-chain hops an allocation may pass through (CSCom ← district ← region ← central). */
const MAX_HOPS = 4;

/**
 * The depots between a CSCom and the source for the programme, nearest the CSCom first ([] when the source
 * supplies it directly), or null when the source is not up its supply chain.
 */
export function chainTo(supplierOf: Map<string, string>, facilityId: string, sourceId: string): string[] | null {
  const via: string[] = [];
  let at = supplierOf.get(facilityId);
  for (let hop = 0; at !== undefined && hop < MAX_HOPS; hop++) {
    if (at === sourceId) return via;
    via.push(at);
    at = supplierOf.get(at);
  }
  return null;
}

/** The supplier of every facility for one programme. */
function suppliersFor(tx: Tx, programmeCode: string): Map<string, string> {
  const rows = tx
    .select({ facilityId: supplyLines.facilityId, supplierId: supplyLines.supplierId })
    .from(supplyLines)
    .where(eq(supplyLines.programmeCode, programmeCode))
    .all();
  return new Map(rows.map((r) => [r.facilityId, r.supplierId]));
}

/** The active CSComs of the district or region asked, with their chain to the source (null: not supplied from it). */
function targetsOf(tx: Tx, req: AllocationRequest, supplierOf: Map<string, string>) {
  const rows = tx
    .select({ id: facilities.id, name: facilities.name })
    .from(facilities)
    .where(
      and(
        eq(facilities.level, "cscom"),
        eq(facilities.active, true),
        req.districtId ? eq(facilities.districtId, req.districtId) : eq(facilities.regionId, req.regionId!),
      ),
    )
    .orderBy(facilities.name)
    .all();
  if (rows.length === 0) fieldError(req.districtId ? "districtId" : "regionId", "no CSCom there");
  return rows.map((r) => ({ ...r, via: chainTo(supplierOf, r.id, req.sourceFacilityId) }));
}

/** Computes the allocation plan (no write). */
export function planAllocation(tx: Tx, req: AllocationRequest, now: Date): AllocationPlan {
  const product = loadProduct(tx, req.productId);
  const programme = tx.select().from(programmes).where(eq(programmes.code, product.programmeCode)).get()!;
  if (programme.kind !== "free_care") fieldError("productId", "allocations push free-care programme products only");
  const source = loadFacility(tx, req.sourceFacilityId, "sourceFacilityId");
  const all = targetsOf(tx, req, suppliersFor(tx, product.programmeCode));
  const targets = all.filter((f) => f.via !== null);
  if (targets.length === 0)
    fieldError("sourceFacilityId", "this depot is not on the supply chain of the CSComs of the area", {
      key: "source_not_upstream",
      values: { facilities: all.length },
    });
  const fundingSource = product.programmeCode;
  const available = pickFefo({
    lots: shelfLots(tx, source.id, product.id, fundingSource),
    quantity: 0,
    asOf: now.toISOString().slice(0, 10),
    minShelfLifeDays: minShelfLifeDays(tx),
  }).usableOnHand;
  const stock = stockOf(tx, product.id, fundingSource);
  const amcs =
    req.basis === "amc"
      ? ledgerAmcByFacility(
          tx,
          targets.map((t) => t.id),
          product.id,
          now.toISOString().slice(0, 10),
        )
      : populationAmc(req);
  const claims = targets.map((f) => {
    const amc = amcs.get(f.id) ?? 0;
    const soh = stock.get(f.id) ?? 0;
    return {
      facilityId: f.id,
      need: Math.max(0, Math.round(amc * req.monthsOfCover) - soh),
      monthsOfStock: amc > 0 ? soh / amc : null,
      ven: product.ven,
    };
  });
  const plan = allocate(claims, available, product.packSize);
  const names = nameLookup(
    tx,
    targets.flatMap((t) => t.via ?? []),
  );
  return {
    productId: product.id,
    sourceFacilityId: source.id,
    fundingSource,
    available,
    totalNeed: plan.totalNeed,
    allocated: plan.allocated,
    rationed: plan.rationed,
    outsideSupplyChain: all.length - targets.length,
    shares: plan.shares.map((s, i) => {
      const f = targets[i]!;
      const amc = amcs.get(f.id) ?? 0;
      const mos = claims[i]!.monthsOfStock;
      return {
        facilityId: s.facilityId,
        facilityName: f.name,
        viaFacilityId: f.via![0] ?? null,
        viaFacilityName: f.via![0] ? (names.get(f.via![0]) ?? f.via![0]) : null,
        via: f.via!,
        amc,
        stockOnHand: stock.get(f.id) ?? 0,
        monthsOfStock: mos === null ? null : Math.round(mos * 100) / 100,
        need: s.need,
        quantity: s.quantity,
        packs: s.packs,
      };
    }),
  };
}

/** Stock of the product in the funding source, per facility. */
function stockOf(tx: Tx, productId: number, fundingSource: string): Map<string, number> {
  return new Map(
    tx
      .all<{ facility_id: string; qty: number }>(
        sql`select facility_id, sum(qty_on_hand) qty from stock_balances where product_id = ${productId} and funding_source = ${fundingSource} group by facility_id`,
      )
      .map((r) => [r.facility_id, r.qty]),
  );
}

function nameLookup(tx: Tx, ids: string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  const rows = tx.all<{ id: string; name: string }>(
    sql`select id, name from facilities where id in (select value from json_each(${JSON.stringify([...new Set(ids)])}))`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

function populationAmc(req: AllocationRequest): Map<string, number> {
  const per = req.population!.unitsPerPersonPerMonth;
  return new Map(req.population!.facilities.map((f) => [f.facilityId, Math.ceil(f.targetPopulation * per)]));
}

/**
 * Sends the plan: the depots' relay orders, then one approved allocation order per CSCom with a share.
 * `orderIds` lists every order created (relays first), `relayOrderIds` the depots' ones.
 */
export function sendAllocation(
  tx: Tx,
  req: AllocationRequest,
  userId: number,
  now: Date,
): { plan: AllocationPlan; orderIds: number[]; relayOrderIds: number[] } {
  const plan = planAllocation(tx, req, now);
  const product = loadProduct(tx, plan.productId);
  if (plan.allocated === 0)
    throw new AppError("insufficient_stock", "Nothing to allocate: no usable stock at the source or no need", {
      available: plan.available,
      totalNeed: plan.totalNeed,
      explain: { key: "nothing_to_allocate", values: { available: plan.available, totalNeed: plan.totalNeed } },
    });
  const write = new AllocationWriter(tx, plan, req, userId, now, product.pricePerPackXof);
  const given = plan.shares.filter((s) => s.quantity > 0);
  const relays = relayTotals(given, plan.sourceFacilityId);
  // From the source down: a depot's order exists before the orders it supplies point to it.
  const relayOrder = new Map<string, number>();
  for (const r of [...relays.values()].sort((a, b) => b.depth - a.depth)) {
    const id = write.order({
      facilityId: r.depotId,
      supplierId: r.supplierId,
      parentOrderId: relayOrder.get(r.supplierId) ?? null,
      line: { amc: r.amc, stockOnHand: r.stockOnHand, need: r.need, quantity: r.quantity },
      note: { key: "relay", values: { quantity: r.quantity, facilities: r.facilities } },
    });
    relayOrder.set(r.depotId, id);
  }
  const cscomOrderIds = given.map((s) =>
    write.order({
      facilityId: s.facilityId,
      supplierId: s.via[0] ?? plan.sourceFacilityId,
      parentOrderId: s.via[0] ? relayOrder.get(s.via[0])! : null,
      line: s,
      note: {
        key: "allocation",
        values: { need: s.need, quantity: s.quantity, rationed: plan.rationed ? "yes" : "no" },
      },
    }),
  );
  const relayOrderIds = [...relayOrder.values()];
  return { plan, orderIds: [...relayOrderIds, ...cscomOrderIds], relayOrderIds };
}

/** What a depot on the way receives: the sum of the shares of the CSComs beneath it, from the next depot up. */
interface Relay {
  depotId: string;
  supplierId: string;
  /** Hops from the CSComs (1 = their own supplier): higher ones are ordered first */
  depth: number;
  quantity: number;
  need: number;
  amc: number;
  stockOnHand: number;
  facilities: number;
}

function relayTotals(shares: AllocationPlan["shares"], sourceId: string): Map<string, Relay> {
  const out = new Map<string, Relay>();
  for (const s of shares) {
    s.via.forEach((depotId, k) => {
      const r = out.get(depotId) ?? {
        depotId,
        supplierId: s.via[k + 1] ?? sourceId,
        depth: k + 1,
        quantity: 0,
        need: 0,
        amc: 0,
        stockOnHand: 0,
        facilities: 0,
      };
      r.quantity += s.quantity;
      r.need += s.need;
      r.amc += s.amc;
      r.stockOnHand += s.stockOnHand;
      r.facilities += 1;
      out.set(depotId, r);
    });
  }
  return out;
}

/** Writes approved allocation orders of one plan (one line each, its inputs and note stored for the explanation). */
class AllocationWriter {
  private readonly at: string;

  constructor(
    private readonly tx: Tx,
    private readonly plan: AllocationPlan,
    private readonly req: AllocationRequest,
    private readonly userId: number,
    now: Date,
    /** The product's price now: an approved line keeps it */
    private readonly pricePerPackXof: number,
  ) {
    this.at = now.toISOString();
  }

  order(o: {
    facilityId: string;
    supplierId: string;
    parentOrderId: number | null;
    line: { amc: number; stockOnHand: number; need: number; quantity: number };
    note: ExplanationStep;
  }): number {
    const { tx, at, userId } = this;
    const id = tx
      .insert(orders)
      .values({
        facilityId: o.facilityId,
        supplierId: o.supplierId,
        period: at.slice(0, 7),
        flow: "free_care",
        kind: "allocation",
        status: "approved",
        parentOrderId: o.parentOrderId,
        approvedBy: userId,
        createdBy: userId,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: orders.id })
      .get().id;
    const inputs = encodeInputs({
      product: { packSize: 1, packRoundingThreshold: 0, roundToZero: false },
      policy: { rule: "forced", maxMonths: this.req.monthsOfCover, minMonths: 0, eopMonths: null },
      periods: [],
      demandAmc: o.line.amc,
      stockOnHand: o.line.stockOnHand,
      inTransit: 0,
    });
    const monthsOfStock = o.line.amc > 0 ? Math.round((o.line.stockOnHand / o.line.amc) * 100) / 100 : null;
    tx.insert(orderLines)
      .values({
        orderId: id,
        productId: this.plan.productId,
        fundingSource: this.plan.fundingSource,
        amc: o.line.amc,
        stockOnHand: o.line.stockOnHand,
        inTransit: 0,
        monthsOfStock,
        emergency: false,
        suggestedQty: o.line.quantity,
        explanation: storeCalculation({ inputs, notes: [o.note] }),
        requestedQty: o.line.quantity,
        approvedQty: o.line.quantity,
        pricePerPackXof: this.pricePerPackXof,
      })
      .run();
    tx.insert(orderEvents)
      .values({
        orderId: id,
        at,
        userId,
        fromStatus: null,
        toStatus: "approved",
        changes: JSON.stringify({
          allocation: { need: o.line.need, quantity: o.line.quantity, rationed: this.plan.rationed },
        }),
      })
      .run();
    return id;
  }
}
