import { describe, expect, it } from "vitest";
import type { Problem } from "../model";
import { evaluatePlan } from "./evaluate";

const problem: Problem = {
  matrix: {
    size: 3,
    durationsS: [
      [0, 100, 200],
      [100, 0, 100],
      [200, 100, 0],
    ],
    distancesM: [
      [0, 1000, 2000],
      [1000, 0, 1000],
      [2000, 1000, 0],
    ],
  },
  vehicles: [
    { id: 7, start: 0, end: 0, capacity: [5, 5], skills: [], shift: { startS: 0, endS: 450 }, maxTravelTimeS: 350 },
  ],
  jobs: [
    {
      id: 1,
      location: 1,
      delivery: [3, 1],
      serviceS: 30,
      timeWindows: [{ startS: 150, endS: 200 }],
      skills: [],
      priority: 0,
    },
    {
      id: 2,
      location: 2,
      delivery: [3, 1],
      serviceS: 0,
      timeWindows: [{ startS: 0, endS: 250 }],
      skills: [4],
      priority: 0,
    },
  ],
};

describe("evaluatePlan", () => {
  it("computes ETAs, waiting, loads and distances of a fixed plan", () => {
    const ev = evaluatePlan(problem, [{ vehicleId: 7, jobIds: [1] }]);
    const [start, job, end] = ev.routes[0]!.steps;
    expect(start!.load).toEqual([3, 1]);
    expect(job).toMatchObject({
      jobId: 1,
      arrivalS: 100,
      serviceStartS: 150,
      waitingS: 50,
      load: [0, 0],
      distanceM: 1000,
    });
    expect(end).toMatchObject({ arrivalS: 280, distanceM: 2000 });
    expect(ev.violations).toEqual([]);
    expect(ev.cost).toBe(200);
    expect(ev.unplannedJobIds).toEqual([2]);
  });

  it("lists capacity, time-window, skills, shift and travel-time violations of a manual edit", () => {
    const ev = evaluatePlan(problem, [{ vehicleId: 7, jobIds: [1, 2, 99, 1] }]);
    const types = ev.violations.map((v) => v.type).sort();
    expect(types).toEqual([
      "capacity",
      "duplicate_job",
      "max_travel_time",
      "shift",
      "skills",
      "time_window",
      "unknown_job",
    ]);
    expect(ev.violations.find((v) => v.type === "capacity")).toMatchObject({ excess: 1 });
    expect(ev.violations.find((v) => v.type === "time_window")).toMatchObject({ jobId: 2, excess: 30 });
  });
});
