import { beforeAll, describe, expect, it } from "vitest";
import { Gs1ParseResponse } from "../../shared/contracts/interop";
import { buildGs1, hasValidCheckDigit, GS } from "../../shared/domain/gs1";
import { addProductGtin, findProductByGtin, listProductGtins, parseScannedCode } from "../../server/interop/gtins";
import { makeTestApp, type TestContext } from "../helpers/app";
import { ADMIN_ORIGIN } from "../helpers/interopFixture";

let t: TestContext;
beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 1 });
});

const ctx = () => ({ now: t.now.value, origin: ADMIN_ORIGIN });
const productId = (code: string) =>
  (t.open.sqlite.prepare("select id from products where code = ?").get(code) as { id: number }).id;
const gtinState = () => t.open.sqlite.prepare("select * from product_gtins order by gtin").all();

describe("product GTINs", () => {
  it("seeds fictitious GS1 demo GTINs (prefix 952) with valid check digits, a pack and a case per product", () => {
    const rows = t.open.sqlite
      .prepare(
        "select g.gtin, g.pack_level, g.base_units_per_item, p.pack_size, p.code from product_gtins g join products p on p.id = g.product_id",
      )
      .all() as { gtin: string; pack_level: string; base_units_per_item: number; pack_size: number; code: string }[];
    expect(rows).toHaveLength(20);
    for (const r of rows) {
      expect(r.gtin).toMatch(/^[01]952/);
      expect(hasValidCheckDigit(r.gtin)).toBe(true);
      if (r.pack_level === "pack") expect(r.base_units_per_item).toBe(r.pack_size);
      else expect(r.base_units_per_item % r.pack_size).toBe(0);
    }
    expect(new Set(rows.map((r) => r.code)).size).toBe(10);
  });

  it("finds a product by its GTIN-14 or by the GTIN-13 printed on the pack, and nothing for an unknown one", () => {
    const [pack, kase] = listProductGtins(t.open.db, productId("MAL-AL-20120-6"));
    expect(pack).toMatchObject({ productCode: "MAL-AL-20120-6", packLevel: "pack", baseUnitsPerItem: 30 });
    expect(kase).toMatchObject({ packLevel: "case", baseUnitsPerItem: 600 });
    expect(findProductByGtin(t.open.db, pack!.gtin.slice(1))).toEqual(pack);
    expect(findProductByGtin(t.open.db, "09521234543213")).toBeNull();
    expect(findProductByGtin(t.open.db, "not a gtin")).toBeNull();
  });

  it("reads what a scanner types on a DataMatrix into product, lot, expiry and serial", () => {
    const [pack] = listProductGtins(t.open.db, productId("MAL-TDR-PF"));
    const scanned = buildGs1(
      [
        { ai: "01", value: pack!.gtin },
        { ai: "17", value: "280600" },
        { ai: "10", value: "TDR-2611" },
        { ai: "21", value: "0001" },
      ],
      { form: "raw", symbology: "]d2" },
    );
    const r = Gs1ParseResponse.parse(parseScannedCode(t.open.db, scanned + "\r", "2026-11-15"));
    expect(r).toMatchObject({
      gtin: pack!.gtin,
      lot: "TDR-2611",
      expiry: "2028-06-30",
      serial: "0001",
      product: { productCode: "MAL-TDR-PF", packLevel: "pack" },
    });
    expect(scanned).toContain(`TDR-2611${GS}21`);
  });

  it("reads the README's example scan as the 6-tablet artemether-lumefantrine box", () => {
    expect(parseScannedCode(t.open.db, "]d201095200000001031728063010LOT-A", "2026-11-15")).toMatchObject({
      gtin: "09520000000103",
      lot: "LOT-A",
      expiry: "2028-06-30",
      product: { productCode: "MAL-AL-20120-6", packLevel: "pack", baseUnitsPerItem: 30 },
    });
  });

  it("refuses a malformed scan with the reason as a code and values (400, field code)", () => {
    expect(() => parseScannedCode(t.open.db, "(01)09521234543214", "2026-11-15")).toThrow(
      expect.objectContaining({
        code: "validation_failed",
        details: {
          issues: [{ path: "code", message: "gs1.badCheckDigit" }],
          reason: { code: "gs1.badCheckDigit", values: { ai: "01", expected: 3, got: 4 } },
        },
      }),
    );
  });

  it("adds a GTIN to a product, refuses one that names another product or has a bad check digit, and changes nothing then", () => {
    const para = productId("ANA-PARA-500-CP");
    const added = t.open.db.transaction((tx) =>
      addProductGtin(tx, { productId: para, gtin: "9521234543213", packLevel: "unit", baseUnitsPerItem: 1 }, ctx()),
    );
    expect(added).toMatchObject({ gtin: "09521234543213", productId: para, packLevel: "unit" });
    const before = gtinState();
    expect(() =>
      t.open.db.transaction((tx) =>
        addProductGtin(
          tx,
          { productId: productId("MAL-TDR-PF"), gtin: "09521234543213", packLevel: "pack", baseUnitsPerItem: 25 },
          ctx(),
        ),
      ),
    ).toThrow(expect.objectContaining({ code: "conflict" }));
    expect(() =>
      t.open.db.transaction((tx) =>
        addProductGtin(
          tx,
          { productId: para, gtin: "09521234543214", packLevel: "pack", baseUnitsPerItem: 1000 },
          ctx(),
        ),
      ),
    ).toThrow(
      expect.objectContaining({
        code: "validation_failed",
        details: expect.objectContaining({ issues: [{ path: "gtin", message: "gs1.badCheckDigit" }] }),
      }),
    );
    expect(gtinState()).toEqual(before);
  });

  it("the database refuses a GTIN that is not 14 digits", () => {
    expect(() =>
      t.open.sqlite
        .prepare(
          "insert into product_gtins (gtin, product_id, pack_level, base_units_per_item, source, created_at) values ('952123454321', 1, 'pack', 1, 'x', 'x')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
