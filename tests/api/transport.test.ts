/**
 * Transport errors are the client's: a body that is not JSON, is malformed, compressed in a way the API
 * does not read or too large; a path with bad percent-encoding; a method the path does not have; query
 * strings of the wrong shape; HTTP the parser cannot read. Each answers a 4xx with a stable code, never
 * a 5xx, and the database is exactly as before.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import pino from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { answerClientErrors } from "../../server/clientErrors";
import { ERROR_STATUS } from "../../shared/errors";
import { ADMIN_PASSWORD, makeTestApp, type TestContext } from "../helpers/app";

let t: TestContext;
let server: Server;
let port = 0;
let depotId: string;
let productId: number;
/** The admin's session for requests sent without supertest */
let session: { cookie: string; csrfToken: string };
let key = 0;
const k = () => `transport-${++key}`;

/** Everything a write could touch (a refused request's own `access.denied` audit line is the one write expected). */
const snapshot = () =>
  t.open.sqlite
    .prepare(
      `select (select count(*) from stock_movements) movements, (select coalesce(sum(qty_on_hand), 0) from stock_balances) stock,
              (select count(*) from lots) lots, (select count(*) from idempotency_keys) idempotencyKeys, (select count(*) from audit_log where action <> 'access.denied') audit,
              (select count(*) from stock_reports) reports, (select count(*) from orders) orders, (select group_concat(status) from orders) statuses,
              (select count(*) from route_plans) plans, (select count(*) from sessions) sessions`,
    )
    .get();

const receipt = () => ({
  type: "receipt",
  facilityId: depotId,
  productId,
  lotCode: "TRANSPORT-1",
  expiry: "2028-01-31",
  quantity: 5,
});

/** Sends raw bytes to the listening server and returns what it answers before closing. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      answer += chunk;
      // One answer is all we want: the server may keep the connection open after it.
      if (/\r\n\r\n/.test(answer) && /"code"/.test(answer)) socket.destroy();
    });
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
    socket.write(bytes);
  });
}

/** The status line's code and the JSON body of a raw answer. */
function parse(answer: string): { status: number; body: { error?: { code: string } } } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
  const json = answer.slice(answer.indexOf("\r\n\r\n") + 4);
  return { status, body: JSON.parse(json) as { error?: { code: string } } };
}

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 2 });
  server = t.app.listen(0, "127.0.0.1");
  answerClientErrors(server);
  await new Promise((r) => server.once("listening", r));
  port = (server.address() as AddressInfo).port;
  depotId = t.open.sqlite
    .prepare("select id from facilities where level = 'district' and district_id = 'kati'")
    .pluck()
    .get() as string;
  productId = t.open.sqlite.prepare("select id from products order by id limit 1").pluck().get() as number;
  const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
  });
  session = {
    cookie: login.headers.get("set-cookie")!.split(";")[0]!,
    csrfToken: ((await login.json()) as { csrfToken: string }).csrfToken,
  };
});

afterAll(() => {
  server.close();
});

