/**
 * Free-care push allocation: a programme product held at a depot shared among the CSComs of a
 * district or region, from their AMC or their target population; rationed when the depot holds
 * less than the need (shared/domain/replenishment/allocation). Sending the plan creates one
 * approved order per facility, fulfilled like any other order.
 */
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { facilities, orderEvents, orderLines, orders, programmes, stockMovements } from "../../db/schema";
import type { AllocationPlan, AllocationRequest } from "../../shared/contracts/replenishment";
import { allocate, encodeInputs, previousPeriod, storeCalculation } from "../../shared/domain/replenishment";
import { pickFefo } from "../../shared/domain/stock";
import { AppError } from "../../shared/errors";
import type { Tx } from "../../db/client";
import { shelfLots } from "./ledger";
import { fieldError, loadFacility, loadProduct, minShelfLifeDays } from "./stockRefs";

/** Mean monthly issues of each facility over the three complete months before `period`. */
function ledgerAmc(tx: Tx, facilityIds: string[], productId: number, period: string): Map<string, number> {
  const from = `${previousPeriod(period, 2)}-01`;
  const to = `${previousPeriod(period, -1)}-01`;
  const rows = tx
    .select({ facilityId: stockMovements.facilityId, out: sql<number>`-sum(${stockMovements.qtyDelta})` })
    .from(stockMovements)
    .where(
      and(
        inArray(stockMovements.facilityId, [...facilityIds, ""]),
        eq(stockMovements.productId, productId),
        eq(stockMovements.type, "issue"),
        gte(stockMovements.occurredAt, from),
        lt(stockMovements.occurredAt, to),
      ),
    )
    .groupBy(stockMovements.facilityId)
    .all();
  return new Map(rows.map((r) => [r.facilityId, Math.ceil(r.out / 3)]));
}

/** Computes the allocation plan (no write). */
export function planAllocation(tx: Tx, req: AllocationRequest, now: Date): AllocationPlan {
  const product = loadProduct(tx, req.productId);
  const programme = tx.select().from(programmes).where(eq(programmes.code, product.programmeCode)).get()!;
  if (programme.kind !== "free_care") fieldError("productId", "allocations push free-care programme products only");
  const source = loadFacility(tx, req.sourceFacilityId, "sourceFacilityId");
  const targets = tx
    .select()
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
  if (targets.length === 0) fieldError(req.districtId ? "districtId" : "regionId", "no CSCom there");
  const fundingSource = product.programmeCode;
  const shelf = shelfLots(tx, source.id, product.id, fundingSource);
  const available = pickFefo({
    lots: shelf,
    quantity: 0,
    asOf: now.toISOString().slice(0, 10),
    minShelfLifeDays: minShelfLifeDays(tx),
  }).usableOnHand;
  const stock = new Map(
    tx
      .all<{ facility_id: string; qty: number }>(
        sql`select facility_id, sum(qty_on_hand) qty from stock_balances where product_id = ${product.id} and funding_source = ${fundingSource} group by facility_id`,
      )
      .map((r) => [r.facility_id, r.qty]),
  );
  const period = now.toISOString().slice(0, 7);
  const amcs =
    req.basis === "amc"
      ? ledgerAmc(
          tx,
          targets.map((t) => t.id),
          product.id,
          period,
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
      amc,
      soh,
      name: f.name,
    };
  });
  const plan = allocate(claims, available, product.packSize);
  return {
    productId: product.id,
    sourceFacilityId: source.id,
    fundingSource,
    available,
    totalNeed: plan.totalNeed,
    allocated: plan.allocated,
    rationed: plan.rationed,
    shares: plan.shares.map((s, i) => ({
      facilityId: s.facilityId,
      facilityName: claims[i]!.name,
      amc: claims[i]!.amc,
      stockOnHand: claims[i]!.soh,
      monthsOfStock: claims[i]!.monthsOfStock === null ? null : Math.round(claims[i]!.monthsOfStock! * 100) / 100,
      need: s.need,
      quantity: s.quantity,
      packs: s.packs,
    })),
  };
}

function populationAmc(req: AllocationRequest): Map<string, number> {
  const per = req.population!.unitsPerPersonPerMonth;
  return new Map(req.population!.facilities.map((f) => [f.facilityId, Math.ceil(f.targetPopulation * per)]));
}

/** Sends the plan: one approved allocation order per facility with a share. */
export function sendAllocation(
  tx: Tx,
  req: AllocationRequest,
  userId: number,
  now: Date,
): { plan: AllocationPlan; orderIds: number[] } {
  const plan = planAllocation(tx, req, now);
  const product = loadProduct(tx, plan.productId);
  if (plan.allocated === 0)
    throw new AppError("insufficient_stock", "Nothing to allocate: no usable stock at the source or no need", {
      available: plan.available,
      totalNeed: plan.totalNeed,
    });
  const at = now.toISOString();
  const period = at.slice(0, 7);
  const orderIds = plan.shares
    .filter((s) => s.quantity > 0)
    .map((s) => {
      const id = tx
        .insert(orders)
        .values({
          facilityId: s.facilityId,
          supplierId: plan.sourceFacilityId,
          period,
          flow: "free_care",
          kind: "allocation",
          status: "approved",
          approvedBy: userId,
          createdBy: userId,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: orders.id })
        .get().id;
      const inputs = encodeInputs({
        product: { packSize: 1, packRoundingThreshold: 0, roundToZero: false },
        policy: { rule: "forced", maxMonths: req.monthsOfCover, minMonths: 0, eopMonths: null },
        periods: [],
        demandAmc: s.amc,
        stockOnHand: s.stockOnHand,
        inTransit: 0,
      });
      const note = {
        key: "allocation",
        values: { need: s.need, quantity: s.quantity, rationed: plan.rationed ? "yes" : "no" },
        fr: `Allocation (gratuité) : besoin ${s.need}, attribué ${s.quantity}${plan.rationed ? " — rationnement proportionnel au besoin, priorité aux plus faibles mois de stock" : ""}.`,
        en: `Allocation (free care): need ${s.need}, allocated ${s.quantity}${plan.rationed ? " — rationed in proportion to need, lowest months of stock first" : ""}.`,
      };
      tx.insert(orderLines)
        .values({
          orderId: id,
          productId: plan.productId,
          fundingSource: plan.fundingSource,
          amc: s.amc,
          stockOnHand: s.stockOnHand,
          inTransit: 0,
          monthsOfStock: s.monthsOfStock,
          emergency: false,
          suggestedQty: s.quantity,
          explanation: storeCalculation({ inputs, notes: [note] }),
          requestedQty: s.quantity,
          approvedQty: s.quantity,
          pricePerPackXof: product.pricePerPackXof,
        })
        .run();
      tx.insert(orderEvents)
        .values({
          orderId: id,
          at,
          userId,
          fromStatus: null,
          toStatus: "approved",
          changes: JSON.stringify({ allocation: { need: s.need, quantity: s.quantity, rationed: plan.rationed } }),
        })
        .run();
      return id;
    });
  return { plan, orderIds };
}
