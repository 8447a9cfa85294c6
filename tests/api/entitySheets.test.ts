/**
 * The stock policies', the accounts' and the opening stock's spreadsheets both ways (GET /<entity>/export.xlsx|csv,
 * POST /sheets/<entity>/preview|import): exporting then importing the export changes nothing; a file with errors is
 * refused with its rows and columns and writes nothing; the corrected file applies completely, through the same
 * commands as the screens (same audit lines); the same import posted twice with one Idempotency-Key applies once;
 * a row outside the importer's scope is refused. Accounts travel without passwords: a new one gets a temporary
 * password shown once in the answer.
 */
import ExcelJS from "exceljs";
import Papa from "papaparse";
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { demoAgent, idempotencyKeys, ledgerSnapshot, makeTestApp, scalar, type TestContext } from "../helpers/app";
import { b64, binary } from "../helpers/sheets";
import { MAX_COUNT_LINES } from "../../shared/contracts/stock";
import { MAX_STOCK_SHEET_WRITES } from "../../shared/domain/sheets/openingStock";
import { MAX_NEW_ACCOUNTS } from "../../shared/domain/sheets/users";

let t: TestContext;
let regional: TestAgent;
let pharmacist: TestAgent;
const key = idempotencyKeys("entity-sheets");
const one = <T>(sql: string, ...args: unknown[]) => scalar<T>(t.open, sql, ...args);
const all = (sql: string, ...args: unknown[]) => t.open.sqlite.prepare(sql).all(...args);
type Row = Record<string, string>;
const toCsv = (rows: Row[]) => Papa.unparse(rows, { delimiter: ";" });

const preview = (agent: TestAgent, entity: string, file: string, format = "csv") =>
  agent.post(`/api/v1/sheets/${entity}/preview`).send({ format, contentBase64: file });

const apply = (agent: TestAgent, entity: string, file: string, hash: string, idem = key(), format = "csv") =>
  agent
    .post(`/api/v1/sheets/${entity}/import`)
    .set("Idempotency-Key", idem)
    .send({ format, contentBase64: file, expectedPlanHash: hash, fileName: `${entity}.${format}` });

/** The CSV export as its text and its rows. */
async function csvExport(agent: TestAgent, entity: string): Promise<{ text: string; rows: Row[] }> {
  const res = await agent.get(`/api/v1/${entity}/export.csv`);
  expect(res.status).toBe(200);
  const text = res.text.replace(/^\uFEFF/, "");
  return { text, rows: Papa.parse<Row>(text, { header: true, delimiter: ";", skipEmptyLines: true }).data };
}

/** Export in .xlsx and CSV, preview both (nothing new, nothing changed), apply the CSV: nothing written. */
async function roundTrip(agent: TestAgent, entity: string, snapshot: () => unknown) {
  const before = snapshot();
  const xlsx = await agent.get(`/api/v1/${entity}/export.xlsx`).buffer(true).parse(binary);
  expect(xlsx.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
  const p1 = await preview(agent, entity, (xlsx.body as Buffer).toString("base64"), "xlsx");
  expect(p1.status, JSON.stringify(p1.body)).toBe(200);
  expect(p1.body.errors).toEqual([]);
  expect(p1.body.counts).toMatchObject({ new: 0, changed: 0, error: 0, unchanged: book.worksheets[0]!.rowCount - 1 });
  const csv = await csvExport(agent, entity);
  expect(csv.rows.length).toBeGreaterThan(0);
  const p2 = await preview(agent, entity, b64(csv.text));
  expect(p2.body.errors).toEqual([]);
  expect(p2.body.counts).toMatchObject({ new: 0, changed: 0, error: 0, unchanged: csv.rows.length });
  const applied = await apply(agent, entity, b64(csv.text), p2.body.planHash);
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  expect(applied.body.written).toBe(0);
  expect(snapshot()).toEqual(before);
  return csv;
}

const errorsAt = (body: { errors: { row: number }[] }, row: number) => body.errors.filter((e) => e.row === row);

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 2 });
  regional = await demoAgent(t, "region.koulikoro");
  pharmacist = await demoAgent(t, "pharmacien.kati");
});

