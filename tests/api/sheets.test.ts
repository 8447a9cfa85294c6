/**
 * The catalogue's spreadsheets both ways: a file with errors is refused with row / column reasons and writes
 * nothing; the same file corrected applies completely, once (the Idempotency-Key replays the answer); exporting
 * then importing the export changes nothing; prices travel as a dated history.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { idempotencyKeys, makeTestApp, scalar, type TestContext } from "../helpers/app";
import { b64, binary } from "../helpers/sheets";

let t: TestContext;
const key = idempotencyKeys("sheets-test");
const one = <T>(sql: string, ...args: unknown[]) => scalar<T>(t.open, sql, ...args);
const snapshot = () => ({
  products: t.open.sqlite.prepare("select * from products order by id").all(),
  prices: t.open.sqlite.prepare("select * from product_prices order by id").all(),
  audit: one<number>("select count(*) from audit_log where action = 'sheet.import'"),
});

async function preview(entity: string, format: "csv" | "xlsx", contentBase64: string) {
  return t.agent.post(`/api/v1/sheets/${entity}/preview`).send({ format, contentBase64 });
}

async function apply(entity: string, format: "csv" | "xlsx", contentBase64: string, hash: string, k = key()) {
  return t.agent
    .post(`/api/v1/sheets/${entity}/import`)
    .set("Idempotency-Key", k)
    .send({ format, contentBase64, expectedPlanHash: hash, fileName: `test.${format}` });
}

const HEADER =
  "code;nom_generique;forme;dosage;unite_de_base;taille_conditionnement;seuil_arrondi;arrondi_a_zero;ven;programme;categorie;chaine_du_froid;poids_conditionnement_g;volume_conditionnement_cm3;prix_conditionnement_fcfa;actif";
let existingCode = "";

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 2 });
  existingCode = one("select code from products order by id limit 1");
});

describe("exporting then importing the export", () => {
  it("changes nothing, in .xlsx and in CSV", async () => {
    const before = snapshot();
    const xlsx = await t.agent.get("/api/v1/products/export.xlsx").buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    expect(book.worksheets[0]!.rowCount).toBe(before.products.length + 1);
    const seen = await preview("products", "xlsx", (xlsx.body as Buffer).toString("base64"));
    expect(seen.status, JSON.stringify(seen.body).slice(0, 500)).toBe(200);
    expect(seen.body.errors).toEqual([]);
    expect(seen.body.counts).toMatchObject({ new: 0, changed: 0, error: 0, unchanged: before.products.length });
    const applied = await apply("products", "xlsx", (xlsx.body as Buffer).toString("base64"), seen.body.planHash);
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body.written).toBe(0);

    const csv = await t.agent.get("/api/v1/prices/export.csv");
    expect(csv.status).toBe(200);
    const prices = await preview("prices", "csv", b64(csv.text));
    expect(prices.body.counts).toMatchObject({ new: 0, changed: 0, error: 0 });
    const after = snapshot();
    expect(after.products).toEqual(before.products);
    expect(after.prices).toEqual(before.prices);
  });
});

describe("a CSV export opened in a spreadsheet", () => {
  it("writes a name that would run as a formula behind an apostrophe, and importing it back changes nothing", async () => {
    const id = one<number>("select id from products order by id limit 1");
    t.open.sqlite.prepare("update products set generic_name = ? where id = ?").run('=HYPERLINK("http://x","ok")', id);
    const before = snapshot();
    const csv = await t.agent.get("/api/v1/products/export.csv");
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(`'=HYPERLINK`);
    expect(csv.text).not.toMatch(/[;\n]"?=HYPERLINK/);
    const seen = await preview("products", "csv", b64(csv.text));
    expect(seen.body.counts).toMatchObject({ new: 0, changed: 0, error: 0 });
    const applied = await apply("products", "csv", b64(csv.text), seen.body.planHash);
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body.written).toBe(0);
    expect(snapshot().products).toEqual(before.products);
  });
});

describe("a file with errors", () => {
  const bad = () =>
    [
      HEADER,
      `NEW-1;Paracétamol;comprimé;500 mg;comprimé;abc;0;non;E;cost_recovery;Antalgiques;non;10;10;500;oui`,
      `NEW-2;Ibuprofène;comprimé;400 mg;comprimé;100;100;non;E;cost_recovery;Antalgiques;non;10;10;800;oui`,
      `NEW-3;Zinc;comprimé;20 mg;comprimé;100;0;non;E;inconnu;Divers;non;10;10;300;peut-être`,
      `${existingCode};Renommé;comprimé;;comprimé;100;0;non;E;cost_recovery;Divers;non;10;10;300;oui`,
      `NEW-1;Doublon;comprimé;;comprimé;100;0;non;E;cost_recovery;Divers;non;10;10;300;oui`,
    ].join("\n");
  const GOOD = [
    HEADER,
    `NEW-1;Paracétamol;comprimé;500 mg;comprimé;100;0;non;E;cost_recovery;Antalgiques;non;10;10;500;oui`,
    `NEW-2;Ibuprofène;comprimé;400 mg;comprimé;100;20;non;E;cost_recovery;Antalgiques;non;10;10;800;oui`,
    `NEW-3;Zinc;comprimé;20 mg;comprimé;100;0;non;E;malaria;Divers;non;10;10;300;non`,
  ].join("\n");

  it("is refused with row, column and reason, and writes nothing", async () => {
    const before = snapshot();
    const BAD = bad();
    const seen = await preview("products", "csv", b64(BAD));
    expect(seen.status).toBe(200);
    const issues = seen.body.errors.map((e: { row: number; column: string; code: string }) => [
      e.row,
      e.column,
      e.code,
    ]);
    expect(issues).toEqual(
      expect.arrayContaining([
        [2, "taille_conditionnement", "import.notNumber"],
        [3, "seuil_arrondi", "product.thresholdTooHigh"],
        [4, "programme", "import.unknownProgramme"],
        [4, "actif", "import.notBoolean"],
        [6, null, "import.duplicateRow"],
      ]),
    );
    expect(seen.body.counts.error, JSON.stringify(seen.body.errors)).toBe(4);
    const refused = await apply("products", "csv", b64(BAD), seen.body.planHash);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.rows.length).toBe(seen.body.errors.length);
    expect(snapshot()).toEqual(before);
  });

  it("corrected, applies completely and once; a stale preview is refused", async () => {
    const seen = await preview("products", "csv", b64(GOOD));
    expect(seen.body.errors).toEqual([]);
    expect(seen.body.counts).toMatchObject({ new: 3, changed: 0, error: 0 });
    const stale = await apply("products", "csv", b64(GOOD), "0".repeat(64));
    expect(stale.status).toBe(409);
    expect(one("select count(*) from products where code like 'NEW-%'")).toBe(0);
    const k = key();
    const audits = one<number>("select count(*) from audit_log where action = 'sheet.import'");
    const res = await apply("products", "csv", b64(GOOD), seen.body.planHash, k);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ written: 3, counts: { new: 3 } });
    expect(one("select count(*) from products where code like 'NEW-%'")).toBe(3);
    expect(one("select active from products where code = 'NEW-3'")).toBe(0);
    expect(
      one("select count(*) from product_prices pp join products p on p.id = pp.product_id where p.code like 'NEW-%'"),
    ).toBe(3);
    const again = await apply("products", "csv", b64(GOOD), seen.body.planHash, k);
    expect(again.status).toBe(201);
    expect(one("select count(*) from products where code like 'NEW-%'")).toBe(3);
    expect(one("select count(*) from audit_log where action = 'sheet.import'")).toBe(audits + 1);
    const line = one<string>("select after_json from audit_log where action = 'sheet.import' order by id desc limit 1");
    expect(JSON.parse(line).rows.map((r: { key: string }) => r.key)).toEqual(["NEW-1", "NEW-2", "NEW-3"]);
  });

  it("changes a price from today when the products sheet carries a new one", async () => {
    const changed = GOOD.replace(";10;10;500;oui", ";10;10;650;oui");
    const seen = await preview("products", "csv", b64(changed));
    expect(seen.body.counts).toMatchObject({ changed: 1, unchanged: 2 });
    expect(seen.body.rows[0].changes).toEqual([{ field: "prix_conditionnement_fcfa", before: 500, after: 650 }]);
    const res = await apply("products", "csv", b64(changed), seen.body.planHash);
    expect(res.status).toBe(201);
    expect(one("select price_per_pack_xof from products where code = 'NEW-1'")).toBe(650);
  });
});

describe("the prices sheet", () => {
  it("adds dated prices and refuses a day after today with its row", async () => {
    const past = `code_produit;date_debut;prix_conditionnement_fcfa\nNEW-2;01/01/2026;750\n`;
    const future = `${past}NEW-2;2027-01-01;900\nNOPE;2026-01-01;1\n`;
    const bad = await preview("prices", "csv", b64(future));
    expect(bad.body.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [3, "price.future"],
      [4, "import.unknownProduct"],
    ]);
    const seen = await preview("prices", "csv", b64(past));
    expect(seen.body.counts).toMatchObject({ new: 1, error: 0 });
    const res = await apply("prices", "csv", b64(past), seen.body.planHash);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(
      one(
        "select pp.price_per_pack_xof from product_prices pp join products p on p.id = pp.product_id where p.code = 'NEW-2' and pp.valid_from = '2026-01-01'",
      ),
    ).toBe(750);
    expect(one("select price_per_pack_xof from products where code = 'NEW-2'")).toBe(800);
  });
});
