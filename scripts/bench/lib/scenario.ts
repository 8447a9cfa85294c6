/**
 * The month-end traffic of the load and soak benchmarks. Reads spread over every CSCom with stock
 * (and the district depots), in the mix of the per-facility screens: stock positions 40 %, a stock card
 * 20 %, a product's 24-month history 15 %, a facility's orders or a depot's deliveries 15 %, a CSCom's
 * reports 10 %. Writes are stock movements at random CSComs: a receipt, then an issue of the same product.
 */
import Database from "better-sqlite3";
import { Rng } from "../../../db/seed/random";
import type { HttpClient, RequestSpec } from "../../../tests/helpers/httpClient";
import type { Stream } from "./openLoop";

/** Facilities and products the traffic is drawn from. */
export interface Targets {
  /** CSCom × product pairs holding stock */
  pairs: { facilityId: string; productId: number }[];
  cscoms: string[];
  depots: string[];
}

/** Reads the targets from the database file (read-only). */
export function pickTargets(dbFile: string): Targets {
  const db = new Database(dbFile, { readonly: true });
  try {
    const pairs = db
      .prepare(
        `select b.facility_id facilityId, b.product_id productId from stock_balances b join facilities f on f.id = b.facility_id
         where f.level = 'cscom' and b.qty_on_hand > 0 group by b.facility_id, b.product_id order by 1, 2`,
      )
      .all() as Targets["pairs"];
    const cscoms = [...new Set(pairs.map((p) => p.facilityId))];
    const depots = db
      .prepare("select id from facilities where level = 'district' order by id")
      .pluck()
      .all() as string[];
    if (pairs.length === 0) throw new Error(`${dbFile} holds no CSCom stock: seed it with history first`);
    return { pairs, cscoms, depots };
  } finally {
    db.close();
  }
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(0, xs.length - 1)]!;

/** Shares of the read mix. */
export const READ_MIX = [
  ["stock positions", 0.4],
  ["stock card", 0.2],
  ["history", 0.15],
  ["orders list", 0.15],
  ["reports list", 0.1],
] as const;

/** One read of each kind, drawn at random. */
function readOf(kind: (typeof READ_MIX)[number][0], t: Targets, rng: Rng): RequestSpec {
  const pair = pick(rng, t.pairs);
  const cscom = pick(rng, t.cscoms);
  switch (kind) {
    case "stock positions":
      return { method: "GET", path: `/api/v1/facilities/${cscom}/stock` };
    case "stock card":
      return { method: "GET", path: `/api/v1/facilities/${pair.facilityId}/stock/${pair.productId}/card` };
    case "history":
      return { method: "GET", path: `/api/v1/facilities/${pair.facilityId}/history?productId=${pair.productId}` };
    case "orders list":
      return rng.next() < 0.5
        ? { method: "GET", path: `/api/v1/orders?facilityId=${cscom}` }
        : { method: "GET", path: `/api/v1/orders?supplierId=${pick(rng, t.depots)}` };
    case "reports list":
      return { method: "GET", path: `/api/v1/reports?facilityId=${cscom}` };
  }
}

/** The read streams, `ratePerS` in all. */
export function readStreams(client: HttpClient, t: Targets, ratePerS: number, seed = 11): Stream[] {
  return READ_MIX.map(([kind, share], k) => {
    const rng = new Rng(seed * 100 + k);
    return { name: kind, ratePerS: ratePerS * share, client, next: () => readOf(kind, t, rng) };
  });
}

/** The write stream: receipts and issues in pairs at random CSComs, each with its own Idempotency-Key. */
export function writeStream(client: HttpClient, t: Targets, ratePerS: number, keyPrefix: string, seed = 7): Stream {
  const rng = new Rng(seed);
  // Receipt k goes to pairs[k]; the issue after it draws from the pair received two receipts earlier,
  // so that it never races the receipt it depends on (requests on different connections may be served in any order).
  const received: Targets["pairs"] = [];
  return {
    name: "stock movements",
    ratePerS,
    client,
    next: (i) => {
      if (i % 2 === 0) received.push(pick(rng, t.pairs));
      const k = received.length - 1;
      const pair = i % 2 === 0 ? received[k]! : received[Math.max(0, k - 2)]!;
      const body =
        i % 2 === 0
          ? {
              type: "receipt",
              facilityId: pair.facilityId,
              productId: pair.productId,
              lotCode: "LOAD-1",
              expiry: "2029-12-31",
              quantity: 10,
            }
          : { type: "issue", facilityId: pair.facilityId, productId: pair.productId, quantity: 5, allowPartial: true };
      return {
        method: "POST",
        path: "/api/v1/stock/movements",
        body,
        headers: { "Idempotency-Key": `${keyPrefix}-${i}` },
      };
    },
  };
}