describe("the stock policies' sheet", () => {
  const snapshot = () => ({
    policies: all("select * from stock_policies order by id"),
    audit: one<number>("select count(*) from audit_log where object_type = 'stock_policy'"),
  });

  it("exported then imported changes nothing, in .xlsx and in CSV", async () => {
    await roundTrip(t.agent, "policies", snapshot);
  });

  it("refuses a file with errors at their row and column, and writes nothing", async () => {
    const { rows } = await csvExport(t.agent, "policies");
    const base = rows[0]!;
    const bad: Row[] = [
      { ...base, stock_min_mois: "9", stock_max_mois: "3" }, // min above max (shared rule)
      { ...base, niveau: "cscom", etablissement: "", programme: "", code_produit: "NO-SUCH" },
      { ...base, niveau: "district", etablissement: "nulle-part", programme: "", code_produit: "" },
      {
        ...base,
        niveau: "cscom",
        etablissement: "",
        programme: "",
        code_produit: "",
        delai_livraison_jours: "9007199254740992",
      },
      { ...base, niveau: "cscom", etablissement: "", programme: "", code_produit: "", stock_max_mois: "-1" },
    ];
    const before = snapshot();
    const res = await preview(t.agent, "policies", b64(toCsv(bad)));
    expect(res.status).toBe(200);
    expect(errorsAt(res.body, 2)).toEqual([
      expect.objectContaining({ column: "stock_min_mois", code: "policy.minAboveMax" }),
    ]);
    expect(errorsAt(res.body, 3)).toEqual([
      expect.objectContaining({ column: "code_produit", code: "import.unknownProduct" }),
    ]);
    expect(errorsAt(res.body, 4)).toEqual([
      expect.objectContaining({ column: "etablissement", code: "import.unknownFacility" }),
    ]);
    expect(errorsAt(res.body, 5)).toEqual([
      expect.objectContaining({ column: "delai_livraison_jours", code: "import.outOfRange" }),
    ]);
    expect(errorsAt(res.body, 6)).toEqual(
      expect.arrayContaining([expect.objectContaining({ column: "stock_max_mois", code: "import.outOfRange" })]),
    );
    const refused = await apply(t.agent, "policies", b64(toCsv(bad)), res.body.planHash);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.rows.length).toBeGreaterThan(0);
    expect(snapshot()).toEqual(before);
  });

  it("applies the corrected file completely, audited as on screen, and once for one Idempotency-Key", async () => {
    const { rows } = await csvExport(t.agent, "policies");
    const base = rows[0]!;
    const product = one<string>("select code from products order by code limit 1");
    const fresh: Row = {
      ...base,
      niveau: "cscom",
      etablissement: "",
      programme: "",
      code_produit: product,
      regle: "forced",
      stock_max_mois: "4",
      stock_min_mois: "2",
      point_commande_urgence_mois: "0,5",
      periode_revue_mois: "1",
      delai_livraison_jours: "10",
    };
    const changed = { ...base, delai_livraison_jours: String(Number(base.delai_livraison_jours) + 1) };
    const file = b64(toCsv([changed, fresh]));
    const p = await preview(t.agent, "policies", file);
    expect(p.body.errors).toEqual([]);
    expect(p.body.counts).toMatchObject({ new: 1, changed: 1 });
    const idem = key();
    const res = await apply(t.agent, "policies", file, p.body.planHash, idem);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.written).toBe(2);
    const replay = await apply(t.agent, "policies", file, p.body.planHash, idem);
    expect(replay.status).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    const created = all(
      "select p.* from stock_policies p join products pr on pr.id = p.product_id where p.level = 'cscom' and p.facility_id is null and pr.code = ?",
      product,
    ) as { id: number; max_months: number; eop_months: number; lead_time_days: number }[];
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ max_months: 4, eop_months: 0.5, lead_time_days: 10 });
    expect(
      one("select count(*) from audit_log where action = 'policy.create' and object_id = ?", String(created[0]!.id)),
    ).toBe(1);
    expect(
      one(
        "select count(*) from audit_log where action = 'sheet.import' and object_id = 'policies' and after_json like '%\"written\":2%'",
      ),
    ).toBe(1);
    const update = all("select before_json, after_json from audit_log where action = 'policy.update'") as {
      before_json: string;
      after_json: string;
    }[];
    expect(update).toHaveLength(1);
    expect(JSON.parse(update[0]!.after_json).leadTimeDays).toBe(Number(changed.delai_livraison_jours));
  });

  it("is the administrator's: a regional manager may neither export nor import it", async () => {
    expect((await regional.get("/api/v1/policies/export.csv")).status).toBe(403);
    expect((await preview(regional, "policies", b64("niveau\n"))).status).toBe(403);
  });
});

