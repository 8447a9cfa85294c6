/**
 * A small fake DHIS2 for the tests: a node:http server answering POST /api/dataValueSets the way DHIS2 does,
 * written from the DHIS2 Web API documentation and its import service — not from Fura's code, so that a
 * misunderstanding of the format in Fura fails here.
 *
 * What it checks: authentication (Basic user:password, or `ApiToken <personal access token>`), the content type,
 * the query parameters (dryRun true|false, importStrategy, async), and the payload shape — JSON: an object with a
 * `dataValues` array, each value with a UID `dataElement`, a monthly `period` "YYYYMM" (its own or the set's),
 * a UID `orgUnit` (its own or the set's), an optional UID `categoryOptionCombo`, and `value` as a string; no
 * other keys than DHIS2's. ADX (application/adx+xml): the urn:ihe:qrph:adx:2015 root, groups with orgUnit and
 * an ADX monthly period "YYYY-MM-01/P1M", values with dataElement and value, entities decoded.
 * A malformed payload is answered 400 (and listed in `rejections`); values naming an unknown data element,
 * org unit or combo (when the fake is given the known ones) are ignored and listed as conflicts, answered 409
 * (web message) or 200 (the bare summary of DHIS2 before 2.36), as DHIS2 does.
 *
 * Storage is an upsert on data element × period × org unit × combo, with DHIS2's counting: a new value is
 * imported, an existing one updated (also when unchanged — DHIS2 counts it as updated), CREATE on an existing
 * value and UPDATE on a missing one are ignored, DELETE removes and counts deleted. dryRun stores nothing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const UID = /^[A-Za-z][A-Za-z0-9]{10}$/;
const MONTH = /^\d{4}(0[1-9]|1[0-2])$/;
const DEFAULT_COC = "HllvX50cXC0";
const STRATEGIES = new Set([
  "CREATE_AND_UPDATE",
  "CREATE",
  "UPDATE",
  "DELETE",
  "NEW_AND_UPDATES",
  "NEW",
  "UPDATES",
  "DELETES",
]);
const VALUE_KEYS = new Set([
  "dataElement",
  "period",
  "orgUnit",
  "categoryOptionCombo",
  "attributeOptionCombo",
  "value",
  "comment",
  "storedBy",
  "created",
  "lastUpdated",
  "followup",
  "deleted",
]);
const SET_KEYS = new Set([
  "dataSet",
  "completeDate",
  "period",
  "orgUnit",
  "attributeOptionCombo",
  "dataValues",
  "idScheme",
  "dataElementIdScheme",
  "orgUnitIdScheme",
]);

/** How the fake behaves. */
export interface FakeDhis2Options {
  /** Basic-auth accounts */
  users?: { username: string; password: string }[];
  /** Personal access tokens (d2pat_…) */
  tokens?: string[];
  /** "webMessage": DHIS2 2.36+ (summary wrapped, 409 on conflicts); "importSummary": the bare summary of older versions */
  shape?: "webMessage" | "importSummary";
  /** When given, values naming anything else become conflicts */
  known?: { dataElements?: string[]; orgUnits?: string[]; categoryOptionCombos?: string[] };
}

/** One request as received. */
export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string;
  authorization: string | null;
  body: string;
}

/** A running fake. */
export interface FakeDhis2 {
  url: string;
  requests: FakeRequest[];
  /** Payloads refused as malformed, with the reason */
  rejections: string[];
  /** Stored values: "de|period|ou|coc" → value */
  values: Map<string, string>;
  /** Answer the next `n` requests with this status (e.g. 503) before handling them */
  failNext(n: number, status?: number): void;
  /** Wait this long before answering each request */
  delay(ms: number): void;
  close(): Promise<void>;
}

type Conflict = { object: string; value: string; errorCode: string; indexes: number[] };

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

function webError(res: ServerResponse, status: number, httpStatus: string, message: string): void {
  answer(res, status, { httpStatus, httpStatusCode: status, status: "ERROR", message });
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9A-Fa-f]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e === "amp") return "&";
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    return String.fromCodePoint(e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*"([^"<]*)"/g)) out[m[1]!] = decodeEntities(m[2]!);
  return out;
}

type RawValue = Record<string, unknown>;

