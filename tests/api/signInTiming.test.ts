/**
 * A sign-in costs the same whether or not the username exists: an unknown (or disabled) user is
 * checked against a dummy hash made with the real scrypt parameters. Counted, not timed: node:crypto's
 * scryptSync (not our code) is wrapped to record each call's cost parameters and still do the work.
 * One loose timing check follows, built so that it cannot flake (see its comment).
 */
import * as crypto from "node:crypto";
import request from "supertest";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { makeTestApp, type TestContext } from "../helpers/app";

vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, scryptSync: vi.fn(real.scryptSync) };
});

let t: TestContext;
const scrypt = vi.mocked(crypto.scryptSync);

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 2 });
  t.open.sqlite.prepare("update users set active = 0 where username = 'chauffeur.kati'").run();
});

/** The scrypt calls one sign-in makes, as [N, r, p, key length]. */
async function scryptCallsOf(username: string, password: string): Promise<unknown[][]> {
  scrypt.mockClear();
  const res = await request(t.app).post("/api/v1/auth/login").send({ username, password });
  expect(res.status).toBe(401);
  expect(res.body.error.code).toBe("invalid_credentials");
  return scrypt.mock.calls.map(([, , keyLength, options]) => [options?.N, options?.r, options?.p, keyLength]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe("sign-in cost", () => {
  it("runs exactly one scrypt with the same parameters for an unknown user, a disabled user and a wrong password", async () => {
    const wrongPassword = await scryptCallsOf("pharmacien.kati", "not-the-password");
    expect(wrongPassword).toHaveLength(1);
    expect(wrongPassword[0]![0]).toBeGreaterThanOrEqual(16384);
    expect(await scryptCallsOf("nobody.at.all", "not-the-password")).toEqual(wrongPassword);
    expect(await scryptCallsOf("chauffeur.kati", "fura-demo-2026")).toEqual(wrongPassword);
  });

  it("takes comparable time for an unknown user and a wrong password", async () => {
    // Why this cannot flake: both series do the same work (one request, one scrypt at N = 16384), so their
    // medians come out about equal, and the check allows a factor of 4 either way. Load on the machine
    // slows both alike since the tries alternate, and a median ignores a few stalls. It does catch the
    // bug: without the dummy hash an unknown user costs only the request around it (measured 19 ms
    // against 134 ms on a loaded 2-core machine, a ratio of 0.15; lower still on an idle one).
    const time = async (username: string) => {
      const started = performance.now();
      await request(t.app).post("/api/v1/auth/login").send({ username, password: "not-the-password" });
      return performance.now() - started;
    };
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 9; i++) {
      // Fresh usernames each time so that no throttling delay comes into play.
      unknown.push(await time(`nobody.${i}`));
      known.push(await time(i % 2 === 0 ? "magasin.kati" : "region.koulikoro"));
    }
    const ratio = median(unknown) / median(known);
    expect(
      ratio,
      `unknown ${median(unknown).toFixed(1)} ms, wrong password ${median(known).toFixed(1)} ms`,
    ).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThan(4);
  });
});
