/**
 * Shipments ready at the Kati depot for the dispatcher's browser test, made through the API so the test
 * never depends on the seed's luck: the district pharmacist pushes two free-care products the depot holds
 * (allocations by target population → approved orders) to five Kati CSComs reachable all year, and the
 * storekeeper picks every order (picking = ready to go; shipped too when the truck is to deliver them). The CSComs
 * are chosen among those that hold none of the pushed products, so each gets an order on any day.
 */
import { ApiSession } from "./api";

interface Page<T> {
  items: T[];
}
interface Facility {
  id: string;
  name: string;
  rainySeasonAccess: string;
  insecure: boolean;
}

/** What the test plans: the depot and the orders picked for it. */
export interface DispatchSetup {
  depotId: string;
  cscoms: Facility[];
  orderIds: number[];
}

const CSCOMS = 5;

/** The free-care product of each of two programmes with the most usable stock at the depot. */
async function productsToPush(pharmacist: ApiSession, depotId: string): Promise<number[]> {
  const programmes = (await pharmacist.get<Page<{ code: string; kind: string }>>("/programmes")).items.filter(
    (p) => p.kind === "free_care",
  );
  const best: { productId: number; usable: number }[] = [];
  for (const p of programmes) {
    const stock = (
      await pharmacist.get<Page<{ productId: number; usableOnHand: number; programmeCode: string }>>(
        `/facilities/${depotId}/stock?programme=${p.code}`,
      )
    ).items;
    const top = stock.filter((s) => s.programmeCode === p.code).sort((a, b) => b.usableOnHand - a.usableOnHand)[0];
    if (top && top.usableOnHand > 10_000) best.push({ productId: top.productId, usable: top.usableOnHand });
  }
  if (best.length < 2)
    throw new Error(`The Kati depot holds too little free-care stock to push (${JSON.stringify(best)})`);
  return best
    .sort((a, b) => b.usable - a.usable)
    .slice(0, 2)
    .map((b) => b.productId);
}

/** Approved then picked (and, with `ship`, shipped) orders of five Kati CSComs, supplied by the Kati depot. */
export async function prepareDispatch(
  baseUrl: string,
  password: string,
  options: { ship?: boolean } = {},
): Promise<DispatchSetup> {
  const pharmacist = await ApiSession.login(baseUrl, "pharmacien.kati", password);
  const storekeeper = await ApiSession.login(baseUrl, "magasin.kati", password);
  const districtId = pharmacist.me.scopeDistrictId!;
  const depotId = (await pharmacist.get<Page<{ id: string; depotId: string }>>("/districts")).items.find(
    (d) => d.id === districtId,
  )!.depotId;
  const products = await productsToPush(pharmacist, depotId);
  // CSComs that hold none of the pushed products: the allocation gives each of them an order, whatever the
  // seed's generated history left on their shelves on the day the test runs.
  const reachable = (
    await pharmacist.get<Page<Facility>>(`/facilities?level=cscom&districtId=${districtId}&limit=500`)
  ).items.filter((f) => f.rainySeasonAccess === "all_year" && !f.insecure);
  const cscoms: Facility[] = [];
  for (const f of reachable) {
    if (cscoms.length === CSCOMS) break;
    const stock = (await pharmacist.get<Page<{ productId: number; usableOnHand: number }>>(`/facilities/${f.id}/stock`))
      .items;
    if (!stock.some((s) => products.includes(s.productId) && s.usableOnHand > 0)) cscoms.push(f);
  }
  if (cscoms.length < CSCOMS) throw new Error(`Only ${cscoms.length} Kati CSComs reachable all year without stock`);
  const orderIds: number[] = [];
  for (const productId of products) {
    const population = {
      unitsPerPersonPerMonth: 1,
      facilities: cscoms.map((f, i) => ({ facilityId: f.id, targetPopulation: 1500 + i * 400 })),
    };
    const sent = await pharmacist.post<{ orderIds: number[] }>("/allocations", {
      productId,
      sourceFacilityId: depotId,
      districtId,
      basis: "population",
      monthsOfCover: 1,
      population,
    });
    orderIds.push(...sent.orderIds);
  }
  for (const id of orderIds) await storekeeper.post(`/orders/${id}/pick`);
  if (options.ship)
    for (const id of orderIds) await storekeeper.post(`/orders/${id}/ship`, { shortfallAction: "backorder" });
  // The stops are the CSComs the allocation gave something to (its rounding to whole packs may leave one out).
  const served = new Set<string>();
  for (const id of orderIds) served.add((await storekeeper.get<{ facilityId: string }>(`/orders/${id}`)).facilityId);
  if (served.size < 3) throw new Error(`The allocations reached only ${served.size} Kati CSComs`);
  return { depotId, cscoms: cscoms.filter((c) => served.has(c.id)), orderIds };
}
