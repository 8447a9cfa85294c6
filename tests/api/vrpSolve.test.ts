/** POST /api/v1/vrp/solve: VROOM JSON solved in a worker thread; invalid input → 400 with JSON paths; runaway workers stopped. */
import pino from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { SolverPool } from "../../server/routing/solverPool";
import { ADMIN_PASSWORD, DEMO_PASSWORD, makeTestApp, signIn, TEST_NOW, type TestContext } from "../helpers/app";

let t: TestContext;

/** Depot 0 and five stops on a line, 10 minutes apart; two vehicles of capacity [10 kg, 10 L]. */
const problem = () => {
  const n = 6;
  const durations = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Math.abs(i - j) * 600));
  return {
    jobs: [1, 2, 3, 4, 5].map((i) => ({
      id: 100 + i,
      location_index: i,
      delivery: [3, 1],
      service: 300,
      time_windows: [[0, 30_000]],
    })),
    vehicles: [
      { id: 1, start_index: 0, end_index: 0, capacity: [10, 10], time_window: [0, 36_000] },
      { id: 2, start_index: 0, end_index: 0, capacity: [10, 10], time_window: [0, 36_000] },
    ],
    matrices: { car: { durations, distances: durations.map((row) => row.map((d) => d * 10)) } },
  };
};

const solve = (body: object, query = "?maxIterations=200&seed=3") =>
  t.agent.post(`/api/v1/vrp/solve${query}`).send(body);

beforeAll(async () => {
  t = await makeTestApp({ cscoms: 1, months: 1 });
});

