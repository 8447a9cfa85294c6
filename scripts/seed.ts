/**
 * npm run db:seed -- [--db FILE] [--cscoms N] [--products N] [--months N] [--seed S] [--reference-only] [--force]
 * Re-runs the seed generator into a new (or empty) database file; deterministic for a seed.
 */
import { existsSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { openDb } from "../db/client";
import { isEmpty, seedDatabase } from "../db/seed";
import { hashPassword } from "../server/auth/password";
import { seedMonthOrders } from "../server/demoOrders";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: process.env.FURA_DB ?? "data/fura.db" },
    cscoms: { type: "string" },
    products: { type: "string" },
    months: { type: "string", default: "24" },
    seed: { type: "string", default: "20261122" },
    "reference-only": { type: "boolean", default: false },
    force: { type: "boolean", default: false },
  },
});

const file = values.db!;
if (values.force && existsSync(file)) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
const open = openDb(file);
if (!isEmpty(open)) {
  console.error(`${file} already holds data: pass --force to rebuild it from scratch`);
  process.exit(1);
}
const started = performance.now();
const summary = seedDatabase(open, {
  adminPassword: process.env.FURA_ADMIN_PASSWORD ?? "fura-admin-2026",
  hashPassword,
  demo: !values["reference-only"],
  afterSeed: (o, summary) => seedMonthOrders(o, summary),
  seed: Number(values.seed),
  months: Number(values.months),
  ...(values.cscoms ? { cscoms: Number(values.cscoms) } : {}),
  ...(values.products ? { products: Number(values.products) } : {}),
});
open.close();
console.log(
  JSON.stringify({ file, ...summary, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }, null, 2),
);
