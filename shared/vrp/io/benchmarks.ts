import type { Job, Problem, Vehicle } from "../model";

/** A parsed benchmark instance: the problem plus the metadata needed to score it. */
export interface BenchInstance {
  name: string;
  problem: Problem;
  /** Planar coordinates of every location (depot first), for the independent re-check. */
  coords: [number, number][];
}

/** floor(sqrt(q)) exactly for a non-negative integer q. */
function isqrt(q: number): number {
  let s = Math.floor(Math.sqrt(q));
  while (s * s > q) s--;
  while ((s + 1) * (s + 1) <= q) s++;
  return s;
}

/** TSPLIB EUC_2D: nint(euclidean distance) = floor(d + 0.5). */
export function nintDistance(a: [number, number], b: [number, number]): number {
  return Math.floor(Math.hypot(a[0] - b[0], a[1] - b[1]) + 0.5);
}

/** DIMACS Solomon convention: floor(10 · euclidean distance), exact for integer coordinates. */
export function trunc1x10Distance(a: [number, number], b: [number, number]): number {
  const dx = a[0] - b[0],
    dy = a[1] - b[1];
  return isqrt(100 * (dx * dx + dy * dy));
}

/** Build a flat matrix with a distance function. */
function matrixOf(coords: [number, number][], f: (a: [number, number], b: [number, number]) => number): Int32Array {
  const n = coords.length;
  const m = new Int32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = f(coords[i]!, coords[j]!);
  return m;
}

/**
 * Parse a CVRPLIB `.vrp` file (EUC_2D, one depot). `vehicles` sets the fleet
 * size (A/B/P: the k of the name; X: an upper bound, the fleet is unlimited).
 */
export function parseCvrplib(text: string, vehicles?: number): BenchInstance {
  const lines = text.split(/\r?\n/);
  let name = "",
    capacity = 0,
    dim = 0,
    section = "";
  const coords: [number, number][] = [];
  const demand: number[] = [];
  let depot = 1;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const kv = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (kv) {
      const [, k, v] = kv;
      if (k === "NAME") name = v!.trim();
      if (k === "CAPACITY") capacity = Number(v);
      if (k === "DIMENSION") dim = Number(v);
      if (k === "EDGE_WEIGHT_TYPE" && v!.trim() !== "EUC_2D") throw new Error(`unsupported EDGE_WEIGHT_TYPE ${v}`);
      continue;
    }
    if (/^[A-Z_]+SECTION/.test(line) || line === "EOF") {
      section = line.split(/\s/)[0]!;
      continue;
    }
    const nums = line.split(/\s+/).map(Number);
    if (section === "NODE_COORD_SECTION") coords[nums[0]! - 1] = [nums[1]!, nums[2]!];
    else if (section === "DEMAND_SECTION") demand[nums[0]! - 1] = nums[1]!;
    else if (section === "DEPOT_SECTION" && nums[0]! > 0) depot = nums[0]!;
  }
  if (depot !== 1 || coords.length !== dim) throw new Error(`${name}: expected depot 1 and ${dim} nodes`);
  const k = vehicles ?? Number(/-k(\d+)/.exec(name)?.[1] ?? dim);
  const jobs: Job[] = [];
  for (let i = 1; i < dim; i++) {
    jobs.push({
      id: i + 1,
      location: i,
      delivery: [demand[i]!],
      serviceS: 0,
      timeWindows: [],
      skills: [],
      priority: 0,
    });
  }
  const fleet: Vehicle[] = Array.from({ length: k }, (_, v) => ({
    id: v + 1,
    start: 0,
    end: 0,
    capacity: [capacity],
    skills: [],
  }));
  const durationsS = matrixOf(coords, nintDistance);
  return {
    name,
    coords,
    problem: { jobs, vehicles: fleet, matrix: { size: dim, durationsS, distancesM: durationsS } },
  };
}

/**
 * Parse a Solomon `.txt` file under the DIMACS convention: distances and
 * travel times floor(10·euclid), ready/due/service times ×10, routes must
 * return by the depot due date.
 */
export function parseSolomon(text: string): BenchInstance {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const name = lines[0]!;
  const vi = lines.findIndex((l) => l.startsWith("NUMBER"));
  const [nVeh, capacity] = lines[vi + 1]!.split(/\s+/).map(Number) as [number, number];
  const rows = lines
    .slice(vi + 2)
    .filter((l) => /^\d/.test(l))
    .map((l) => l.split(/\s+/).map(Number));
  const coords = rows.map((r) => [r[1]!, r[2]!] as [number, number]);
  const depot = rows[0]!;
  const jobs: Job[] = rows.slice(1).map((r, i) => ({
    id: r[0]!,
    location: i + 1,
    delivery: [r[3]!],
    serviceS: r[6]! * 10,
    timeWindows: [{ startS: r[4]! * 10, endS: r[5]! * 10 }],
    skills: [],
    priority: 0,
  }));
  const vehicles: Vehicle[] = Array.from({ length: nVeh }, (_, v) => ({
    id: v + 1,
    start: 0,
    end: 0,
    capacity: [capacity],
    skills: [],
    shift: { startS: depot[4]! * 10, endS: depot[5]! * 10 },
  }));
  const durationsS = matrixOf(coords, trunc1x10Distance);
  return {
    name,
    coords,
    problem: { jobs, vehicles, matrix: { size: coords.length, durationsS, distancesM: durationsS } },
  };
}