/** ADX → DHIS2 values, or the reason it is malformed. */
function valuesFromAdx(xml: string): RawValue[] | string {
  if (/&(?!(#x[0-9A-Fa-f]+|#\d+|amp|lt|gt|quot|apos);)/.test(xml)) return "ADX: unescaped '&'";
  const root = /<adx\b([^>]*)>/.exec(xml);
  if (!root || attributes(root[1]!).xmlns !== "urn:ihe:qrph:adx:2015")
    return "ADX: root <adx xmlns=urn:ihe:qrph:adx:2015> missing";
  const values: RawValue[] = [];
  for (const g of xml.matchAll(/<group\b([^>]*)>([\s\S]*?)<\/group>/g)) {
    const ga = attributes(g[1]!);
    if (!ga.orgUnit || !ga.period) return "ADX: group needs orgUnit and period";
    const p = /^(\d{4})-(\d{2})-01\/P1M$/.exec(ga.period);
    if (!p) return `ADX: period ${ga.period} is not a month`;
    for (const v of g[2]!.matchAll(/<dataValue\b([^>]*?)\/>/g)) {
      const va = attributes(v[1]!);
      if (!va.dataElement || va.value === undefined) return "ADX: dataValue needs dataElement and value";
      values.push({ ...va, orgUnit: ga.orgUnit, period: `${p[1]}${p[2]}` });
    }
  }
  return values;
}

/** JSON → DHIS2 values (the set's period and orgUnit applied), or the reason it is malformed. */
function valuesFromJson(text: string): RawValue[] | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return "JSON: not parseable";
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) return "JSON: the body is not an object";
  const set = body as Record<string, unknown>;
  for (const k of Object.keys(set)) if (!SET_KEYS.has(k)) return `JSON: unknown key ${k}`;
  if (!Array.isArray(set.dataValues)) return "JSON: dataValues is not an array";
  if (set.dataSet !== undefined && (typeof set.dataSet !== "string" || !UID.test(set.dataSet)))
    return "JSON: dataSet is not a UID";
  const values: RawValue[] = [];
  for (const [i, v] of (set.dataValues as unknown[]).entries()) {
    if (v === null || typeof v !== "object") return `JSON: dataValues[${i}] is not an object`;
    const dv = v as RawValue;
    for (const k of Object.keys(dv)) if (!VALUE_KEYS.has(k)) return `JSON: dataValues[${i}] has unknown key ${k}`;
    if (typeof dv.value !== "string") return `JSON: dataValues[${i}].value is not a string`;
    if (dv.categoryOptionCombo !== undefined && typeof dv.categoryOptionCombo !== "string")
      return `JSON: dataValues[${i}].categoryOptionCombo is not a string`;
    values.push({ ...dv, period: dv.period ?? set.period, orgUnit: dv.orgUnit ?? set.orgUnit });
  }
  return values;
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeDhis2(options: FakeDhis2Options = {}): Promise<FakeDhis2> {
  const requests: FakeRequest[] = [];
  const rejections: string[] = [];
  const values = new Map<string, string>();
  let failing: { n: number; status: number } = { n: 0, status: 503 };
  let delayMs = 0;
  const shape = options.shape ?? "webMessage";
  const known = options.known;

  const authorised = (auth: string | null): boolean => {
    if (!auth) return false;
    if (auth.startsWith("Basic ")) {
      const [user, ...rest] = Buffer.from(auth.slice(6), "base64").toString("utf8").split(":");
      return (options.users ?? []).some((u) => u.username === user && u.password === rest.join(":"));
    }
    if (auth.startsWith("ApiToken ")) return (options.tokens ?? []).includes(auth.slice(9));
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", "http://fake");
    const record: FakeRequest = {
      method: req.method ?? "",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: String(req.headers["content-type"] ?? ""),
      authorization: req.headers.authorization ?? null,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(record);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (failing.n > 0) {
      failing.n--;
      res.writeHead(failing.status, { "Content-Type": "text/html" });
      res.end("<html><body>Service Unavailable</body></html>");
      return;
    }
    if (!authorised(record.authorization)) return webError(res, 401, "Unauthorized", "Unauthorized");
    if (record.method !== "POST" || record.path !== "/api/dataValueSets")
      return webError(res, 404, "Not Found", `${record.method} ${record.path}`);
    const q = record.query;
    if (q.dryRun !== undefined && q.dryRun !== "true" && q.dryRun !== "false")
      return webError(res, 400, "Bad Request", "dryRun must be true or false");
    const strategy = q.importStrategy ?? "CREATE_AND_UPDATE";
    if (!STRATEGIES.has(strategy)) return webError(res, 400, "Bad Request", `importStrategy ${strategy}`);
    const parsed = record.contentType.startsWith("application/json")
      ? valuesFromJson(record.body)
      : record.contentType.startsWith("application/adx+xml")
        ? valuesFromAdx(record.body)
        : `unsupported content type ${record.contentType}`;
    if (typeof parsed === "string") {
      rejections.push(parsed);
      return webError(res, 400, "Bad Request", parsed);
    }

    const dryRun = q.dryRun === "true";
    const count = { imported: 0, updated: 0, ignored: 0, deleted: 0 };
    const conflicts: Conflict[] = [];
    const conflict = (object: string, value: string, errorCode: string, index: number) => {
      const c = conflicts.find((x) => x.object === object && x.errorCode === errorCode);
      if (c) c.indexes.push(index);
      else conflicts.push({ object, value, errorCode, indexes: [index] });
      count.ignored++;
    };
    parsed.forEach((v, i) => {
      const de = String(v.dataElement ?? "");
      const pe = String(v.period ?? "");
      const ou = String(v.orgUnit ?? "");
      const coc = v.categoryOptionCombo === undefined ? DEFAULT_COC : String(v.categoryOptionCombo);
      if (!UID.test(de) || (known?.dataElements && !known.dataElements.includes(de)))
        return conflict(de, "Data element not found or not accessible", "E7610", i);
      if (!MONTH.test(pe)) return conflict(pe, "Period not valid", "E7611", i);
      if (!UID.test(ou) || (known?.orgUnits && !known.orgUnits.includes(ou)))
        return conflict(ou, "Organisation unit not found or not accessible", "E7612", i);
      if (
        !UID.test(coc) ||
        (coc !== DEFAULT_COC && known?.categoryOptionCombos && !known.categoryOptionCombos.includes(coc))
      )
        return conflict(coc, "Category option combo not found or not accessible", "E7613", i);
      const key = `${de}|${pe}|${ou}|${coc === DEFAULT_COC ? "" : coc}`;
      const exists = values.has(key);
      const s = strategy.replace("NEW_AND_UPDATES", "CREATE_AND_UPDATE").replace(/^NEW$/, "CREATE");
      if (s === "DELETE" || s === "DELETES") {
        if (!exists) return void count.ignored++;
        count.deleted++;
        if (!dryRun) values.delete(key);
        return;
      }
      if (exists && s === "CREATE") return void count.ignored++;
      if (!exists && (s === "UPDATE" || s === "UPDATES")) return void count.ignored++;
      if (exists) count.updated++;
      else count.imported++;
      if (!dryRun) values.set(key, String(v.value));
    });
    const status =
      conflicts.length === 0 ? "SUCCESS" : count.imported + count.updated + count.deleted > 0 ? "WARNING" : "ERROR";
    const summary = {
      responseType: "ImportSummary",
      status,
      importOptions: { dryRun, importStrategy: strategy },
      description:
        status === "SUCCESS" ? "Import process completed successfully" : "Import process completed with conflicts",
      importCount: count,
      conflicts,
      dataSetComplete: "false",
    };
    if (shape === "importSummary") return answer(res, 200, summary);
    const conflicted = conflicts.length > 0;
    answer(res, conflicted ? 409 : 200, {
      httpStatus: conflicted ? "Conflict" : "OK",
      httpStatusCode: conflicted ? 409 : 200,
      status: conflicted ? (status === "ERROR" ? "ERROR" : "WARNING") : "OK",
      message: conflicted ? "One more conflicts encountered, please check import summary." : "Import was successful.",
      response: summary,
    });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => webError(res, 500, "Internal Server Error", String(e)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    rejections,
    values,
    failNext(n, status = 503) {
      failing = { n, status };
    },
    delay(ms) {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