describe("the accounts' sheet", () => {
  const snapshot = () => ({
    users: all("select * from users order by id"),
    sessions: one<number>("select count(*) from sessions"),
    audit: one<number>("select count(*) from audit_log where object_type = 'user'"),
  });

  it("never holds a password, and exported then imported changes nothing", async () => {
    const csv = await roundTrip(t.agent, "users", snapshot);
    expect(Object.keys(csv.rows[0]!)).toEqual([
      "identifiant",
      "nom",
      "role",
      "region",
      "district",
      "etablissement",
      "actif",
    ]);
    expect(csv.text).not.toMatch(/scrypt|\$|password|mot_de_passe/i);
  });

  it("refuses a file with errors — scope against role, last administrator, duplicates — and writes nothing", async () => {
    const { rows } = await csvExport(t.agent, "users");
    const admins = rows.filter((r) => r.role === "admin" && r.actif === "oui");
    const bad: Row[] = [
      ...admins.map((r) => ({ ...r, actif: "non" })), // every active administrator deactivated
      {
        identifiant: "nouveau.1",
        nom: "Nouveau Un",
        role: "district_pharmacist",
        region: "koulikoro",
        district: "",
        etablissement: "",
        actif: "oui",
      },
      {
        identifiant: "nouveau.2",
        nom: "Nouveau Deux",
        role: "chef",
        region: "",
        district: "",
        etablissement: "",
        actif: "oui",
      },
      {
        identifiant: "nouveau.2",
        nom: "Nouveau Deux",
        role: "admin",
        region: "",
        district: "",
        etablissement: "",
        actif: "oui",
      },
    ];
    const before = snapshot();
    const res = await preview(t.agent, "users", b64(toCsv(bad.slice(admins.length))));
    expect(res.status).toBe(200);
    const first = 2;
    expect(errorsAt(res.body, first)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ column: "district", code: "userScope.required" }),
        expect.objectContaining({ column: "region", code: "userScope.notAllowed" }),
      ]),
    );
    expect(errorsAt(res.body, first + 1)).toEqual([
      expect.objectContaining({ column: "role", code: "import.notInList" }),
    ]);
    expect(errorsAt(res.body, first + 2)).toEqual([expect.objectContaining({ code: "import.duplicateRow" })]);
    // The last active administrator: the user command's own refusal, found by the preview's rolled-back write.
    const last = await preview(t.agent, "users", b64(toCsv(admins.map((r) => ({ ...r, actif: "non" })))));
    expect(last.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ column: "actif", code: "user.lastAdmin" })]),
    );
    expect(snapshot()).toEqual(before);
    const refused = await apply(
      t.agent,
      "users",
      b64(toCsv(admins.map((r) => ({ ...r, actif: "non" })))),
      last.body.planHash,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.rows).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: "user.lastAdmin" })]),
    );
    expect(snapshot()).toEqual(before);
  });

  it("creates new accounts with a temporary password shown once, to change at first sign-in; edits and deactivations apply", async () => {
    const { rows } = await csvExport(t.agent, "users");
    const kati = rows.find((r) => r.identifiant === "cscom.kati")!;
    const agent = await demoAgent(t, "cscom.kati");
    const file = b64(
      toCsv([
        {
          identifiant: "Pharma.Segou",
          nom: "Awa Traoré",
          role: "district_pharmacist",
          region: "",
          district: "segou",
          etablissement: "",
          actif: "oui",
        },
        { ...kati, nom: "Responsable CSCom (Kati)", actif: "non" },
      ]),
    );
    const p = await preview(t.agent, "users", file);
    expect(p.body.errors).toEqual([]);
    expect(p.body.counts).toMatchObject({ new: 1, changed: 1 });
    const idem = key();
    const res = await apply(t.agent, "users", file, p.body.planHash, idem);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.temporaryPasswords).toEqual([
      { username: "pharma.segou", password: expect.stringMatching(/^.{12}$/) },
    ]);
    const password = res.body.temporaryPasswords[0].password as string;
    const created = t.open.sqlite.prepare("select * from users where username = 'pharma.segou'").get() as Record<
      string,
      unknown
    >;
    expect(created).toMatchObject({
      role: "district_pharmacist",
      scope_district_id: "segou",
      must_change_password: 1,
      active: 1,
    });
    expect(String(created.password_hash)).not.toContain(password);
    // Nowhere in clear: neither the audit log nor the stored answer of the key.
    expect(one("select count(*) from audit_log where coalesce(after_json, '') like ?", `%${password}%`)).toBe(0);
    expect(one("select count(*) from idempotency_keys where response_json like ?", `%${password}%`)).toBe(0);
    const replay = await apply(t.agent, "users", file, p.body.planHash, idem);
    expect(replay.status).toBe(201);
    expect(replay.body.temporaryPasswords).toBeUndefined();
    expect(one("select count(*) from users where username = 'pharma.segou'")).toBe(1);
    // The deactivated account's sessions ended at once; the new one signs in and must change the password.
    expect((await agent.get("/api/v1/auth/me")).status).toBe(401);
    expect(one("select display_name from users where username = 'cscom.kati'")).toBe("Responsable CSCom (Kati)");
    const fresh = request.agent(t.app);
    const login = await fresh.post("/api/v1/auth/login").send({ username: "pharma.segou", password });
    expect(login.status).toBe(200);
    expect(login.body.user?.mustChangePassword ?? login.body.mustChangePassword).toBe(true);
    expect(
      one("select count(*) from audit_log where action = 'user.create' and object_id = ?", String(created.id)),
    ).toBe(1);
    const katiId = String(one("select id from users where username = 'cscom.kati'"));
    expect(one("select count(*) from audit_log where action = 'user.deactivate' and object_id = ?", katiId)).toBe(1);
  });

  it("a regional manager's sheet holds their region's accounts; a place or an account elsewhere is refused", async () => {
    const { rows } = await csvExport(regional, "users");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.role === "admin" || r.role === "regional_manager")).toBe(false);
    const before = snapshot();
    const file = b64(
      toCsv([
        {
          identifiant: "pharma.mopti2",
          nom: "Ailleurs",
          role: "district_pharmacist",
          region: "",
          district: "mopti",
          etablissement: "",
          actif: "oui",
        },
        { identifiant: "admin", nom: "Moi", role: "admin", region: "", district: "", etablissement: "", actif: "oui" },
        {
          identifiant: "chef.kati",
          nom: "Chef",
          role: "procurement_officer",
          region: "",
          district: "",
          etablissement: "",
          actif: "oui",
        },
      ]),
    );
    const res = await preview(regional, "users", file);
    expect(res.status).toBe(200);
    expect(errorsAt(res.body, 2)).toEqual([expect.objectContaining({ column: "district", code: "import.outOfScope" })]);
    expect(errorsAt(res.body, 3)).toEqual(
      expect.arrayContaining([expect.objectContaining({ column: "identifiant", code: "import.outOfScope" })]),
    );
    // Row 4 passes the plan; the user command refuses the role (the preview's rolled-back write).
    expect(errorsAt(res.body, 4)).toEqual([]);
    const only4 = await preview(
      regional,
      "users",
      b64(toCsv([Papa.parse<Row>(Buffer.from(file, "base64").toString(), { header: true, delimiter: ";" }).data[2]!])),
    );
    expect(only4.body.errors).toEqual([
      expect.objectContaining({ row: 2, column: "role", code: "user.roleNotAllowed" }),
    ]);
    const refused = await apply(regional, "users", file, res.body.planHash);
    expect(refused.status).toBe(400);
    expect(snapshot()).toEqual(before);
  });
});

