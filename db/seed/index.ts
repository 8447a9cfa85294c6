/**
 * Seeds a migrated, empty database: reference rows, the Mali geography, the product catalogue,
 * default policies, the first administrator and, in demo mode, demo users and the stock history.
 */
import { addPeriods, lastCompletePeriod, periodOf, periodStart } from "../../shared/domain/months";
import { count } from "drizzle-orm";
import { DEFAULT_POLICIES } from "../../shared/domain/policy";
import type { OpenDb } from "../client";
import {
  districts,
  facilities,
  fundingSources,
  productGtins,
  productPrices,
  products,
  programmes,
  regions,
  settings,
  stockPolicies,
  supplyLines,
  users,
} from "../schema";
import { DEMO_GTINS } from "./data/gtins";
import { PRODUCTS } from "./data/products";
import { buildGeography } from "./geography";
import { generateHistory, type SeedProduct } from "./history";
import { createLots, seedDepotStock, type DepotSupply } from "./pipeline";
import { FUNDING_SOURCES, PROGRAMMES, SETTINGS } from "./reference";
import { scaleCscoms, scaleProducts } from "./scale";
import { DEMO_PASSWORD, demoUsers } from "./users";

/** What to seed. */
export interface SeedOptions {
  adminPassword: string;
  /** Password hashing of the server (injected: db/ does not import server/) */
  hashPassword: (password: string) => string;
  /** Demo users and stock history (false: reference data and the administrator only) */
  demo: boolean;
  seed?: number;
  /** Months of history (default 24) ending with the month before `now` */
  months?: number;
  now?: Date;
  /** Number of CSComs (default: all real ones; fewer keeps the first ones, more adds synthetic ones) */
  cscoms?: number;
  /** How many of the CSComs get a stock history (default: all) */
  historyCscoms?: number;
  /** How many of the last months also have submitted monthly reports (default 6) */
  reportMonths?: number;
  /** Every CSCom stocks (and reports) every product of the catalogue — the benchmark's worst case; by default each product has its share of CSComs */
  everyProductEverywhere?: boolean;
  /** Share of CSComs whose last report is missing (default 0.25) */
  lastMonthMissing?: number;
  /** Runs inside the seed transaction once the demo data is written (the server builds the month's orders here) */
  afterSeed?: (open: OpenDb, summary: SeedSummary) => void;
  /** Number of products (default: the catalogue; more adds synthetic variants) */
  products?: number;
}

/** Counts of what was written. */
export interface SeedSummary {
  regions: number;
  districts: number;
  facilities: number;
  cscoms: number;
  products: number;
  lots: number;
  movements: number;
  facilityProducts: number;
  reportLines: number;
  firstMonth: string | null;
  lastMonth: string | null;
}

/** True when the database holds no facility yet. */
export function isEmpty({ db }: OpenDb): boolean {
  return (db.select({ n: count() }).from(facilities).get()?.n ?? 0) === 0;
}

function chunked<T>(rows: T[], size: number, write: (chunk: T[]) => void) {
  for (let i = 0; i < rows.length; i += size) write(rows.slice(i, i + size));
}

