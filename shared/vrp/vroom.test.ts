import { describe, expect, it } from "vitest";
import { solve } from "./solve";
import { parseVroom, toVroomOutput } from "./vroom";

const base = () => ({
  jobs: [
    { id: 1, location_index: 1, delivery: [2, 1], service: 60, time_windows: [[0, 3600]], unknown_field: "ignored" },
    { id: 2, location_index: 2, delivery: [50, 0] },
  ],
  vehicles: [{ id: 9, start_index: 0, end_index: 0, capacity: [10, 5], time_window: [0, 7200], costs: { fixed: 100 } }],
  matrices: {
    car: {
      durations: [
        [0, 100, 200],
        [100, 0, 150],
        [200, 150, 0],
      ],
    },
  },
});

describe("VROOM input", () => {
  it("parses the supported subset and ignores unknown fields", () => {
    const r = parseVroom(base());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.problem.jobs[0]).toEqual({
      id: 1,
      location: 1,
      delivery: [2, 1],
      serviceS: 60,
      timeWindows: [{ startS: 0, endS: 3600 }],
      skills: [],
      priority: 0,
    });
    expect(r.problem.vehicles[0]).toMatchObject({
      id: 9,
      start: 0,
      end: 0,
      capacity: [10, 5],
      shift: { startS: 0, endS: 7200 },
      fixedCost: 100,
    });
  });

  it("rejects invalid fields with their JSON path and reason", () => {
    const inp = base();
    inp.jobs[1]!.delivery = [-1, 0];
    inp.jobs[0]!.time_windows = [[10, 5]];
    const r = parseVroom(inp);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
    expect(byPath["jobs.1.delivery.0"]).toMatch(/non-negative/);
    expect(byPath["jobs.0.time_windows.0"]).toMatch(/end before start/);
    const r2 = parseVroom({ ...base(), jobs: [{ ...base().jobs[0], location_index: 3 }] });
    expect(!r2.ok && r2.errors).toEqual([{ path: "jobs.0.location_index", message: "index 3 out of matrix (size 3)" }]);
    const r3 = parseVroom({ ...base(), vehicles: [{ ...base().vehicles[0], capacity: [10] }] });
    expect(!r3.ok && r3.errors.map((e) => e.path)).toEqual(["jobs.0.delivery", "jobs.1.delivery"]);
  });

  it("formats a solution in VROOM's output shape with unassigned reasons", () => {
    const r = parseVroom(base());
    if (!r.ok) throw new Error("parse");
    const out = toVroomOutput(r.problem, solve(r.problem, { seed: 1, maxIterations: 50 }));
    expect(out.code).toBe(0);
    expect(out.summary).toMatchObject({ cost: 300, routes: 1, unassigned: 1 });
    expect(out.unassigned).toEqual([{ id: 2, type: "job", location_index: 2, reason: "capacity" }]);
    expect(out.routes[0]!.steps.map((s) => [s.type, s.arrival, s.load])).toEqual([
      ["start", 0, [2, 1]],
      ["job", 100, [0, 0]],
      ["end", 260, [0, 0]],
    ]);
  });
});