describe("the opening stock's sheet (a physical count)", () => {
  let mopti: string;
  // The ledger, the balances and the lots (an import that writes nothing still stores its Idempotency-Key).
  const snapshot = () => ({
    ledger: { ...ledgerSnapshot(t.open), keys: null },
    counts: one<number>("select count(*) from stock_counts"),
    lots: one<number>("select count(*) from lots"),
  });

  beforeAll(() => {
    mopti = one("select id from facilities where region_id = 'mopti' and active = 1 limit 1");
  });

  it("exported then imported changes nothing", async () => {
    const csv = await roundTrip(pharmacist, "opening-stock", snapshot);
    expect(Object.keys(csv.rows[0]!)).toEqual([
      "etablissement",
      "code_produit",
      "lot",
      "peremption",
      "source_financement",
      "quantite_comptee",
    ]);
  });

  it("refuses unknown products, bad lots and dates, impossible quantities, duplicates and facilities out of scope", async () => {
    const { rows } = await csvExport(pharmacist, "opening-stock");
    const line = rows[0]!;
    const bad: Row[] = [
      { ...line, code_produit: "NO-SUCH" },
      { ...line, lot: "AB\u200bC" },
      { ...line, lot: "NOUVEAU-1", peremption: "1900-01-01" },
      { ...line, lot: "Q-1", quantite_comptee: "9007199254740992" },
      { ...line, lot: "Q-2", quantite_comptee: "-5" },
      { ...line, etablissement: mopti },
      { ...line },
      { ...line },
    ];
    const before = snapshot();
    const res = await preview(pharmacist, "opening-stock", b64(toCsv(bad)));
    expect(res.status).toBe(200);
    expect(errorsAt(res.body, 2)).toEqual([
      expect.objectContaining({ column: "code_produit", code: "import.unknownProduct" }),
    ]);
    expect(errorsAt(res.body, 3)).toEqual([expect.objectContaining({ column: "lot", code: "import.invalid" })]);
    expect(errorsAt(res.body, 4)).toEqual([expect.objectContaining({ column: "peremption", code: "import.invalid" })]);
    expect(errorsAt(res.body, 5)).toEqual([
      expect.objectContaining({ column: "quantite_comptee", code: "import.outOfRange" }),
    ]);
    expect(errorsAt(res.body, 6)).toEqual([
      expect.objectContaining({ column: "quantite_comptee", code: "import.outOfRange" }),
    ]);
    expect(errorsAt(res.body, 7)).toEqual([
      expect.objectContaining({ column: "etablissement", code: "import.outOfScope" }),
    ]);
    expect(errorsAt(res.body, 9)).toEqual([
      expect.objectContaining({ code: "import.duplicateRow", values: { firstRow: 8 } }),
    ]);
    const refused = await apply(pharmacist, "opening-stock", b64(toCsv(bad)), res.body.planHash);
    expect(refused.status).toBe(400);
    expect(snapshot()).toEqual(before);
  });

  it("records the corrected count through the stock count command: adjustments dated now, a new lot, the count closing the past — once per key", async () => {
    const { rows } = await csvExport(pharmacist, "opening-stock");
    const line = rows.find((r) => Number(r.quantite_comptee) > 10)!;
    const counted = Number(line.quantite_comptee) - 3;
    const file = b64(
      toCsv([
        { ...line, quantite_comptee: String(counted) },
        { ...line, lot: "inv-2026-a", peremption: "31/12/2028", quantite_comptee: "40" },
      ]),
    );
    const p = await preview(pharmacist, "opening-stock", file);
    expect(p.body.errors).toEqual([]);
    expect(p.body.counts).toMatchObject({ new: 1, changed: 1 });
    const countsBefore = one<number>("select count(*) from stock_counts");
    const idem = key();
    const res = await apply(pharmacist, "opening-stock", file, p.body.planHash, idem);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.written).toBe(2);
    const again = await apply(pharmacist, "opening-stock", file, p.body.planHash, idem);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    const facilityId = one<string>(
      "select id from facilities where id = ? or code = ?",
      line.etablissement,
      line.etablissement,
    );
    const moves = all(
      "select m.qty_delta, m.reason, m.occurred_at, l.lot_code from stock_movements m join lots l on l.id = m.lot_id where m.facility_id = ? and m.reason = 'count' and m.recorded_at = ?",
      facilityId,
      "2026-11-15T09:00:00.000Z",
    ) as { qty_delta: number; lot_code: string; occurred_at: string }[];
    expect(moves.map((m) => [m.lot_code, m.qty_delta]).sort()).toEqual(
      [
        [line.lot, -3],
        ["INV-2026-A", 40],
      ].sort(),
    );
    expect(moves.every((m) => m.occurred_at.startsWith("2026-11-15"))).toBe(true);
    expect(
      one(
        "select b.qty_on_hand from stock_balances b join lots l on l.id = b.lot_id where b.facility_id = ? and l.lot_code = 'INV-2026-A'",
        facilityId,
      ),
    ).toBe(40);
    expect(one<number>("select count(*) from stock_counts")).toBe(countsBefore + 1);
    expect(one("select count(*) from audit_log where action = 'stock.count.create'")).toBe(1);
    expect(
      one(
        "select count(*) from audit_log where action = 'sheet.import' and object_id = 'opening-stock' and after_json like '%\"written\":2%'",
      ),
    ).toBe(1);
    // Exported again, the count reads back unchanged.
    const after = await csvExport(pharmacist, "opening-stock");
    const p2 = await preview(pharmacist, "opening-stock", b64(after.text));
    expect(p2.body.counts).toMatchObject({ new: 0, changed: 0, error: 0 });
  });
});