/** Seeds everything in one transaction: a crash half-way leaves the database empty. */
export function seedDatabase(open: OpenDb, opts: SeedOptions): SeedSummary {
  const { db, sqlite } = open;
  const now = opts.now ?? new Date();
  const seed = opts.seed ?? 20261122;
  const months = opts.months ?? 24;
  const geo = buildGeography();
  const realCscoms = geo.facilities.filter((f) => f.level === "cscom");
  const depotRows = geo.facilities.filter((f) => f.level === "district");
  const cscoms = scaleCscoms(realCscoms, depotRows, opts.cscoms ?? realCscoms.length, seed);
  for (const c of cscoms)
    if (!geo.supplierOf.has(c.id!))
      geo.supplierOf.set(c.id!, depotRows.find((d) => d.districtId === c.districtId)!.id!);
  const facilityRows = [...geo.facilities.filter((f) => f.level !== "cscom"), ...cscoms];
  const catalogue = scaleProducts(PRODUCTS, opts.products ?? PRODUCTS.length);
  // The history runs over the `months` complete months before the current one (UTC): go-live is this month's first day.
  const currentMonth = periodOf(now.toISOString());
  const firstMonth = addPeriods(currentMonth, -months);

  return sqlite.transaction((): SeedSummary => {
    db.insert(programmes).values(PROGRAMMES).run();
    db.insert(fundingSources).values(FUNDING_SOURCES).run();
    db.insert(settings).values(SETTINGS).run();
    db.insert(stockPolicies).values(DEFAULT_POLICIES).run();
    db.insert(regions).values(geo.regions).run();
    db.insert(districts).values(geo.districts).run();
    chunked(facilityRows, 500, (c) => db.insert(facilities).values(c).run());
    const lines = facilityRows.flatMap((f) => {
      const supplierId = geo.supplierOf.get(f.id!);
      return supplierId ? PROGRAMMES.map((p) => ({ facilityId: f.id!, programmeCode: p.code, supplierId })) : [];
    });
    chunked(lines, 1000, (c) => db.insert(supplyLines).values(c).run());
    const productRows: SeedProduct[] = [];
    chunked(catalogue, 200, (chunk) => {
      const inserted = db
        .insert(products)
        .values(chunk.map((p) => ({ ...p, programmeCode: p.programme })))
        .returning({ id: products.id, code: products.code })
        .all();
      inserted.forEach((row, i) =>
        productRows.push({ ...chunk[i]!, id: row.id, ...(opts.everyProductEverywhere ? { cscomShare: 1 } : {}) }),
      );
    });
    const createdAt = now.toISOString();
    // Each product's price history starts with its catalogue price, valid since the first month of history.
    chunked(productRows, 500, (chunk) =>
      db
        .insert(productPrices)
        .values(
          chunk.map((p) => ({
            productId: p.id,
            pricePerPackXof: p.pricePerPackXof,
            validFrom: `${firstMonth}-01`,
            createdAt,
          })),
        )
        .run(),
    );
    db.insert(users)
      .values({
        username: "admin",
        displayName: "Administrateur",
        role: "admin",
        passwordHash: opts.hashPassword(opts.adminPassword),
        createdAt,
      })
      .run();

    let movements = 0;
    let facilityProducts = 0;
    let reportLines = 0;
    let lotCount = 0;
    if (opts.demo) {
      const katiDepot = depotRows.find((d) => d.districtId === "kati")!.id!;
      const katiCscom = realCscoms.find((c) => c.districtId === "kati")!.id!;
      const demoHash = opts.hashPassword(DEMO_PASSWORD);
      db.insert(users)
        .values(demoUsers({ katiDepot, katiCscom }).map((u) => ({ ...u, passwordHash: demoHash, createdAt })))
        .run();

      // Fictitious GS1 demo GTINs (prefix 952) on some tracer products, for the barcode path.
      const byCode = new Map(productRows.map((p) => [p.code, p]));
      const gtinRows = DEMO_GTINS.flatMap((g) => {
        const p = byCode.get(g.productCode);
        return p
          ? [
              {
                gtin: g.gtin,
                productId: p.id,
                packLevel: g.packLevel,
                baseUnitsPerItem: g.packs * p.packSize,
                source: "demo",
                createdAt,
              },
            ]
          : [];
      });
      if (gtinRows.length > 0) db.insert(productGtins).values(gtinRows).run();

      const lotsByProduct = createLots(sqlite, productRows, firstMonth, months);
      // The demo CSCom manager's centre always gets a history, whatever the number asked for.
      const historyList = [cscoms.find((c) => c.id === katiCscom)!, ...cscoms.filter((c) => c.id !== katiCscom)];
      const history = generateHistory(
        sqlite,
        historyList
          .slice(0, opts.historyCscoms ?? cscoms.length)
          .map((c) => ({ id: c.id!, regionId: c.regionId, supplierId: geo.supplierOf.get(c.id!)! })),
        productRows,
        lotsByProduct,
        {
          seed,
          firstMonth,
          months,
          reportMonths: Math.min(months, opts.reportMonths ?? 6),
          now: now.toISOString(),
          ...(opts.lastMonthMissing !== undefined ? { lastMonthMissing: opts.lastMonthMissing } : {}),
        },
      );
      const depots = depotSupplies(facilityRows, geo.supplierOf);
      const goLiveIso = periodStart(currentMonth);
      const depotLines = seedDepotStock(sqlite, depots, productRows, lotsByProduct, goLiveIso, seed, months);
      movements = history.movements + depotLines;
      facilityProducts = history.facilityProducts;
      reportLines = history.reportLines;
      lotCount = (sqlite.prepare("select count(*) n from lots").get() as { n: number }).n;
    }
    const summary: SeedSummary = {
      regions: geo.regions.length,
      districts: geo.districts.length,
      facilities: facilityRows.length,
      cscoms: cscoms.length,
      products: productRows.length,
      lots: lotCount,
      movements,
      facilityProducts,
      reportLines,
      firstMonth: opts.demo ? firstMonth : null,
      lastMonth: opts.demo ? lastCompletePeriod(now.toISOString()) : null,
    };
    if (opts.demo) opts.afterSeed?.(open, summary);
    return summary;
  })();
}

/** Each depot with the CSComs below it (directly for districts, through districts for the others). */
function depotSupplies(
  rows: { id?: string; level: string; regionId: string }[],
  supplierOf: Map<string, string>,
): DepotSupply[] {
  const below = new Map<string, { id: string; regionId: string }[]>();
  for (const f of rows) {
    if (f.level !== "cscom") continue;
    let supplier = supplierOf.get(f.id!);
    while (supplier) {
      const list = below.get(supplier) ?? [];
      list.push({ id: f.id!, regionId: f.regionId });
      below.set(supplier, list);
      supplier = supplierOf.get(supplier);
    }
  }
  return rows
    .filter((f) => f.level === "district" || f.level === "regional" || f.level === "central")
    .map((f) => ({
      id: f.id!,
      level: f.level as DepotSupply["level"],
      supplierId: supplierOf.get(f.id!) ?? null,
      cscoms: below.get(f.id!) ?? [],
    }));
}
