/** The national lot pipeline (lots released every quarter per product) and the depots' opening stock. */
import type Database from "better-sqlite3";
import { addDays, addMonths, formatISO, parseISO } from "date-fns";
import { packsFor } from "../../shared/domain/replenishment/packs";
import { sizeFactor, stocks, type SeedLot, type SeedProduct } from "./history";
import { hashString, Rng, unitHash } from "./random";

const iso = (d: Date) => formatISO(d, { representation: "date" });

/**
 * Creates the lots of every product: one release every three months from 20 months before the
 * history starts to its end; shelf life 24 months (cold chain and a third of the others) or 36.
 */
export function createLots(
  sqlite: Database.Database,
  products: SeedProduct[],
  firstMonth: string,
  months: number,
): Map<number, SeedLot[]> {
  const insert = sqlite.prepare("insert into lots (product_id, lot_code, expiry) values (?, ?, ?)");
  const byProduct = new Map<number, SeedLot[]>();
  const first = parseISO(`${firstMonth}-01`);
  for (const p of products) {
    const offset = hashString(`lotoffset:${p.code}`) % 3;
    const shelfLifeMonths = p.coldChain || unitHash(`shelf:${p.code}`) < 0.33 ? 24 : 36;
    const prefix = p.code.replace(/[^A-Z]/g, "").slice(0, 3) || "LOT";
    const lots: SeedLot[] = [];
    for (let r = -21 + offset; r <= months; r += 3) {
      const released = addMonths(first, r);
      const madeOn = addMonths(released, -2);
      const lotCode = `${prefix}${iso(madeOn).slice(2, 4)}${iso(madeOn).slice(5, 7)}${String.fromCharCode(65 + (hashString(`${p.code}:${r}`) % 26))}`;
      const expiry = iso(addMonths(madeOn, shelfLifeMonths));
      const id = Number(insert.run(p.id, lotCode, expiry).lastInsertRowid);
      lots.push({ id, productId: p.id, lotCode, expiry, releasedAt: r });
    }
    byProduct.set(p.id, lots);
  }
  return byProduct;
}

/** A depot and the CSComs it (directly or indirectly) supplies. */
export interface DepotSupply {
  id: string;
  level: "district" | "regional" | "central";
  supplierId: string | null;
  cscoms: { id: string; regionId: string }[];
}

const MONTHS_OF_COVER = { district: 2.5, regional: 4, central: 8 } as const;

/**
 * Opening stock of every depot at go-live ("reprise"): a few months of the demand of the CSComs
 * below it, with a random factor so that some depots are short and some overstocked; at a few
 * district depots a short-dated lot, so that FEFO blocking shows in the demo.
 */
export function seedDepotStock(
  sqlite: Database.Database,
  depots: DepotSupply[],
  products: SeedProduct[],
  lotsByProduct: Map<number, SeedLot[]>,
  goLive: string,
  seed: number,
  monthsIndexAtGoLive: number,
): number {
  const mov = sqlite.prepare(
    `insert into stock_movements (facility_id, product_id, lot_id, funding_source, type, reason, qty_delta, balance_after, occurred_at, recorded_at, counterparty_id, batch_id, reference, note, user_id)
     values (?, ?, ?, ?, 'receipt', null, ?, ?, ?, ?, null, ?, 'Stock initial (reprise à la mise en service)', null, null)`,
  );
  const bal = sqlite.prepare(
    "insert into stock_balances (facility_id, lot_id, funding_source, product_id, qty_on_hand, last_movement_id) values (?, ?, ?, ?, ?, ?)",
  );
  const shortLot = sqlite.prepare(
    "insert into lots (product_id, lot_code, expiry) values (?, ?, ?) on conflict (product_id, lot_code, expiry) do update set lot_code = excluded.lot_code returning id",
  );
  const at = `${goLive}T06:00:00.000Z`;
  let written = 0;
  const write = (depotId: string, p: SeedProduct, lotId: number, qty: number) => {
    const id = Number(
      mov.run(depotId, p.id, lotId, p.programme, qty, qty, at, at, `open:${depotId}:${p.code}:${lotId}`)
        .lastInsertRowid,
    );
    bal.run(depotId, lotId, p.programme, p.id, qty, id);
    written++;
  };
  for (const depot of depots) {
    for (const p of products) {
      const rng = new Rng(hashString(`${seed}:depot:${depot.id}:${p.code}`));
      const demand = depot.cscoms.reduce(
        (s, c) => (stocks(c.id, p) ? s + p.cscomMonthlyUnits * sizeFactor(c.id, c.regionId) : s),
        0,
      );
      if (demand <= 0) continue;
      const target = demand * MONTHS_OF_COVER[depot.level] * (rng.next() < 0.08 ? 0 : 0.2 + 1.4 * rng.next());
      const packs = packsFor(Math.round(target), { ...p, roundToZero: true });
      if (packs === 0) continue;
      const lots = lotsByProduct.get(p.id)!.filter((l) => l.releasedAt <= monthsIndexAtGoLive - 1);
      const newest = lots[lots.length - 1]!;
      const older = lots[lots.length - 2] ?? newest;
      const olderPacks = older === newest ? 0 : Math.floor(packs * 0.3);
      if (olderPacks > 0) write(depot.id, p, older.id, olderPacks * p.packSize);
      if (packs - olderPacks > 0) write(depot.id, p, newest.id, (packs - olderPacks) * p.packSize);
      if (depot.level === "district" && rng.next() < 0.06) {
        const expiry = iso(addDays(parseISO(goLive), 10 + rng.int(0, 15)));
        const lotId = (shortLot.get(p.id, `${newest.lotCode}-CD`, expiry) as { id: number }).id;
        write(depot.id, p, lotId, p.packSize * rng.int(1, 3));
      }
    }
  }
  return written;
}
