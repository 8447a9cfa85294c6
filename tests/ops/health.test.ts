/**
 * GET /health for operators (database and WAL size, schema version, last backup and its age; nothing
 * that names a path or a user), and the warning line logged for each slow request.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type OpenDb } from "../../db/client";
import { codeSchemaVersion } from "../../db/schemaVersion";
import { seedDatabase } from "../../db/seed";
import { createApp } from "../../server/app";
import { hashPassword } from "../../server/auth/password";
import { takeBackup } from "../../server/ops/backup";
import { signIn } from "../helpers/app";

const dir = mkdtempSync(join(tmpdir(), "fura-health-"));
const dbFile = join(dir, "fura.db");
let open: OpenDb;
const now = { value: new Date("2026-12-03T08:00:00.000Z") };

beforeAll(() => {
  open = openDb(dbFile);
  seedDatabase(open, { adminPassword: "health-admin-pw", hashPassword, demo: false });
});
afterAll(() => {
  open.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("GET /health", () => {
  it("answers without a session: sizes and schema version, no backup yet, and no path", async () => {
    const app = createApp({ db: open.db, clock: () => now.value });
    const res = await request(app).get("/api/v1/health");
    expect(res.status).toBe(200);
    const code = codeSchemaVersion();
    expect(res.body).toMatchObject({
      status: "ok",
      time: now.value.toISOString(),
      schemaVersion: { migrations: code.migrations, latest: code.latest },
      backup: { lastAt: null, ageSeconds: null, everySeconds: null, overdue: false, lastFailedAt: null },
    });
    expect(res.body.database.bytes).toBeGreaterThan(100_000);
    expect(res.body.database.walBytes).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(res.body)).not.toContain(dir);
  });

  it("gives the last backup's time and age, and says when scheduled backups are overdue or failing", async () => {
    const { manifest } = await takeBackup({ dbFile, outDir: join(dir, "backups"), now: () => now.value });
    const failed = { at: "2026-12-03T10:00:00.000Z" };
    let failure: { at: string } | null = null;
    const app = createApp({
      db: open.db,
      clock: () => now.value,
      backups: { everyMs: 3_600_000, lastError: () => failure },
    });
    now.value = new Date("2026-12-03T09:30:00.000Z");
    const fresh = await request(app).get("/api/v1/health");
    expect(fresh.body.backup).toEqual({
      lastAt: manifest.createdAt,
      ageSeconds: 5400,
      everySeconds: 3600,
      overdue: false,
      lastFailedAt: null,
    });
    now.value = new Date("2026-12-03T10:30:00.000Z");
    failure = failed;
    const late = await request(app).get("/api/v1/health");
    expect(late.body.backup).toMatchObject({ ageSeconds: 9000, overdue: true, lastFailedAt: failed.at });
  });
});

describe("the slow request log", () => {
  it("logs method, path, status, duration, user and the names of the query parameters, never their values", async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const app = createApp({ db: open.db, log: pino({ level: "info" }, sink), slowRequestMs: -1 });
    const agent = request.agent(app);
    await signIn(agent, "admin", "health-admin-pw");
    const res = await agent.get("/api/v1/facilities?q=Kati&level=cscom");
    expect(res.status).toBe(200);
    const slow = lines.filter((l) => l.msg === "slow request").at(-1)!;
    expect(slow).toMatchObject({
      level: 40,
      method: "GET",
      path: "/api/v1/facilities",
      status: 200,
      userId: open.sqlite.prepare("select id from users where username = 'admin'").pluck().get(),
      queryKeys: ["q", "level"],
    });
    expect(typeof slow.ms).toBe("number");
    expect(JSON.stringify(lines)).not.toContain("Kati");
  });

  it("stays quiet for a request under the threshold", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = createApp({ db: open.db, log: pino({ level: "info" }, sink) });
    await request(app).get("/api/v1/health");
    expect(lines.some((l) => l.includes('"msg":"request"'))).toBe(true);
    expect(lines.some((l) => l.includes("slow request"))).toBe(false);
  });
});
