import type { Problem, UnassignedReason } from "./model";

/**
 * The problem compiled into flat typed arrays for the hot loops.
 * Locations are matrix indices; one extra "dummy" location (index `dummy`) has
 * zero duration and cost to and from everything and stands for an absent
 * vehicle start or end (VROOM semantics: the route begins at its first job).
 */
export interface Instance {
  nJobs: number;
  nVeh: number;
  /** Number of load dimensions. */
  nDim: number;
  /** Matrix size including the dummy location. */
  size: number;
  dummy: number;
  /** Travel durations, seconds, [from*size+to]. */
  dur: Int32Array;
  /** Travel distances, metres, [from*size+to] (zeros when not given). */
  dist: Int32Array;
  /** One arc-cost matrix per cost profile, [from*size+to]. */
  costMats: Float64Array[];
  jobLoc: Int32Array;
  /** Job demand, [job*nDim+dim]. */
  demand: Int32Array;
  serviceS: Float64Array;
  /** Time windows of job j are twStart/twEnd[twOff[j] .. twOff[j+1]). */
  twOff: Int32Array;
  twStart: Float64Array;
  twEnd: Float64Array;
  /** Cost added to the objective when job j is unassigned (dominates any routing cost; grows with priority). */
  penalty: Float64Array;
  /** Job priority 0..100. */
  priority: Int32Array;
  vehStart: Int32Array;
  vehEnd: Int32Array;
  /** Vehicle capacity, [veh*nDim+dim]. */
  cap: Int32Array;
  shiftStart: Float64Array;
  shiftEnd: Float64Array;
  maxTravel: Float64Array;
  fixed: Float64Array;
  /** Index into costMats. */
  profile: Int32Array;
  /** Vehicles with the same class are interchangeable (used to try one empty vehicle per class). */
  vehClass: Int32Array;
  /** Vehicles with the same end class share end location, shift end and cost profile (route suffix caches are reusable). */
  endClass: Int32Array;
  /** Vehicles with the same skill class accept exactly the same jobs. */
  skillClass: Int32Array;
  /** 1 if vehicle v can serve job j on its own: [j*nVeh+v]. */
  compat: Uint8Array;
  /** Granular neighbour lists: the K nearest other jobs of j, [j*K+k], nearest first. */
  K: number;
  neigh: Int32Array;
  /** Reason why a job cannot be served by any vehicle even alone, or null. */
  reason: (UnassignedReason | null)[];
  ids: { job: number[]; veh: number[] };
}

/** Convert a matrix given as rows or flat array into a flat typed array padded with the dummy row/column. */
function flatten(m: Int32Array | number[][] | undefined, n: number, size: number): Int32Array {
  const out = new Int32Array(size * size);
  if (!m) return out;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out[i * size + j] = Array.isArray(m) ? m[i]![j]! : (m as Int32Array)[i * n + j]!;
    }
  }
  return out;
}

/** Build one cost matrix per distinct (perDuration, perDistance) pair; a given cost matrix wins. */
function buildCosts(p: Problem, n: number, size: number, dur: Int32Array, dist: Int32Array) {
  const profile = new Int32Array(p.vehicles.length);
  const costMats: Float64Array[] = [];
  if (p.matrix.costs) {
    const c = flatten(p.matrix.costs, n, size);
    costMats.push(Float64Array.from(c));
    return { profile, costMats };
  }
  const keys: string[] = [];
  p.vehicles.forEach((v, i) => {
    const a = v.costPerDurationS ?? 1;
    const b = v.costPerDistanceM ?? 0;
    const key = `${a}/${b}`;
    let k = keys.indexOf(key);
    if (k < 0) {
      k = keys.length;
      keys.push(key);
      const m = new Float64Array(size * size);
      for (let x = 0; x < size * size; x++) m[x] = a * dur[x]! + b * dist[x]!;
      costMats.push(m);
    }
    profile[i] = k;
  });
  if (costMats.length === 0) costMats.push(Float64Array.from(dur));
  return { profile, costMats };
}