describe("a sheet too large to apply at once", () => {
  it("refuses more rows to write than one import may hold, at the first row beyond, and writes nothing", async () => {
    const depot = one<string>("select scope_facility_id from users where username = 'magasin.kati'");
    const product = one<string>("select code from products order by code limit 1");
    const header = "etablissement;code_produit;lot;peremption;quantite_comptee";
    const lines = Array.from(
      { length: MAX_STOCK_SHEET_WRITES + 1 },
      (_, i) => `${depot};${product};BIG-${i};2030-01-01;1`,
    );
    const before = { ...ledgerSnapshot(t.open), keys: null };
    const res = await preview(pharmacist, "opening-stock", b64([header, ...lines].join("\n")));
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      {
        row: MAX_STOCK_SHEET_WRITES + 2,
        column: null,
        code: "import.tooManyWrites",
        values: { max: MAX_STOCK_SHEET_WRITES },
      },
    ]);
    expect({ ...ledgerSnapshot(t.open), keys: null }).toEqual(before);
  });

  it("refuses more new accounts than one import creates (each temporary password is hashed first)", async () => {
    const header = "identifiant;nom;role;region;district;etablissement;actif";
    const lines = Array.from(
      { length: MAX_NEW_ACCOUNTS + 1 },
      (_, i) => `masse.${i};Compte ${i};district_pharmacist;;kati;;oui`,
    );
    const res = await preview(t.agent, "users", b64([header, ...lines].join("\n")));
    expect(res.body.errors).toEqual([
      { row: MAX_NEW_ACCOUNTS + 2, column: null, code: "import.tooManyWrites", values: { max: MAX_NEW_ACCOUNTS } },
    ]);
    expect(one("select count(*) from users where username like 'masse.%'")).toBe(0);
  });

  it("records a facility's count longer than one POST /stock/counts in parts", async () => {
    const depot = one<string>("select scope_facility_id from users where username = 'magasin.kati'");
    const product = one<string>("select code from products order by code limit 1");
    const header = "etablissement;code_produit;lot;peremption;quantite_comptee";
    const lines = Array.from({ length: MAX_COUNT_LINES + 5 }, (_, i) => `${depot};${product};PART-${i};2030-01-01;2`);
    const file = b64([header, ...lines].join("\n"));
    const p = await preview(pharmacist, "opening-stock", file);
    expect(p.body.errors).toEqual([]);
    const audited = one<number>("select count(*) from audit_log where action = 'stock.count.create'");
    const res = await apply(pharmacist, "opening-stock", file, p.body.planHash);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    expect(res.body.written).toBe(MAX_COUNT_LINES + 5);
    expect(
      one(
        "select sum(b.qty_on_hand) from stock_balances b join lots l on l.id = b.lot_id where b.facility_id = ? and l.lot_code like 'PART-%'",
        depot,
      ),
    ).toBe(2 * (MAX_COUNT_LINES + 5));
    expect(one("select count(*) from audit_log where action = 'stock.count.create'")).toBe(audited + 2);
    expect(
      one(
        "select count(distinct batch_id) from stock_movements m join lots l on l.id = m.lot_id where l.lot_code like 'PART-%'",
      ),
    ).toBe(2);
  });
});
