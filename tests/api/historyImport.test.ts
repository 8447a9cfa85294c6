/**
 * The history import through the API: a preview names every problem by row and column (format, unknown facility or
 * product, duplicates), applying is all or nothing, only the file previewed is applied, applying the same file
 * again changes nothing, a changed month replaces the stored one, an .xlsx reads like a CSV, and a facility may be
 * named by its DHIS2 org-unit uid.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestContext } from "../helpers/app";

let t: TestContext;
let cscom = "";
let other = "";
let n = 0;
const key = () => `import-${++n}`;
const HEADER = "period,facility,product,opening,received,consumed,adjustments,closing,stockout_days";
const one = <T>(sql: string, ...args: unknown[]) =>
  t.open.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as T;
const upload = (text: string | Buffer, fileName = "history.csv") => ({
  fileName,
  contentBase64: Buffer.from(text).toString("base64"),
});
const preview = (file: object) => t.agent.post("/api/v1/quantification/history-imports/preview").send(file);
const apply = (file: object, expectedHash: string) =>
  t.agent
    .post("/api/v1/quantification/history-imports")
    .set("Idempotency-Key", key())
    .send({ ...file, expectedHash });

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 2, months: 3 });
  cscom = one("select scope_facility_id from users where username = 'cscom.kati'");
  other = one("select id from facilities where level = 'cscom' and id <> ? order by id limit 1", cscom);
});

describe("history import", () => {
  it("previews a file with every row-level issue named by row and column, and writes nothing", async () => {
    const csv = [
      HEADER,
      `2024-13,${cscom},MAL-AL-20120-6,10,0,5,0,5,0`,
      `2024-01,no-such-place,MAL-AL-20120-6,10,0,5,0,5,0`,
      `2024-01,${cscom},NO-SUCH-PRODUCT,10,0,5,0,5,0`,
      `2024-02,${cscom},MAL-AL-20120-6,10,0,-5,0,5,0`,
      `2024-03,${cscom},MAL-AL-20120-6,10,0,5,0,5,0`,
      `2024-03,${cscom},MAL-AL-20120-6,10,0,5,0,5,0`,
    ].join("\n");
    const res = await preview(upload(csv));
    expect(res.status).toBe(200);
    expect(res.body.summary).toBeNull();
    const issues = res.body.issues.map((i: { row: number; column: string | null; key: string }) => [
      i.row,
      i.column,
      i.key,
    ]);
    expect(issues).toEqual(
      expect.arrayContaining([
        [2, "period", "bad_period"],
        [3, "facility", "unknown_facility"],
        [4, "product", "unknown_product"],
        [5, "consumed", "below_min"],
        [7, null, "duplicate"],
      ]),
    );
    expect(one("select count(*) from imported_history")).toBe(0);
    expect(one("select count(*) from history_imports")).toBe(0);
  });

  it("refuses to apply a file with any issue, all or nothing, and records no batch", async () => {
    const csv = [HEADER, `2024-01,${cscom},MAL-AL-20120-6,10,0,5,0,5,0`, `2024-02,nowhere,MAL-AL-20120-6,1,0,1,0,0,0`];
    const file = upload(csv.join("\n"));
    const p = await preview(file);
    const audited = one<number>("select count(*) from audit_log");
    const res = await apply(file, p.body.contentHash);
    expect(res.status).toBe(400);
    expect(res.body.error.details.rows[0]).toMatchObject({ row: 3, column: "facility", key: "unknown_facility" });
    expect(one("select count(*) from imported_history")).toBe(0);
    expect(one("select count(*) from history_imports")).toBe(0);
    expect(one<number>("select count(*) from audit_log")).toBe(audited);
  });

  it("applies only the file previewed (its hash)", async () => {
    const file = upload([HEADER, `2024-01,${cscom},MAL-AL-20120-6,10,0,5,0,5,0`].join("\n"));
    const res = await apply(file, "a".repeat(64));
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("expectedHash");
    expect(one("select count(*) from history_imports")).toBe(0);
  });

  it("applies a good file as one audited batch; the same file again changes nothing; a changed month replaces it", async () => {
    const rows = [
      `2024-01,${cscom},MAL-AL-20120-6,10,20,15,0,15,2`,
      `2024-02,${cscom},MAL-AL-20120-6,15,0,9,-1,5,0`,
      `2024-01,${other},MAL-AL-20120-12,0,30,12,0,18,0`,
    ];
    const file = upload([HEADER, ...rows].join("\n"));
    const p = await preview(file);
    expect(p.body.issues).toEqual([]);
    expect(p.body.summary).toMatchObject({
      firstPeriod: "2024-01",
      lastPeriod: "2024-02",
      facilities: 2,
      products: 2,
      inserted: 3,
      replaced: 0,
      unchanged: 0,
    });
    const res = await apply(file, p.body.contentHash);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ inserted: 3, replaced: 0, unchanged: 0, rows: 3 });
    expect(one("select count(*) from imported_history")).toBe(3);
    expect(
      t.open.sqlite
        .prepare("select consumed, stockout_days from imported_history where facility_id = ? and period = '2024-01'")
        .get(cscom),
    ).toEqual({ consumed: 15, stockout_days: 2 });
    const audit = one<string>(
      "select after_json from audit_log where action = 'history_import.apply' and object_id = ?",
      String(res.body.id),
    );
    expect(JSON.parse(audit)).toMatchObject({ fileName: "history.csv", inserted: 3 });

    const again = await apply(file, p.body.contentHash);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ inserted: 0, replaced: 0, unchanged: 3 });
    expect(one("select count(*) from imported_history")).toBe(3);

    const changed = upload([HEADER, `2024-02,${cscom},MAL-AL-20120-6,15,0,11,1,5,0`].join("\n"));
    const p2 = await preview(changed);
    expect(p2.body.summary).toMatchObject({ inserted: 0, replaced: 1 });
    const replaced = await apply(changed, p2.body.contentHash);
    expect(replaced.body).toMatchObject({ replaced: 1 });
    expect(one("select consumed from imported_history where facility_id = ? and period = '2024-02'", cscom)).toBe(11);
    const list = await t.agent.get("/api/v1/quantification/history-imports");
    expect(list.body.items.map((b: { id: number }) => b.id)).toEqual([replaced.body.id, again.body.id, res.body.id]);
  });

  it("reads an .xlsx like a CSV (a period typed as a date included) and names a facility by its DHIS2 uid", async () => {
    t.open.sqlite
      .prepare("insert into dhis2_org_units (facility_id, org_unit_uid, org_unit_code, updated_at) values (?, ?, ?, ?)")
      .run(other, "Xk3Fh7PqL2a", "CSCOM-0042", "2026-11-01T00:00:00Z");
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("history");
    sheet.addRow(HEADER.split(","));
    sheet.addRow([new Date(Date.UTC(2023, 5, 1)), "Xk3Fh7PqL2a", "MAL-AL-20120-12", 5, 10, 7, 0, 8, 0]);
    sheet.addRow(["2023-07", "CSCOM-0042", "MAL-AL-20120-12", 8, 0, 3, 0, 5, 3]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const file = upload(bytes, "historique.xlsx");
    const p = await preview(file);
    expect(p.body.format).toBe("xlsx");
    expect(p.body.issues).toEqual([]);
    const res = await apply(file, p.body.contentHash);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const stored = t.open.sqlite
      .prepare(
        "select period, consumed from imported_history where facility_id = ? and period like '2023-%' order by period",
      )
      .all(other);
    expect(stored).toEqual([
      { period: "2023-06", consumed: 7 },
      { period: "2023-07", consumed: 3 },
    ]);
  });

  it("refuses a body that is not base64 naming the field", async () => {
    const res = await preview({ fileName: "x.csv", contentBase64: "not base64 !" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("contentBase64");
  });
});
