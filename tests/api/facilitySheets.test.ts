/**
 * The facilities' spreadsheet both ways (GET /facilities/export.xlsx|csv, POST /sheets/facilities/preview|import):
 * exporting then importing the export changes nothing; a row the API would refuse (its request contract, its rules)
 * is an error at its row and column and the file writes nothing; a regional manager's sheet covers their region only
 * (a facility elsewhere, or a district elsewhere, is refused); the corrected file applies completely, with one audit
 * line per facility (before / after).
 */
import ExcelJS from "exceljs";
import Papa from "papaparse";
import type TestAgent from "supertest/lib/agent";
import { beforeAll, describe, expect, it } from "vitest";
import { demoAgent, facilityOf, idempotencyKeys, makeTestApp, scalar, type TestContext } from "../helpers/app";
import { b64, binary } from "../helpers/sheets";

let t: TestContext;
let regional: TestAgent;
const key = idempotencyKeys("facility-sheets");
const one = <T>(sql: string, ...args: unknown[]) => scalar<T>(t.open, sql, ...args);
const snapshot = () => ({
  facilities: t.open.sqlite.prepare("select * from facilities order by id").all(),
  lines: t.open.sqlite.prepare("select * from supply_lines order by facility_id, programme_code").all(),
  audit: one<number>("select count(*) from audit_log where object_type in ('facility', 'sheet')"),
});

const preview = (agent: TestAgent, format: "csv" | "xlsx", contentBase64: string) =>
  agent.post("/api/v1/sheets/facilities/preview").send({ format, contentBase64 });

const apply = (agent: TestAgent, format: "csv" | "xlsx", contentBase64: string, hash: string) =>
  agent
    .post("/api/v1/sheets/facilities/import")
    .set("Idempotency-Key", key())
    .send({ format, contentBase64, expectedPlanHash: hash, fileName: `etablissements.${format}` });

/** The CSV export as header + rows of cells. */
async function csvExport(agent: TestAgent): Promise<{ text: string; rows: Record<string, string>[] }> {
  const res = await agent.get("/api/v1/facilities/export.csv");
  expect(res.status).toBe(200);
  const text = res.text.replace(/^\uFEFF/, "");
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, delimiter: ";", skipEmptyLines: true });
  return { text, rows: parsed.data };
}

const toCsv = (rows: Record<string, string>[]) => Papa.unparse(rows, { delimiter: ";" });

let katiDepot: string;

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 2 });
  katiDepot = facilityOf(t, "magasin.kati");
  regional = await demoAgent(t, "region.koulikoro");
});

describe("exporting then importing the facilities' sheet", () => {
  it("changes nothing, in .xlsx and in CSV", async () => {
    const before = snapshot();
    const xlsx = await t.agent.get("/api/v1/facilities/export.xlsx").buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount - 1).toBe(one<number>("select count(*) from facilities"));
    const p1 = await preview(t.agent, "xlsx", (xlsx.body as Buffer).toString("base64"));
    expect(p1.status, JSON.stringify(p1.body.errors?.slice(0, 3))).toBe(200);
    expect(p1.body.errors).toEqual([]);
    expect(p1.body.counts).toMatchObject({ new: 0, changed: 0, error: 0 });
    const csv = await csvExport(t.agent);
    const p2 = await preview(t.agent, "csv", b64(csv.text));
    expect(p2.body.errors).toEqual([]);
    expect(p2.body.counts).toMatchObject({ new: 0, changed: 0, error: 0, unchanged: csv.rows.length });
    const applied = await apply(t.agent, "csv", b64(csv.text), p2.body.planHash);
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body.written).toBe(0);
    const after = snapshot();
    expect(after.facilities).toEqual(before.facilities);
    expect(after.lines).toEqual(before.lines);
  });
});

describe("a regional manager's sheet", () => {
  it("holds the facilities of their region only", async () => {
    const { rows } = await csvExport(regional);
    expect(rows.length).toBe(one<number>("select count(*) from facilities where region_id = 'koulikoro'"));
    expect(new Set(rows.map((r) => r.region))).toEqual(new Set(["koulikoro"]));
  });

  it("refuses a facility of another region, and a new one placed elsewhere, and writes nothing", async () => {
    const mine = (await csvExport(regional)).rows;
    const other = (await csvExport(t.agent)).rows.find((r) => r.region === "mopti" && r.niveau === "cscom")!;
    const elsewhere: Record<string, string> = {
      ...mine.find((r) => r.niveau === "cscom")!,
      identifiant: "",
      code: "",
      nom: "CSCom ailleurs",
      district: "mopti",
      region: "",
    };
    const before = snapshot();
    const res = await preview(regional, "csv", b64(toCsv([{ ...other, nom: "Renommé" }, elsewhere])));
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: "identifiant", code: "import.outOfScope" }),
        expect.objectContaining({ row: 3, column: "district", code: "import.outOfScope" }),
      ]),
    );
    const refused = await apply(
      regional,
      "csv",
      b64(toCsv([{ ...other, nom: "Renommé" }, elsewhere])),
      res.body.planHash,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.rows.length).toBeGreaterThan(0);
    expect(snapshot()).toEqual(before);
  });
});