/** Assign equal integers to equal string keys. */
function classes(keys: string[]): Int32Array {
  const seen = new Map<string, number>();
  return Int32Array.from(
    keys.map((k) => {
      if (!seen.has(k)) seen.set(k, seen.size);
      return seen.get(k)!;
    }),
  );
}

/** Compile a Problem into an Instance (O(n²) for the neighbour lists). */
export function compile(p: Problem, K = 40): Instance {
  const n = p.matrix.size;
  const size = n + 1;
  const dummy = n;
  const dur = flatten(p.matrix.durationsS, n, size);
  const dist = flatten(p.matrix.distancesM, n, size);
  const { profile, costMats } = buildCosts(p, n, size, dur, dist);
  const nJobs = p.jobs.length;
  const nVeh = p.vehicles.length;
  const nDim = Math.max(1, p.vehicles[0]?.capacity.length ?? 0, p.jobs[0]?.delivery.length ?? 0);
  const jobLoc = Int32Array.from(p.jobs.map((j) => j.location));
  const demand = new Int32Array(nJobs * nDim);
  const serviceS = Float64Array.from(p.jobs.map((j) => j.serviceS));
  const twOff = new Int32Array(nJobs + 1);
  const ts: number[] = [];
  const te: number[] = [];
  p.jobs.forEach((j, i) => {
    j.delivery.forEach((q, d) => (demand[i * nDim + d] = q));
    const tws = j.timeWindows.length
      ? [...j.timeWindows].sort((a, b) => a.startS - b.startS)
      : [{ startS: -Infinity, endS: Infinity }];
    for (const w of tws) {
      ts.push(w.startS);
      te.push(w.endS);
    }
    twOff[i + 1] = ts.length;
  });
  const cap = new Int32Array(nVeh * nDim);
  p.vehicles.forEach((v, i) => v.capacity.forEach((q, d) => (cap[i * nDim + d] = q)));
  const vehStart = Int32Array.from(p.vehicles.map((v) => v.start ?? dummy));
  const vehEnd = Int32Array.from(p.vehicles.map((v) => v.end ?? dummy));
  const shiftStart = Float64Array.from(p.vehicles.map((v) => v.shift?.startS ?? 0));
  const shiftEnd = Float64Array.from(p.vehicles.map((v) => v.shift?.endS ?? Infinity));
  const maxTravel = Float64Array.from(p.vehicles.map((v) => v.maxTravelTimeS ?? Infinity));
  const fixed = Float64Array.from(p.vehicles.map((v) => v.fixedCost ?? 0));
  const skillKey = p.vehicles.map((v) => [...new Set(v.skills)].sort((a, b) => a - b).join(","));
  const vehClass = classes(
    p.vehicles.map((v, i) =>
      [
        vehStart[i],
        vehEnd[i],
        v.capacity.join(","),
        shiftStart[i],
        shiftEnd[i],
        maxTravel[i],
        fixed[i],
        profile[i],
        skillKey[i],
      ].join("|"),
    ),
  );
  const endClass = classes(p.vehicles.map((_, i) => [vehEnd[i], shiftEnd[i], profile[i]].join("|")));
  const skillClass = classes(skillKey);
  const compat = new Uint8Array(nJobs * nVeh);
  p.jobs.forEach((j, ji) =>
    p.vehicles.forEach((v, vi) => {
      compat[ji * nVeh + vi] = j.skills.every((s) => v.skills.includes(s)) ? 1 : 0;
    }),
  );
  let maxArc = 0;
  for (const m of costMats) for (let x = 0; x < m.length; x++) if (m[x]! > maxArc) maxArc = m[x]!;
  const maxFixed = fixed.reduce((a, b) => Math.max(a, b), 0);
  const base = (2 * maxArc + maxFixed + 1) * 4;
  const penalty = Float64Array.from(p.jobs.map((j) => base * (1 + (j.priority ?? 0))));
  const inst: Instance = {
    nJobs,
    nVeh,
    nDim,
    size,
    dummy,
    dur,
    dist,
    costMats,
    jobLoc,
    demand,
    serviceS,
    twOff,
    twStart: Float64Array.from(ts),
    twEnd: Float64Array.from(te),
    penalty,
    priority: Int32Array.from(p.jobs.map((j) => j.priority ?? 0)),
    vehStart,
    vehEnd,
    cap,
    shiftStart,
    shiftEnd,
    maxTravel,
    fixed,
    profile,
    vehClass,
    endClass,
    skillClass,
    compat,
    K: 0,
    neigh: new Int32Array(0),
    reason: [],
    ids: { job: p.jobs.map((j) => j.id), veh: p.vehicles.map((v) => v.id) },
  };
  buildNeighbours(inst, K);
  inst.reason = p.jobs.map((_, j) => unassignable(inst, j));
  return inst;
}

