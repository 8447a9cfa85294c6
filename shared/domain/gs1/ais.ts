/**
 * The GS1 Application Identifiers Fura reads (GS1 General Specifications §3, the AI table). The parser knows the
 * length and character set of each, so it can step over the ones Fura does not use (production date, count,
 * additional product id, national healthcare reimbursement numbers…) and still find the lot, expiry and serial
 * behind them. An AI missing from this table is refused (`gs1.unknownAi`): without its length the rest of a raw
 * string cannot be read safely, and a guessed split could give a wrong lot.
 *
 * GS1 AIs are prefix-free (no AI is the beginning of another), so at most one entry matches at any position.
 */

/** How a value is written: N digits only; X the GS1 AI encodable character set 82 (§7.11, Figure 7.11-1). */
export type Gs1Charset = "N" | "X";

/** What the parser checks beyond length and character set. */
export type Gs1ValueKind = "gtin" | "sscc" | "date" | "dateTime" | "text" | "number";

/** One Application Identifier. */
export interface AiSpec {
  ai: string;
  /** GS1 data title */
  title: string;
  charset: Gs1Charset;
  /** Exact length of the value for fixed-length AIs */
  fixed?: number;
  /** Variable length bounds (fixed AIs: both equal `fixed`) */
  min: number;
  max: number;
  kind: Gs1ValueKind;
}

function fixed(ai: string, title: string, length: number, kind: Gs1ValueKind = "number"): AiSpec {
  return { ai, title, charset: "N", fixed: length, min: length, max: length, kind };
}
function varN(ai: string, title: string, max: number, min = 1): AiSpec {
  return { ai, title, charset: "N", min, max, kind: "number" };
}
function varX(ai: string, title: string, max: number, min = 1): AiSpec {
  return { ai, title, charset: "X", min, max, kind: "text" };
}

const specs: AiSpec[] = [
  fixed("00", "SSCC", 18, "sscc"),
  fixed("01", "GTIN", 14, "gtin"),
  fixed("02", "CONTENT", 14, "gtin"),
  varX("10", "BATCH/LOT", 20),
  fixed("11", "PROD DATE", 6, "date"),
  fixed("12", "DUE DATE", 6, "date"),
  fixed("13", "PACK DATE", 6, "date"),
  fixed("15", "BEST BEFORE or BEST BY", 6, "date"),
  fixed("16", "SELL BY", 6, "date"),
  fixed("17", "USE BY OR EXPIRY", 6, "date"),
  fixed("20", "VARIANT", 2),
  varX("21", "SERIAL", 20),
  varX("22", "CPV", 20),
  varX("235", "TPX", 28),
  varX("240", "ADDITIONAL ID", 30),
  varX("241", "CUST. PART No.", 30),
  varN("242", "MTO VARIANT", 6),
  varX("243", "PCN", 20),
  varX("250", "SECONDARY SERIAL", 30),
  varX("251", "REF. TO SOURCE", 30),
  varX("253", "GDTI", 30, 13),
  varX("254", "GLN EXTENSION COMPONENT", 20),
  varX("255", "GCN", 25, 13),
  varN("30", "VAR. COUNT", 8),
  varN("37", "COUNT", 8),
  varX("400", "ORDER NUMBER", 30),
  varX("401", "GINC", 30),
  fixed("402", "GSIN", 17),
  varX("403", "ROUTE", 30),
  fixed("410", "SHIP TO LOC", 13),
  fixed("411", "BILL TO", 13),
  fixed("412", "PURCHASE FROM", 13),
  fixed("413", "SHIP FOR LOC", 13),
  fixed("414", "LOC No.", 13),
  fixed("415", "PAY TO", 13),
  fixed("416", "PROD/SERV LOC", 13),
  fixed("417", "PARTY", 13),
  varX("420", "SHIP TO POST", 20),
  varX("421", "SHIP TO POST", 12, 4),
  fixed("422", "ORIGIN", 3),
  varN("423", "COUNTRY - INITIAL PROCESS", 15, 3),
  fixed("424", "COUNTRY - PROCESS", 3),
  varN("425", "COUNTRY - DISASSEMBLY", 15, 3),
  fixed("426", "COUNTRY - FULL PROCESS", 3),
  fixed("7001", "NSN", 13),
  varX("7002", "MEAT CUT", 30),
  fixed("7003", "EXPIRY TIME", 10, "dateTime"),
  varN("7004", "ACTIVE POTENCY", 4),
  varX("7005", "CATCH AREA", 12),
  fixed("7006", "FIRST FREEZE DATE", 6, "date"),
  varN("7007", "HARVEST DATE", 12, 6),
  varX("7008", "AQUATIC SPECIES", 3),
  varX("7009", "FISHING GEAR TYPE", 10),
  varX("7010", "PROD METHOD", 2),
  varX("710", "NHRN PZN", 20),
  varX("711", "NHRN CIP", 20),
  varX("712", "NHRN CN", 20),
  varX("713", "NHRN DRN", 20),
  varX("714", "NHRN AIM", 20),
  varX("715", "NHRN NDC", 20),
  fixed("8001", "DIMENSIONS", 14),
  varX("8002", "CMT No.", 20),
  varX("8003", "GRAI", 30, 14),
  varX("8004", "GIAI", 30),
  fixed("8005", "PRICE PER UNIT", 6),
  fixed("8006", "ITIP", 18),
  varX("8007", "IBAN", 34),
  varN("8008", "PROD TIME", 12, 8),
  varX("8010", "CPID", 30),
  varN("8011", "CPID SERIAL", 12),
  varX("8012", "VERSION", 20),
  varX("8013", "GMN", 25),
  fixed("8017", "GSRN - PROVIDER", 18),
  fixed("8018", "GSRN - RECIPIENT", 18),
  varN("8019", "SRIN", 10),
  varX("8020", "REF No.", 25),
  fixed("8026", "ITIP CONTENT", 18),
  varX("8200", "PRODUCT URL", 70),
  varX("90", "INTERNAL", 30),
  ...["91", "92", "93", "94", "95", "96", "97", "98", "99"].map((ai) => varX(ai, "INTERNAL", 90)),
];