describe("POST /vrp/solve", () => {
  it("solves a valid problem in a worker and answers VROOM's output shape", async () => {
    const res = await solve(problem());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 0, summary: { unassigned: 0 }, unassigned: [] });
    const served = res.body.routes.flatMap((r: { steps: { type: string; id?: number }[] }) =>
      r.steps.filter((s) => s.type === "job").map((s) => s.id),
    );
    expect(served.sort()).toEqual([101, 102, 103, 104, 105]);
    for (const route of res.body.routes) {
      expect(route.steps[0]).toMatchObject({ type: "start", location_index: 0 });
      expect(route.steps.at(-1)).toMatchObject({ type: "end", location_index: 0 });
      expect(route.delivery[0]).toBeLessThanOrEqual(10);
      expect(route.distance).toBe(route.duration * 10);
    }
    expect(res.body.summary.distance).toBe(
      res.body.routes.reduce((s: number, r: { distance: number }) => s + r.distance, 0),
    );
  });

  it("gives the same answer for the same seed and iteration count, with options in the body", async () => {
    const a = await solve({ ...problem(), options: { seed: 7, max_iterations: 150 } }, "");
    const b = await solve({ ...problem(), options: { seed: 7, max_iterations: 150 } }, "");
    expect(a.status).toBe(200);
    expect(b.body.routes).toEqual(a.body.routes);
  });

  it("reports a job no vehicle can carry as unassigned with reason capacity", async () => {
    const p = problem();
    p.jobs[2]!.delivery = [11, 1];
    const res = await solve(p);
    expect(res.status).toBe(200);
    expect(res.body.unassigned).toEqual([{ id: 103, type: "job", location_index: 3, reason: "capacity" }]);
  });

  const invalid: [string, (p: ReturnType<typeof problem>) => void, string][] = [
    ["a location index outside the matrix", (p) => void (p.jobs[3]!.location_index = 9), "jobs.3.location_index"],
    ["a negative demand", (p) => void (p.jobs[1]!.delivery = [-2, 1]), "jobs.1.delivery.0"],
    ["a capacity dimension mismatch", (p) => void (p.vehicles[1]!.capacity = [10]), "vehicles.1.capacity"],
    [
      "a time window ending before it starts",
      (p) => void (p.jobs[0]!.time_windows = [[500, 100]]),
      "jobs.0.time_windows.0",
    ],
    ["a vehicle start outside the matrix", (p) => void (p.vehicles[0]!.start_index = 6), "vehicles.0.start_index"],
    ["a non-square matrix", (p) => void p.matrices.car.durations[2]!.pop(), "matrices.car.durations.2"],
  ];
  it.each(invalid)("refuses %s with 400 validation_failed naming the field", async (_name, mutate, path) => {
    const p = problem();
    mutate(p);
    const res = await solve(p);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it("bounds the deadline to 30 s and refuses unknown options", async () => {
    const slow = await solve(problem(), "?deadlineMs=60000");
    expect(slow.status).toBe(400);
    expect(slow.body.error.details.issues[0].path).toBe("deadlineMs");
    const body = await solve({ ...problem(), options: { deadline_ms: 31_000 } }, "");
    expect(body.body.error.details.issues[0].path).toBe("options.deadline_ms");
    const unknown = await solve(problem(), "?threads=4");
    expect(unknown.status).toBe(400);
  });

  /** A VROOM problem over a 520-location matrix (durations and distances, ≈ 3 MB of JSON): 80 stops, 4 vehicles. */
  const bigProblem = () => {
    const n = 520;
    const pt = (i: number) => [(i * 7919) % 1000, (i * 104_729) % 997];
    const durations = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => Math.round(3 * Math.hypot(pt(i)[0]! - pt(j)[0]!, pt(i)[1]! - pt(j)[1]!))),
    );
    return {
      jobs: Array.from({ length: 80 }, (_, k) => ({
        id: 1000 + k,
        location_index: 1 + ((k * 37) % (n - 1)),
        delivery: [1],
        service: 60,
      })),
      vehicles: [1, 2, 3, 4].map((id) => ({ id, start_index: 0, end_index: 0, capacity: [25] })),
      matrices: { car: { durations, distances: durations.map((row) => row.map((d) => d * 12)) } },
    };
  };

  it("accepts a VROOM problem of about 3 MB (500+ locations) from a signed-in user and solves it", async () => {
    const body = bigProblem();
    const bytes = Buffer.byteLength(JSON.stringify(body));
    expect(bytes).toBeGreaterThan(2_500_000);
    expect(bytes).toBeLessThan(25_000_000);
    const res = await solve(body, "?maxIterations=50&seed=1");
    expect(res.status).toBe(200);
    expect(res.body.summary.unassigned).toBe(0);
    const served = res.body.routes.flatMap((r: { steps: { type: string; id?: number }[] }) =>
      r.steps.filter((s) => s.type === "job").map((s) => s.id),
    );
    expect(served).toHaveLength(80);
  });

  it("keeps 1 MB everywhere else: larger bodies on other routes, or on the solver without a session, get 413 payload_too_large", async () => {
    const big = bigProblem();
    const other = await t.agent.post("/api/v1/route-plans").set("Idempotency-Key", "vrp-big-1").send(big);
    expect(other.status).toBe(413);
    expect(other.body.error.code).toBe("payload_too_large");
    const anonymous = await request(t.app).post("/api/v1/vrp/solve").send(big);
    expect(anonymous.status).toBe(413);
    expect(anonymous.body.error.code).toBe("payload_too_large");
    const small = await request(t.app).post("/api/v1/vrp/solve").send(problem());
    expect(small.status).toBe(401);
  });

  it("refuses a solve body over 25 MB (25 × 2^20 bytes) with 413 payload_too_large", async () => {
    const res = await solve({ ...problem(), padding: "x".repeat(27_000_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  it("is refused to a driver and a CSCom manager (403)", async () => {
    for (const username of ["chauffeur.kati", "cscom.kati"]) {
      const agent = request.agent(t.app);
      await signIn(agent, username, DEMO_PASSWORD);
      const res = await agent.post("/api/v1/vrp/solve").send(problem());
      expect(res.status).toBe(403);
    }
  });
});

describe("solver worker pool", () => {
  /** An app over the same database whose pool runs a misbehaving worker. */
  async function appWith(mode: "hang" | "throw" | "exit") {
    // Crashes must be told from timeouts even when a loaded machine boots the worker slowly.
    const pool = new SolverPool({
      size: 1,
      graceMs: mode === "hang" ? 300 : 10_000,
      entry: new URL("../helpers/misbehavingSolveWorker.ts", import.meta.url),
      data: { mode },
    });
    const app = createApp({
      db: t.open.db,
      clock: () => TEST_NOW,
      log: pino({ level: "silent" }),
      loginRateLimitPerMinute: 0,
      solver: pool,
    });
    const agent = request.agent(app);
    await signIn(agent, "admin", ADMIN_PASSWORD);
    return { pool, app, agent };
  }
  const pools: SolverPool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it("terminates a worker that overruns its deadline and answers 504 solver_timeout, without blocking other requests", async () => {
    const { pool, app, agent } = await appWith("hang");
    pools.push(pool);
    const pending = agent
      .post("/api/v1/vrp/solve?deadlineMs=100")
      .send(problem())
      .then((r) => r);
    while (pool.liveWorkers === 0) await new Promise((r) => setTimeout(r, 10));
    // The worker spins at 100% CPU; the API still answers.
    const health = await request(app).get("/api/v1/health");
    expect(health.status).toBe(200);
    const res = await pending;
    expect(res.status).toBe(504);
    expect(res.body.error).toMatchObject({ code: "solver_timeout", details: { limitMs: 400 } });
    expect(pool.liveWorkers).toBe(0);
  });

  it.each(["throw", "exit"] as const)(
    "answers 500 solver_failed when the worker crashes (%s) and forgets it",
    async (mode) => {
      const { pool, agent } = await appWith(mode);
      pools.push(pool);
      const res = await agent.post("/api/v1/vrp/solve?deadlineMs=100").send(problem());
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe("solver_failed");
      expect(pool.liveWorkers).toBe(0);
    },
  );

  it("refuses with 503 solver_busy when the queue is full", async () => {
    const pool = new SolverPool({
      size: 1,
      maxQueue: 0,
      graceMs: 300,
      entry: new URL("../helpers/misbehavingSolveWorker.ts", import.meta.url),
      data: { mode: "hang" },
    });
    pools.push(pool);
    const first = pool
      .run({
        problem: { jobs: [], vehicles: [], matrix: { size: 0, durationsS: [] } },
        options: { deadlineMs: 100, seed: 1 },
      })
      .catch((e: Error) => e);
    await expect(
      pool.run({
        problem: { jobs: [], vehicles: [], matrix: { size: 0, durationsS: [] } },
        options: { deadlineMs: 100, seed: 1 },
      }),
    ).rejects.toMatchObject({ code: "solver_busy" });
    expect(await first).toMatchObject({ code: "solver_timeout" });
  });
});
