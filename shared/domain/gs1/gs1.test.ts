import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGs1, gs1CheckDigit, gs1DateToIso, gs1Year, GS, isValidGtin, normalizeGtin, parseGs1 } from ".";

const asOf = "2026-11-15";
const parse = (s: string) => parseGs1(s, { asOf });
const ok = (s: string) => {
  const r = parse(s);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(s)} to parse, got ${JSON.stringify(r.error)}`);
  return r.value;
};
const refusal = (s: string) => {
  const r = parse(s);
  if (r.ok) throw new Error(`expected ${JSON.stringify(s)} to be refused, got ${JSON.stringify(r.value)}`);
  return r.error;
};

describe("GTIN check digits (GS1 General Specifications §7.9)", () => {
  it("computes the check digit of the specification's examples", () => {
    expect(gs1CheckDigit("0952123454321")).toBe(3); // GTIN-14 09521234543213
    expect(gs1CheckDigit("0950110153000")).toBe(3); // GTIN 09501101530003 of the General Specifications
    expect(gs1CheckDigit("1234567890123")).toBe(1); // GTIN-14 12345678901231
    expect(gs1CheckDigit("400638133393")).toBe(1); // EAN-13 4006381333931
    expect(gs1CheckDigit("10614141234567890")).toBe(8); // SSCC 106141412345678908
    expect(gs1CheckDigit("9638507")).toBe(4); // GTIN-8 96385074
  });

  it("pads GTIN-8, -12 and -13 to GTIN-14 and refuses a wrong check digit or length", () => {
    expect(normalizeGtin("96385074")).toEqual({ ok: true, gtin: "00000096385074" });
    expect(normalizeGtin("036000291452")).toEqual({ ok: true, gtin: "00036000291452" }); // UPC-A
    expect(normalizeGtin("4006381333931")).toEqual({ ok: true, gtin: "04006381333931" });
    expect(normalizeGtin("09521234543213")).toEqual({ ok: true, gtin: "09521234543213" });
    expect(normalizeGtin("09521234543214")).toEqual({
      ok: false,
      error: { code: "gs1.badCheckDigit", values: { ai: "01", expected: 3, got: 4 } },
    });
    expect(normalizeGtin("123456789")).toEqual({
      ok: false,
      error: { code: "gs1.badGtinLength", values: { length: 9 } },
    });
    expect(isValidGtin("0952123454321X")).toBe(false);
  });
});

describe("GS1 dates", () => {
  it("reads the century with the sliding window of §7.12 (49 years back, 50 ahead)", () => {
    expect(gs1Year(26, 2026)).toBe(2026);
    expect(gs1Year(76, 2026)).toBe(2076); // difference 50: same century
    expect(gs1Year(77, 2026)).toBe(1977); // difference 51: previous century
    expect(gs1Year(99, 2026)).toBe(1999);
    expect(gs1Year(0, 2026)).toBe(2000);
    expect(gs1Year(25, 2075)).toBe(2125); // difference −50: next century
    expect(gs1Year(26, 2075)).toBe(2026); // difference −49: same century
    expect(gs1Year(10, 2099)).toBe(2110);
  });

  it("reads day 00 as the last day of the month, leap years included", () => {
    expect(gs1DateToIso("280200", 2026)).toBe("2028-02-29");
    expect(gs1DateToIso("270200", 2026)).toBe("2027-02-28");
    expect(gs1DateToIso("261100", 2026)).toBe("2026-11-30");
    expect(gs1DateToIso("271200", 2026)).toBe("2027-12-31");
  });

  it("refuses months and days that do not exist", () => {
    expect(gs1DateToIso("271301", 2026)).toBeNull();
    expect(gs1DateToIso("270001", 2026)).toBeNull();
    expect(gs1DateToIso("270230", 2026)).toBeNull();
    expect(gs1DateToIso("270229", 2026)).toBeNull();
    expect(gs1DateToIso("280229", 2026)).toBe("2028-02-29");
  });
});

describe("parseGs1 on the specification's examples", () => {
  it("reads a GTIN alone in brackets", () => {
    expect(ok("(01)09521234543213")).toMatchObject({
      gtin: "09521234543213",
      lot: null,
      expiry: null,
      serial: null,
      form: "bracketed",
    });
  });

  it("reads the GS1 DataMatrix healthcare example (01)(17)(10)(21) in brackets and as transmitted after ]d2", () => {
    const expected = { gtin: "09501101020917", expiry: "2019-05-08", lot: "ABCD1234", serial: "10" };
    expect(ok("(01)09501101020917(17)190508(10)ABCD1234(21)10")).toMatchObject(expected);
    expect(ok(`]d201095011010209171719050810ABCD1234${GS}2110`)).toMatchObject({ ...expected, symbology: "]d2" });
  });

  it("reads the GS1-128 example (01)(17)(10) after ]C1, the lot last without a separator", () => {
    expect(ok("]C101095011015300031714070410AB-123")).toMatchObject({
      gtin: "09501101530003",
      expiry: "2014-07-04",
      lot: "AB-123",
      symbology: "]C1",
      form: "raw",
    });
  });

  it("reads a GS1 QR Code string (]Q3) with the serial before the lot", () => {
    expect(ok(`]Q301095212345432132112345678${GS}10LOT-7`)).toMatchObject({
      serial: "12345678",
      lot: "LOT-7",
    });
  });

  it("reads day 00 on AI 17 as the end of the month", () => {
    expect(ok("(01)09521234543213(17)281100(10)A1").expiry).toBe("2028-11-30");
  });

  it("steps over other AIs it knows (production date, count, additional id, measures, NHRN) and lists them", () => {
    const raw = `0109521234543213111006011526123130120${GS}240ABC-9${GS}3103000189711CIP3400930000000${GS}17261231${"10"}LOT42`;
    const r = ok(raw);
    expect(r).toMatchObject({ gtin: "09521234543213", expiry: "2026-12-31", lot: "LOT42" });
    expect(r.elements.map((e) => e.ai)).toEqual(["01", "11", "15", "30", "240", "3103", "711", "17", "10"]);
    expect(r.elements.find((e) => e.ai === "11")?.value).toBe("100601");
    expect(r.elements.find((e) => e.ai === "30")?.value).toBe("120");
  });

  it("reads a fixed-length AI that is not of predefined length (7003) followed by its separator", () => {
    const r = ok(`010952123454321370032811301200${GS}10LOT9`);
    expect(r.elements.find((e) => e.ai === "7003")?.value).toBe("2811301200");
    expect(r.lot).toBe("LOT9");
  });

  it("reads an SSCC logistic label with the content GTIN (02) and count (37)", () => {
    const r = ok(`(00)106141412345678908(02)09521234543213(37)24(10)L1`);
    expect(r).toMatchObject({ gtin: "09521234543213", lot: "L1" });
    expect(r.elements[0]).toEqual({ ai: "00", value: "106141412345678908", title: "SSCC" });
  });

  it("accepts the keyboard-wedge substitutes for GS and the Enter a scanner types at the end", () => {
    for (const sep of ["<GS>", "{GS}", "[GS]", "^]", "|", "~", "\u241d", "\u2194", GS]) {
      const r = ok(`]d201095212345432131728113010LOT-A${sep}21SER-9\r\n`);
      expect(r).toMatchObject({ lot: "LOT-A", serial: "SER-9", expiry: "2028-11-30" });
    }
  });

  it("accepts a leading GS (FNC1 in first position transmitted as GS) and surrounding spaces", () => {
    expect(ok(`  ${GS}0109521234543213${GS}10X  `)).toMatchObject({ gtin: "09521234543213", lot: "X" });
  });

  it("reads a plain EAN-13 / UPC / ITF-14 scan as a GTIN alone", () => {
    expect(ok("4006381333931")).toMatchObject({ gtin: "04006381333931", lot: null, form: "plainGtin" });
    expect(ok("]E04006381333931")).toMatchObject({ gtin: "04006381333931", symbology: "]E0" });
    expect(ok("]I109521234543213")).toMatchObject({ gtin: "09521234543213" });
    expect(ok("96385074").gtin).toBe("00000096385074");
  });

  it("reads a GS1 Digital Link URI (path key and qualifiers, AIs in the query)", () => {
    expect(ok("https://id.gs1.org/01/09521234543213/10/LOT%2F7/21/S1?17=281130&linkType=gs1:pip")).toMatchObject({
      gtin: "09521234543213",
      lot: "LOT/7",
      serial: "S1",
      expiry: "2028-11-30",
      form: "digitalLink",
    });
    expect(ok("https://example.com/gtin/9521234543213").gtin).toBe("09521234543213");
  });

  it("takes a value that lacks its separator as part of the previous variable value (the string cannot say otherwise)", () => {
    // (10)ABC then (17)… without GS is, byte for byte, a lot "ABC17281130": the specification requires the FNC1.
    expect(ok("010952123454321310ABC17281130")).toMatchObject({ lot: "ABC17281130", expiry: null });
  });
});

describe("parseGs1 refusals (stable codes and values)", () => {
  it("refuses a bad GTIN check digit with the expected and the found digit", () => {
    expect(refusal("(01)09521234543214")).toEqual({
      code: "gs1.badCheckDigit",
      values: { ai: "01", expected: 3, got: 4 },
    });
    expect(refusal("(00)106141412345678907").code).toBe("gs1.badCheckDigit");
  });

  it("refuses dates that do not exist", () => {
    expect(refusal("(01)09521234543213(17)281301")).toEqual({
      code: "gs1.badDate",
      values: { ai: "17", value: "281301" },
    });
    expect(refusal("(01)09521234543213(17)270229").code).toBe("gs1.badDate");
    expect(refusal(`0109521234543213700328113025${"00"}`).code).toBe("gs1.badDate"); // 25:00
  });

  it("refuses an unknown AI with the digits found and where", () => {
    expect(refusal("(01)09521234543213(23)ABC")).toEqual({
      code: "gs1.unknownAi",
      values: { ai: "23", position: 18 },
    });
    expect(refusal("0109521234543213047")).toEqual({ code: "gs1.unknownAi", values: { ai: "047", position: 16 } });
  });

  it("refuses truncated strings", () => {
    expect(refusal("]d2010952123454321")).toEqual({
      code: "gs1.truncated",
      values: { ai: "01", expected: 14, got: 13 },
    });
    expect(refusal(`0109521234543213172811${GS}10A`)).toEqual({
      code: "gs1.truncated",
      values: { ai: "17", expected: 6, got: 4 },
    });
    expect(refusal("(01)0952123454321(10)A").code).toBe("gs1.truncated");
    expect(refusal(`0109521234543213${"10"}${GS}21A`).code).toBe("gs1.valueTooShort"); // empty lot
  });

  it("refuses over-long values, wrong characters and conflicting repeats", () => {
    expect(refusal(`0109521234543213${"10"}${"A".repeat(21)}`)).toEqual({
      code: "gs1.valueTooLong",
      values: { ai: "10", max: 20, length: 21 },
    });
    expect(refusal("(01)09521234543213(10)LOT 1")).toEqual({
      code: "gs1.badCharacter",
      values: { ai: "10", char: " " },
    });
    expect(refusal("(01)0952123454321A").code).toBe("gs1.notNumeric");
    expect(refusal("(01)09521234543213(10)A(10)B")).toEqual({ code: "gs1.duplicateAi", values: { ai: "10" } });
    expect(ok("(01)09521234543213(10)A(10)A").lot).toBe("A"); // the same value twice is harmless
  });

  it("names a zero-width or control character by its code point instead of calling the value too long", () => {
    // A zero-width space inside a fixed-length GTIN, a variable-length lot and a Digital Link path.
    expect(refusal("(01)0952123454\u200b3213(10)LOT7")).toEqual({
      code: "gs1.invisibleCharacter",
      values: { codePoint: "U+200B", position: 14 },
    });
    expect(refusal(`0109521234543213${"10"}${"A".repeat(20)}\u200d`)).toEqual({
      code: "gs1.invisibleCharacter",
      values: { codePoint: "U+200D", position: 38 },
    });
    expect(refusal("https://id.gs1.org/01/09521234543213/10/LOT%E2%80%8B7")).toEqual({
      code: "gs1.invisibleCharacter",
      values: { codePoint: "U+200B", position: 43 }, // where "%E2%80%8B" starts
    });
    // Controls other than GS: a scanner's EOT, a tab, a soft hyphen, a word joiner, a BOM inside the string.
    for (const [c, codePoint] of [
      ["\u0004", "U+0004"],
      ["\t", "U+0009"],
      ["\u00ad", "U+00AD"],
      ["\u2060", "U+2060"],
      ["\ufeff", "U+FEFF"],
    ]) {
      expect(refusal(`(01)09521234543213(10)LOT${c}7`)).toEqual({
        code: "gs1.invisibleCharacter",
        values: { codePoint, position: 25 },
      });
    }
    // GS stays the separator it is, and Enter / Tab around the scan are still trimmed.
    expect(ok(`0109521234543213${"10"}LOT7${GS}17281130\r\n`).lot).toBe("LOT7");
    expect(ok("\t(01)09521234543213(10)LOT7\n").lot).toBe("LOT7");
  });

  it("refuses strings without a GTIN, empty input, broken brackets and non-GS1 symbologies", () => {
    expect(refusal("(10)ABC(17)281130")).toEqual({ code: "gs1.missingGtin", values: {} });
    expect(refusal(" \r\n")).toEqual({ code: "gs1.empty", values: {} });
    expect(refusal("(01 09521234543213")).toEqual({ code: "gs1.syntax", values: { position: 0 } });
    expect(refusal("]d1HELLO")).toEqual({ code: "gs1.unsupportedSymbology", values: { symbology: "]d1" } });
    expect(refusal("x".repeat(600)).code).toBe("gs1.inputTooLong");
  });

  it("recognises a scanner set for QWERTY typing into a French keyboard", () => {
    // "(01)0952…" typed through an AZERTY layout by a scanner set to QWERTY: digits come out as "à&é"'(-è_ç".
    expect(refusal("àà&çé&é'(é'(é&'")).toEqual({ code: "gs1.keyboardLayout", values: { char: "à" } });
  });
});

// ── properties: any element string we build parses back to what went in ──────────────────────────────────
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(""));
const cset82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
const xValue = (max: number, exclude = "") =>
  fc
    .array(fc.constantFrom(...[...cset82].filter((c) => !exclude.includes(c))), { minLength: 1, maxLength: max })
    .map((a) => a.join(""));
const gtin = digits(13).map((d) => d + String(gs1CheckDigit(d)));
const yymmdd = fc
  .record({
    yy: fc.integer({ min: 0, max: 99 }),
    mm: fc.integer({ min: 1, max: 12 }),
    dd: fc.integer({ min: 0, max: 28 }),
  })
  .map(({ yy, mm, dd }) => [yy, mm, dd].map((n) => String(n).padStart(2, "0")).join(""));

function elementsArb(exclude: string) {
  return fc
    .record({
      gtin,
      lot: fc.option(xValue(20, exclude), { nil: undefined }),
      expiry: fc.option(yymmdd, { nil: undefined }),
      serial: fc.option(xValue(20, exclude), { nil: undefined }),
      count: fc.option(digits(3), { nil: undefined }),
    })
    .chain((v) => {
      const els = [
        { ai: "01", value: v.gtin },
        ...(v.lot !== undefined ? [{ ai: "10", value: v.lot }] : []),
        ...(v.expiry !== undefined ? [{ ai: "17", value: v.expiry }] : []),
        ...(v.serial !== undefined ? [{ ai: "21", value: v.serial }] : []),
        ...(v.count !== undefined ? [{ ai: "30", value: v.count }] : []),
      ];
      return fc.shuffledSubarray(els, { minLength: els.length, maxLength: els.length }).map((order) => ({ v, order }));
    });
}

describe("parseGs1 properties (fast-check)", () => {
  it("parses back what buildGs1 wrote, raw with any symbology and separator", () => {
    fc.assert(
      fc.property(
        elementsArb(""),
        fc.constantFrom("", "]d2", "]C1", "]Q3", "]e0"),
        fc.constantFrom(GS, "<GS>", "|", "~"),
        ({ v, order }, symbology, separator) => {
          const r = ok(buildGs1(order, { form: "raw", symbology, separator }));
          expect(r.gtin).toBe(v.gtin);
          expect(r.lot).toBe(v.lot ?? null);
          expect(r.serial).toBe(v.serial ?? null);
          expect(r.expiry).toBe(v.expiry === undefined ? null : gs1DateToIso(v.expiry, 2026));
          expect(r.elements.map((e) => e.ai)).toEqual(order.map((e) => e.ai));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("parses back what buildGs1 wrote in brackets (values without '(' — brackets in a value are ambiguous)", () => {
    fc.assert(
      fc.property(elementsArb("("), ({ v, order }) => {
        const r = ok(buildGs1(order, { form: "bracketed" }));
        expect([r.gtin, r.lot, r.serial]).toEqual([v.gtin, v.lot ?? null, v.serial ?? null]);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses every single-digit change of the GTIN (the check digit catches it)", () => {
    fc.assert(
      fc.property(gtin, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1, max: 9 }), (g, i, delta) => {
        const changed = g.slice(0, i) + String((Number(g[i]) + delta) % 10) + g.slice(i + 1);
        const r = parse(`(01)${changed}`);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.code).toBe("gs1.badCheckDigit");
      }),
    );
  });

  it("never throws, whatever is typed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const r = parse(s);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 500 },
    );
  });
});