// Measures and amounts: AI = 3 digits + the implied decimal point position (0–5 for measures, 0–9 for amounts).
for (let head = 310; head <= 369; head++) {
  // 310–316, 320–337, 340–357, 360–369 are trade / logistic measures; the gaps (317–319, 338–339, 358–359) are not AIs.
  if ((head >= 317 && head <= 319) || head === 338 || head === 339 || head === 358 || head === 359) continue;
  for (let d = 0; d <= 5; d++) specs.push(fixed(`${head}${d}`, "MEASURE", 6));
}
for (let d = 0; d <= 9; d++) {
  specs.push(varN(`390${d}`, "AMOUNT", 15));
  specs.push(varN(`391${d}`, "AMOUNT", 18, 4));
  specs.push(varN(`392${d}`, "PRICE", 15));
  specs.push(varN(`393${d}`, "PRICE", 18, 4));
}

/** Every AI the parser knows, by its digits. */
export const AI_TABLE: ReadonlyMap<string, AiSpec> = new Map(specs.map((s) => [s.ai, s]));

/**
 * The first two digits of the AIs whose length is predefined (GS1 General Specifications §7.8.5, Figure 7.8.5-2):
 * in a raw element string they are never followed by a separator. Any other AI, fixed-length or not, is
 * followed by FNC1 / GS unless it is the last element.
 */
export const PREDEFINED_LENGTH_PREFIXES: ReadonlySet<string> = new Set([
  "00",
  "01",
  "02",
  "03",
  "04",
  "11",
  "12",
  "13",
  "14",
  "15",
  "16",
  "17",
  "18",
  "19",
  "20",
  "31",
  "32",
  "33",
  "34",
  "35",
  "36",
  "41",
]);

/** The AI starting at `pos` in `s` (2, 3 or 4 digits), if `s` has a known one there. */
export function aiAt(s: string, pos: number): AiSpec | undefined {
  for (const len of [2, 3, 4]) {
    const candidate = s.slice(pos, pos + len);
    if (candidate.length < len || !/^\d+$/.test(candidate)) return undefined;
    const spec = AI_TABLE.get(candidate);
    if (spec) return spec;
  }
  return undefined;
}

/** True when a raw element string needs FNC1 / GS after this AI's value (unless it is the last element). */
export function needsSeparator(ai: string): boolean {
  return !PREDEFINED_LENGTH_PREFIXES.has(ai.slice(0, 2));
}

/** GS1 AI encodable character set 82 (§7.11): the characters allowed in an X value. */
export const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
