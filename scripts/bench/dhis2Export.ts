/**
 * DHIS2 export bench: seeds the demo (every real CSCom, the last month reported), maps every product × field and
 * every facility to fictitious UIDs, then times the export of one district (Kati) and of the whole country —
 * the query, the pure builder, the export with its payload hash, and ADX — three runs each.
 *
 *   node --import tsx scripts/bench/dhis2Export.ts [--cscoms 437]
 */
import { openDb } from "../../db/client";
import { seedDatabase } from "../../db/seed";
import { hashPassword } from "../../server/auth/password";
import { buildDhis2Export, dhis2ExportAdx, loadDhis2ExportInput } from "../../server/interop/dhis2Export";
import { resolveArea } from "../../server/queries/area";
import { buildDataValueSet } from "../../shared/domain/interop/dataValueSet";
import { DHIS2_FIELDS } from "../../shared/domain/interop/dhis2Fields";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};
const cscoms = arg("--cscoms") ? Number(arg("--cscoms")) : undefined;

const open = openDb(":memory:");
let t = performance.now();
seedDatabase(open, {
  adminPassword: "bench-password",
  hashPassword,
  demo: true,
  months: 3,
  reportMonths: 1,
  lastMonthMissing: 0,
  ...(cscoms ? { cscoms } : {}),
  now: new Date("2026-11-15T09:00:00Z"),
});
console.log(`seed: ${Math.round(performance.now() - t)} ms`);

const uid = (prefix: string, n: number) => (prefix + n.toString(36).padStart(10, "0")).slice(0, 11);
const products = open.sqlite.prepare("select id from products").all() as { id: number }[];
const mapRow = open.sqlite.prepare(
  "insert into dhis2_data_elements (product_id, field, data_element_uid, category_option_combo_uid, updated_at) values (?, ?, ?, ?, 'bench')",
);
products.forEach((p, i) => DHIS2_FIELDS.forEach((f, j) => mapRow.run(p.id, f, uid("d", j), uid("c", i))));
const facilities = open.sqlite.prepare("select id from facilities").all() as { id: string }[];
const link = open.sqlite.prepare(
  "insert into dhis2_org_units (facility_id, org_unit_uid, updated_at) values (?, ?, 'bench')",
);
facilities.forEach((f, i) => link.run(f.id, uid("o", i)));

for (const [label, query] of [
  ["district Kati", { districtId: "kati" }],
  ["national", {}],
] as const) {
  const area = resolveArea(open.db, { all: true }, query);
  for (let run = 1; run <= 3; run++) {
    t = performance.now();
    const input = loadDhis2ExportInput(open.db, "2026-10", area);
    const queryMs = performance.now() - t;
    t = performance.now();
    buildDataValueSet(input);
    const buildMs = performance.now() - t;
    t = performance.now();
    const exp = buildDhis2Export(open.db, "2026-10", area);
    const exportMs = performance.now() - t;
    t = performance.now();
    const adx = dhis2ExportAdx(exp, new Date());
    const adxMs = performance.now() - t;
    const jsonMb = JSON.stringify(exp.dataValueSet).length / 1e6;
    console.log(
      `${label} run ${run}: ${exp.counts.reports} reports, ${exp.counts.dataValues} values (${jsonMb.toFixed(1)} MB JSON, ` +
        `${(adx.length / 1e6).toFixed(1)} MB ADX); query ${Math.round(queryMs)} ms, build ${Math.round(buildMs)} ms, ` +
        `export with hash ${Math.round(exportMs)} ms, ADX ${Math.round(adxMs)} ms`,
    );
  }
}
open.close();