/** Fill the granular neighbour lists by symmetric arc cost (first cost profile). */
function buildNeighbours(inst: Instance, K: number): void {
  const n = inst.nJobs;
  const k = Math.min(K, Math.max(0, n - 1));
  const c = inst.costMats[0]!;
  const size = inst.size;
  inst.K = k;
  inst.neigh = new Int32Array(n * k);
  const order = new Int32Array(n);
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const li = inst.jobLoc[i]!;
    let m = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const lj = inst.jobLoc[j]!;
      key[j] = c[li * size + lj]! + c[lj * size + li]!;
      order[m++] = j;
    }
    const arr = Array.from(order.subarray(0, m)).sort((a, b) => key[a]! - key[b]! || a - b);
    for (let x = 0; x < k; x++) inst.neigh[i * k + x] = arr[x]!;
  }
}

/** Earliest service start at job j when arriving at `t`, or Infinity if every window is closed. */
export function earliestStart(inst: Instance, j: number, t: number): number {
  const end = inst.twOff[j + 1]!;
  for (let w = inst.twOff[j]!; w < end; w++) {
    if (t <= inst.twEnd[w]!) return t > inst.twStart[w]! ? t : inst.twStart[w]!;
  }
  return Infinity;
}

/** Latest arrival at job j such that service can start no later than `x`, or -Infinity. */
export function latestArrival(inst: Instance, j: number, x: number): number {
  const beg = inst.twOff[j]!;
  for (let w = inst.twOff[j + 1]! - 1; w >= beg; w--) {
    if (inst.twStart[w]! <= x) return x < inst.twEnd[w]! ? x : inst.twEnd[w]!;
  }
  return -Infinity;
}

/** Why job j is infeasible for every vehicle when served alone, or null if some vehicle can serve it. */
function unassignable(inst: Instance, j: number): UnassignedReason | null {
  const { nVeh, nDim, size } = inst;
  const fitsCap = (v: number) => {
    for (let d = 0; d < nDim; d++) if (inst.demand[j * nDim + d]! > inst.cap[v * nDim + d]!) return false;
    return true;
  };
  const vs = [...Array(nVeh).keys()];
  if (!vs.some(fitsCap)) return "capacity";
  if (!vs.some((v) => inst.compat[j * nVeh + v])) return "skills";
  const ok = vs.filter((v) => fitsCap(v) && inst.compat[j * nVeh + v]);
  if (ok.length === 0) return "capacity";
  const loc = inst.jobLoc[j]!;
  const reachable = ok.filter((v) => {
    const a = inst.shiftStart[v]! + inst.dur[inst.vehStart[v]! * size + loc]!;
    const s = earliestStart(inst, j, a);
    return s + inst.serviceS[j]! + inst.dur[loc * size + inst.vehEnd[v]!]! <= inst.shiftEnd[v]!;
  });
  if (reachable.length === 0) return "time_window";
  const travelOk = reachable.some(
    (v) => inst.dur[inst.vehStart[v]! * size + loc]! + inst.dur[loc * size + inst.vehEnd[v]!]! <= inst.maxTravel[v]!,
  );
  return travelOk ? null : "max_travel_time";
}
