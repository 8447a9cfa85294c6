import type { Job, Problem, Vehicle } from "./model";
import { Rng } from "./prng";

/**
 * Random small problems for tests: jobs on a 100×100 grid (1 unit = 10 m,
 * travel at 1 m/s), two load dimensions, optional time windows, service times
 * and skills, and a few vehicles.
 */
export function randomProblem(
  seed: number,
  opts: { jobs?: number; vehicles?: number; tw?: boolean; skills?: boolean } = {},
): Problem {
  const rng = new Rng(seed);
  const n = opts.jobs ?? 12;
  const nv = opts.vehicles ?? 3;
  const pts: [number, number][] = [[50, 50]];
  for (let i = 0; i < n; i++) pts.push([rng.int(100), rng.int(100)]);
  const size = pts.length;
  const durationsS = new Int32Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++)
      durationsS[i * size + j] = Math.round(10 * Math.hypot(pts[i]![0] - pts[j]![0], pts[i]![1] - pts[j]![1]));
  }
  const jobs: Job[] = [];
  for (let i = 0; i < n; i++) {
    const start = rng.int(3000);
    jobs.push({
      id: 100 + i,
      location: i + 1,
      delivery: [1 + rng.int(10), rng.int(5)],
      serviceS: rng.int(60),
      timeWindows: opts.tw && rng.next() < 0.6 ? [{ startS: start, endS: start + 300 + rng.int(1500) }] : [],
      skills: opts.skills && rng.next() < 0.2 ? [1] : [],
      priority: 0,
    });
  }
  const vehicles: Vehicle[] = [];
  for (let v = 0; v < nv; v++) {
    vehicles.push({
      id: v + 1,
      start: 0,
      end: 0,
      capacity: [25 + rng.int(20), 15],
      skills: opts.skills && v === 0 ? [1] : [],
      ...(opts.tw ? { shift: { startS: 0, endS: 6000 } } : {}),
      fixedCost: v === nv - 1 ? 500 : 0,
    });
  }
  return { jobs, vehicles, matrix: { size, durationsS, distancesM: durationsS } };
}
