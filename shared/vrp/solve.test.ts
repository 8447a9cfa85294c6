import { describe, expect, it } from "vitest";
import { evaluatePlan } from "./check/evaluate";
import type { Problem } from "./model";
import { solve } from "./solve";
import { randomProblem } from "./testing";

/** Line of locations 0..4, 100 s apart; one vehicle from/to 0. */
function lineProblem(): Problem {
  const size = 5;
  const d: number[][] = Array.from({ length: size }, (_, i) =>
    Array.from({ length: size }, (_, j) => 100 * Math.abs(i - j)),
  );
  return {
    matrix: { size, durationsS: d },
    vehicles: [{ id: 1, start: 0, end: 0, capacity: [10], skills: [1], shift: { startS: 0, endS: 2000 } }],
    jobs: [
      { id: 1, location: 1, delivery: [2], serviceS: 10, timeWindows: [], skills: [], priority: 0 },
      { id: 2, location: 2, delivery: [11], serviceS: 0, timeWindows: [], skills: [], priority: 0 },
      {
        id: 3,
        location: 3,
        delivery: [1],
        serviceS: 0,
        timeWindows: [{ startS: 0, endS: 50 }],
        skills: [],
        priority: 0,
      },
      { id: 4, location: 4, delivery: [1], serviceS: 0, timeWindows: [], skills: [2], priority: 0 },
      {
        id: 5,
        location: 4,
        delivery: [3],
        serviceS: 0,
        timeWindows: [{ startS: 900, endS: 1000 }],
        skills: [1],
        priority: 0,
      },
    ],
  };
}

describe("solve", () => {
  it("returns the same solution twice for a seed when maxIterations is set", () => {
    const p = randomProblem(7, { jobs: 40, vehicles: 5, tw: true, skills: true });
    const a = solve(p, { seed: 3, maxIterations: 2000 });
    const b = solve(p, { seed: 3, maxIterations: 2000 });
    expect(a.routes).toEqual(b.routes);
    expect(a.unassigned).toEqual(b.unassigned);
    expect(a.iterations).toBe(2000);
  });

  it("reports too heavy, unreachable and missing-skill jobs with their reason and routes the rest", () => {
    const sol = solve(lineProblem(), { seed: 1, maxIterations: 200 });
    const reasons = Object.fromEntries(sol.unassigned.map((u) => [u.jobId, u.reason]));
    expect(reasons).toEqual({ 2: "capacity", 3: "time_window", 4: "skills" });
    expect(sol.routes).toHaveLength(1);
    expect(
      sol.routes[0]!.steps.filter((s) => s.type === "job")
        .map((s) => s.jobId)
        .sort(),
    ).toEqual([1, 5]);
    const five = sol.routes[0]!.steps.find((s) => s.jobId === 5)!;
    expect(five.serviceStartS).toBe(900);
    expect(five.waitingS).toBe(900 - five.arrivalS);
  });

  it("marks a job no_route when it fits alone but not with the others", () => {
    const p = lineProblem();
    p.jobs = [
      { id: 1, location: 1, delivery: [6], serviceS: 0, timeWindows: [], skills: [], priority: 0 },
      { id: 2, location: 2, delivery: [6], serviceS: 0, timeWindows: [], skills: [], priority: 5 },
    ];
    const sol = solve(p, { seed: 1, maxIterations: 100 });
    expect(sol.unassigned).toEqual([{ jobId: 1, reason: "no_route" }]);
  });

  it("returns feasible routes that serve every job of random time-window problems", () => {
    for (let s = 0; s < 5; s++) {
      const p = randomProblem(s, { jobs: 30, vehicles: 8, tw: true, skills: true });
      const sol = solve(p, { seed: s, maxIterations: 3000 });
      const plan = sol.routes.map((r) => ({
        vehicleId: r.vehicleId,
        jobIds: r.steps.flatMap((x) => (x.jobId === undefined ? [] : [x.jobId])),
      }));
      const ev = evaluatePlan(p, plan);
      expect(ev.violations).toEqual([]);
      expect(ev.cost).toBeCloseTo(sol.cost, 6);
      expect(ev.unplannedJobIds.sort()).toEqual(sol.unassigned.map((u) => u.jobId).sort());
    }
  });

  it("reports max_travel_time when the round trip alone exceeds the vehicle's travel limit", () => {
    const p = lineProblem();
    p.vehicles[0]!.maxTravelTimeS = 500;
    p.jobs = [p.jobs[0]!, { ...p.jobs[4]!, timeWindows: [] }];
    const sol = solve(p, { seed: 1, maxIterations: 50 });
    expect(sol.unassigned).toEqual([{ jobId: 5, reason: "max_travel_time" }]);
    expect(sol.routes[0]!.travelS).toBe(200);
  });

  it("is an empty plan, not an exception, when nothing can be served", () => {
    const p = lineProblem();
    p.jobs = [p.jobs[1]!];
    const sol = solve(p, { seed: 1, deadlineMs: 10_000 });
    expect(sol.routes).toEqual([]);
    expect(sol.unassigned).toEqual([{ jobId: 2, reason: "capacity" }]);
  });
});
