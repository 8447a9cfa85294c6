import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import express from "express";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { precompressed } from "./precompressed";

const dir = mkdtempSync(join(tmpdir(), "fura-precompressed-"));
mkdirSync(join(dir, "assets"));
const script = "console.log('x');\n".repeat(200);
writeFileSync(join(dir, "assets", "app.js"), script);
writeFileSync(join(dir, "assets", "app.js.gz"), gzipSync(script));
writeFileSync(join(dir, "assets", "plain.css"), "body{}");
writeFileSync(join(dir, "secret.js.gz"), gzipSync("outside"));
const app = express();
app.use("/web", precompressed(join(dir, "assets")));
app.use("/web", express.static(join(dir, "assets")));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("precompressed web files", () => {
  it("serves the gzipped copy, with its type, to a client that accepts gzip", async () => {
    const res = await request(app).get("/web/app.js").set("Accept-Encoding", "gzip, deflate");
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    expect(res.text).toBe(script);
  });

  it("serves the file as it is to a client that does not accept gzip, or when there is no gzipped copy", async () => {
    const identity = await request(app).get("/web/app.js").set("Accept-Encoding", "identity");
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.text).toBe(script);
    const css = await request(app).get("/web/plain.css").set("Accept-Encoding", "gzip");
    expect(css.headers["content-encoding"]).toBeUndefined();
    expect(css.text).toBe("body{}");
  });

  it("never serves a file outside its folder", async () => {
    const res = await request(app).get("/web/..%2Fsecret.js").set("Accept-Encoding", "gzip");
    expect(res.text).not.toBe("outside");
    expect(res.headers["content-encoding"]).toBeUndefined();
  });
});