describe("request bodies", () => {
  const write = () => t.agent.post("/api/v1/stock/movements").set("Idempotency-Key", k());

  it("answers a malformed JSON body with 400 validation_failed on (body) and writes nothing", async () => {
    const before = snapshot();
    const res = await write().set("Content-Type", "application/json").send('{"type": "receipt", ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.issues[0].path).toBe("(body)");
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ["text/plain", JSON.stringify({ type: "receipt" })],
    ["application/x-www-form-urlencoded", "type=receipt&quantity=5"],
    ["multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=type\r\n\r\nreceipt\r\n--x--"],
  ])("refuses a %s body on a JSON route with 415 unsupported_media_type and writes nothing", async (type, body) => {
    const before = snapshot();
    const res = await write().set("Content-Type", type).send(body);
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe("unsupported_media_type");
    expect(res.body.error.details.issues[0].path).toBe("Content-Type");
    expect(snapshot()).toEqual(before);
  });

  it("refuses a body without a Content-Type with 415", async () => {
    const before = snapshot();
    const answer = parse(
      await raw(`POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`),
    );
    expect(answer.status).toBe(415);
    expect(answer.body.error?.code).toBe("unsupported_media_type");
    expect(snapshot()).toEqual(before);
  });

  it("refuses an unsupported Content-Encoding (body-parser's 415) and a charset other than UTF-8, writing nothing", async () => {
    const before = snapshot();
    for (const encoding of ["zstd", "compress", "x-unknown"]) {
      const res = await write()
        .set("Content-Type", "application/json")
        .set("Content-Encoding", encoding)
        .send(JSON.stringify(receipt()));
      expect(res.status, encoding).toBe(415);
      expect(res.body.error.code).toBe("unsupported_media_type");
      expect(res.body.error.details.issues[0].path).toBe("Content-Encoding");
    }
    const latin = await write().set("Content-Type", "application/json; charset=latin1").send(JSON.stringify(receipt()));
    expect(latin.status).toBe(415);
    expect(latin.body.error.details.issues[0].path).toBe("Content-Type");
    expect(snapshot()).toEqual(before);
  });

  it("answers a body that is not what its Content-Encoding says with 400 bad_request, and reads a real gzip body", async () => {
    // supertest would serialise a Buffer as JSON: send the bytes with fetch, signed in as the agent is.
    const headers = {
      "Content-Type": "application/json",
      "Content-Encoding": "gzip",
      Cookie: session.cookie,
      "X-CSRF-Token": session.csrfToken,
    };
    const post = (body: Buffer) =>
      fetch(`http://127.0.0.1:${port}/api/v1/stock/movements`, {
        method: "POST",
        headers: { ...headers, "Idempotency-Key": k() },
        body: new Uint8Array(body),
      });
    const before = snapshot();
    const corrupt = await post(Buffer.from(JSON.stringify(receipt())));
    expect(corrupt.status).toBe(400);
    expect(((await corrupt.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    expect(snapshot()).toEqual(before);
    const gzipped = await post(gzipSync(JSON.stringify(receipt())));
    expect(gzipped.status).toBe(201);
  });
});

describe("paths and methods", () => {
  it("answers bad percent-encoding in a path with 400 bad_request (Express's URIError), reads and writes alike", async () => {
    const before = snapshot();
    const read = await t.agent.get("/api/v1/facilities/%E0%A4%A");
    expect(read.status).toBe(400);
    expect(read.body.error.code).toBe("bad_request");
    const approve = await t.agent.post("/api/v1/orders/%E0%A4%A/approve").set("Idempotency-Key", k()).send({});
    expect(approve.status).toBe(400);
    expect(approve.body.error.code).toBe("bad_request");
    expect(snapshot()).toEqual(before);
  });

  it("answers bad percent-encoding on the web app's pages with 400 too", async () => {
    const webDir = mkdtempSync(join(tmpdir(), "fura-web-"));
    writeFileSync(join(webDir, "index.html"), "<!doctype html><title>Fura</title>");
    const app = createApp({ db: t.open.db, clock: () => t.now.value, log: pino({ level: "silent" }), webDir });
    const page = await request(app).get("/commandes/%E0%A4%A");
    expect(page.status).toBe(400);
    expect(page.body.error.code).toBe("bad_request");
    expect((await request(app).get("/commandes/12")).status).toBe(200);
  });

  it("answers a method the path does not have with 405 and the Allow header, an unknown path with 404", async () => {
    const before = snapshot();
    const del = await t.agent.delete("/api/v1/orders/1");
    expect(del.status).toBe(405);
    expect(del.body.error.code).toBe("method_not_allowed");
    expect(del.headers.allow).toBe("GET, HEAD");
    const put = await t.agent.put("/api/v1/stock/movements").set("Idempotency-Key", k()).send(receipt());
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe("POST");
    const get = await t.agent.get("/api/v1/orders/1/approve");
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe("POST");
    const unknown = await t.agent.get("/api/v1/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    expect(snapshot()).toEqual(before);
  });
});

describe("query strings", () => {
  it("refuses bracketed keys (?a[b]=) and __proto__ with 400 naming the key", async () => {
    const bracket = await t.agent.get("/api/v1/facilities?limit[b]=1");
    expect(bracket.status).toBe(400);
    expect(bracket.body.error.details.issues[0].path).toBe("limit[b]");
    const proto = await t.agent.get("/api/v1/orders?__proto__=x");
    expect(proto.status).toBe(400);
    expect(proto.body.error.details.issues[0].path).toBe("__proto__");
  });

  it("refuses a key given twice where one value is expected, saying so", async () => {
    for (const query of ["productId=1&productId=2", "productId=1&regionId=kati&regionId=kati"]) {
      const res = await t.agent.get(`/api/v1/stock/status?${query}`);
      expect(res.status, query).toBe(400);
      const issue = res.body.error.details.issues[0];
      expect(issue.message).toBe("given 2 times: give it once");
    }
    const limit = await t.agent.get("/api/v1/audit?limit=1&limit=500");
    expect(limit.status).toBe(400);
    expect(limit.body.error.details.issues[0]).toEqual({ path: "limit", message: "given 2 times: give it once" });
  });
});

describe("HTTP the parser refuses", () => {
  it("answers headers over Node's limit with 431 headers_too_large in the API's error shape", async () => {
    const answer = parse(await raw(`GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`));
    expect(answer.status).toBe(431);
    expect(answer.body.error?.code).toBe("headers_too_large");
  });

  it("answers a malformed request line and an unknown method with 400 bad_request", async () => {
    for (const line of ["GARBAGE\r\n\r\n", "FETCH /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"]) {
      const answer = parse(await raw(line));
      expect(answer.status, line).toBe(400);
      expect(answer.body.error?.code).toBe("bad_request");
    }
  });
});

describe("every route, hostile transport", () => {
  it("never answers 5xx to a client mistake on any declared route, and writes nothing", async () => {
    const before = snapshot();
    const routes = t.app.locals.routes;
    expect(routes.length).toBeGreaterThan(30);
    const failures: string[] = [];
    // The shared agent must stay signed in: the logout route is left out.
    for (const route of routes.filter((r) => r.path !== "/auth/logout")) {
      const method = route.method;
      // A DELETE whose only mistake is a junk query (ignored by a route without a query schema) really deletes:
      // aim it at an object that does not exist, so that "writes nothing" holds for what is a valid request.
      const id = method === "delete" ? "987654" : "1";
      const path = `/api/v1${route.path.replace(/:[A-Za-z]+/g, id)}`;
      const badPath = route.path.includes(":")
        ? `/api/v1${route.path.replace(/:[A-Za-z]+/, "%E0%A4%A").replace(/:[A-Za-z]+/g, id)}`
        : null;
      const attempts: [string, () => request.Test][] = [
        ["a[b] and duplicated keys", () => t.agent[method](`${path}?a[b]=1&limit=1&limit=2&period=2026-01&period=x`)],
        ["__proto__ in the query", () => t.agent[method](`${path}?__proto__[x]=1&constructor=1`)],
        ...(badPath ? [["bad percent-encoding", () => t.agent[method](badPath)] as [string, () => request.Test]] : []),
      ];
      if (method !== "get")
        attempts.push(
          ["malformed JSON", () => t.agent[method](path).set("Content-Type", "application/json").send("{")],
          ["text/plain body", () => t.agent[method](path).set("Content-Type", "text/plain").send("{}")],
          [
            "unsupported encoding",
            () =>
              t.agent[method](path).set("Content-Type", "application/json").set("Content-Encoding", "zstd").send("{}"),
          ],
          [
            "reserved key",
            () => t.agent[method](path).set("Content-Type", "application/json").send('{"a":{"__proto__":{"b":1}}}'),
          ],
        );
      for (const [what, send] of attempts) {
        const res = await send().set("Idempotency-Key", k());
        const code = res.body?.error?.code as keyof typeof ERROR_STATUS | undefined;
        // A route without a query schema ignores the query (2xx); any refusal is a 4xx with its code's status.
        if (res.status >= 500 || (res.status >= 400 && (!code || ERROR_STATUS[code] !== res.status)))
          failures.push(`${method.toUpperCase()} ${route.path} ${what} → ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(snapshot()).toEqual(before);
  });
});