describe("importing facilities", () => {
  it("refuses the rows the API would refuse, at their row and column, and writes nothing", async () => {
    const { rows } = await csvExport(t.agent);
    const cscom = rows.find((r) => r.district === "kati" && r.niveau === "cscom")!;
    const bad = [
      { ...cscom, telephone: "appelez-moi" }, // the contract's phone
      { ...cscom, identifiant: "", code: "ML-NEW-1", nom: "X", latitude: "12,7" }, // name too short
      { ...cscom, identifiant: "", code: "ML-NEW-2", nom: "CSCom B", ouverture: "18:00", fermeture: "08:00" },
      { ...cscom, identifiant: "inconnu-1", code: "ML-NEW-3", nom: "CSCom C" }, // an id the API never gave
      { ...cscom, identifiant: "", code: "ML-NEW-4", nom: "CSCom D", fournisseur_cost_recovery: "nulle-part" },
    ];
    const before = snapshot();
    const res = await preview(t.agent, "csv", b64(toCsv(bad)));
    expect(res.status).toBe(200);
    const at = (row: number) => res.body.errors.filter((e: { row: number }) => e.row === row);
    expect(at(2)).toEqual([expect.objectContaining({ column: "telephone", code: "import.invalid" })]);
    expect(at(3)).toEqual([expect.objectContaining({ column: "nom", code: "import.invalid" })]);
    expect(at(4)).toEqual([expect.objectContaining({ column: "fermeture", code: "facility.hours" })]);
    expect(at(5)).toEqual([expect.objectContaining({ column: "identifiant", code: "facility.unknownId" })]);
    expect(at(6)).toEqual([
      expect.objectContaining({ column: "fournisseur_cost_recovery", code: "import.unknownFacility" }),
    ]);
    expect(res.body.counts.error).toBe(5);
    const refused = await apply(t.agent, "csv", b64(toCsv(bad)), res.body.planHash);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("validation_failed");
    expect(snapshot()).toEqual(before);
  });

  it("applies the corrected file completely: a new CSCom and a change, each audited with before / after", async () => {
    const { rows } = await csvExport(t.agent);
    const cscom = rows.find((r) => r.district === "kati" && r.niveau === "cscom")!;
    const fresh = {
      ...cscom,
      identifiant: "",
      code: "ml-kat-077",
      nom: "CSCom de Ouezzindougou",
      telephone: "+223 76 00 11 22",
      fournisseur_cost_recovery: katiDepot,
    };
    const file = b64(toCsv([{ ...cscom, telephone: "+223 66 55 44 33" }, fresh]));
    const p = await preview(t.agent, "csv", file);
    expect(p.body.errors).toEqual([]);
    expect(p.body.counts).toMatchObject({ new: 1, changed: 1 });
    const res = await apply(t.agent, "csv", file, p.body.planHash);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.written).toBe(2);
    expect(one("select contact_phone from facilities where id = ?", cscom.identifiant)).toBe("+223 66 55 44 33");
    const created = t.open.sqlite.prepare("select * from facilities where code = 'ML-KAT-077'").get() as {
      id: string;
      region_id: string;
    };
    expect(created.region_id).toBe("koulikoro");
    expect(one("select supplier_id from supply_lines where facility_id = ?", created.id)).toBe(katiDepot);
    const update = t.open.sqlite
      .prepare("select before_json, after_json from audit_log where action = 'facility.update' and object_id = ?")
      .get(cscom.identifiant) as { before_json: string; after_json: string };
    expect(JSON.parse(update.before_json).contactPhone).toBe(cscom.telephone || null);
    expect(JSON.parse(update.after_json).contactPhone).toBe("+223 66 55 44 33");
    expect(one("select count(*) from audit_log where action = 'facility.create' and object_id = ?", created.id)).toBe(
      1,
    );
    // Applying the same file again (previewed again): the CSCom now exists by its code, so nothing new is written twice.
    const again = await preview(t.agent, "csv", file);
    expect(again.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 3, column: "code", code: "facility.codeTaken" })]),
    );
  });
});
