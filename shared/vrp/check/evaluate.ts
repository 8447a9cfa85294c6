import type { Amount, Job, Problem, Route, Step, Vehicle } from "../model";

/** A broken hard constraint in a fixed plan. */
export interface Violation {
  type:
    | "capacity"
    | "time_window"
    | "shift"
    | "max_travel_time"
    | "skills"
    | "unknown_job"
    | "duplicate_job"
    | "unknown_vehicle";
  vehicleId?: number;
  jobId?: number;
  /** By how much the constraint is exceeded (seconds, or base units for capacity). */
  excess?: number;
  /** For capacity: the load dimension exceeded (index into the amounts). */
  dimension?: number;
}

/** A dispatcher's plan: per vehicle, the job ids in visiting order. */
export interface PlanRoute {
  vehicleId: number;
  jobIds: number[];
}

/** Result of evaluating a plan: timed routes, violations, unplanned job ids and total cost. */
export interface PlanEvaluation {
  routes: Route[];
  violations: Violation[];
  unplannedJobIds: number[];
  cost: number;
}

/** Read cell (i, j) of a flat or row matrix. */
export function cell(m: Int32Array | number[][] | undefined, size: number, i: number, j: number): number {
  if (!m) return 0;
  return Array.isArray(m) ? m[i]![j]! : (m as Int32Array)[i * size + j]!;
}

/** Arc cost for a vehicle, following the same rules as the solver. */
export function arcCost(p: Problem, v: Vehicle, i: number | undefined, j: number | undefined): number {
  if (i === undefined || j === undefined) return 0;
  const m = p.matrix;
  if (m.costs) return cell(m.costs, m.size, i, j);
  return (
    (v.costPerDurationS ?? 1) * cell(m.durationsS, m.size, i, j) +
    (v.costPerDistanceM ?? 0) * cell(m.distancesM, m.size, i, j)
  );
}

/** Earliest service start in a job's windows when arriving at t (Infinity if too late for all). */
function serviceStart(job: Job, t: number): number {
  if (job.timeWindows.length === 0) return t;
  const ws = [...job.timeWindows].sort((a, b) => a.startS - b.startS);
  for (const w of ws) if (t <= w.endS) return Math.max(t, w.startS);
  return Infinity;
}

/** Time, load and cost of one vehicle driving `jobs` in order, with its violations. */
export function evaluateRoute(p: Problem, v: Vehicle, jobs: Job[], violations: Violation[]): Route {
  const m = p.matrix;
  const total: Amount = v.capacity.map((_, d) => jobs.reduce((s, j) => s + (j.delivery[d] ?? 0), 0));
  total.forEach((q, d) => {
    if (q > v.capacity[d]!)
      violations.push({ type: "capacity", vehicleId: v.id, dimension: d, excess: q - v.capacity[d]! });
  });
  let load = [...total];
  let t = v.shift?.startS ?? 0;
  let prev = v.start;
  let distanceM = 0,
    travelS = 0,
    serviceS = 0,
    waitingS = 0,
    cost = jobs.length ? (v.fixedCost ?? 0) : 0;
  const steps: Step[] = [];
  const at = (type: Step["type"], location: number, arrivalS: number, start: number, jobId?: number): Step => ({
    type,
    location,
    arrivalS,
    serviceStartS: start,
    waitingS: start - arrivalS,
    load: [...load],
    distanceM,
    durationS: travelS,
    ...(jobId === undefined ? {} : { jobId }),
  });
  const startT = t;
  if (v.start !== undefined) steps.push(at("start", v.start, t, t));
  const move = (to: number) => {
    if (prev !== undefined) {
      const d = cell(m.durationsS, m.size, prev, to);
      t += d;
      travelS += d;
      distanceM += cell(m.distancesM, m.size, prev, to);
      cost += arcCost(p, v, prev, to);
    }
    prev = to;
  };
  for (const job of jobs) {
    move(job.location);
    const arrival = t;
    let s = serviceStart(job, arrival);
    if (s === Infinity) {
      const lastEnd = Math.max(...job.timeWindows.map((w) => w.endS));
      violations.push({ type: "time_window", vehicleId: v.id, jobId: job.id, excess: arrival - lastEnd });
      s = arrival;
    }
    if (!job.skills.every((k) => v.skills.includes(k)))
      violations.push({ type: "skills", vehicleId: v.id, jobId: job.id });
    load = load.map((q, d) => q - (job.delivery[d] ?? 0));
    waitingS += s - arrival;
    serviceS += job.serviceS;
    steps.push(at("job", job.location, arrival, s, job.id));
    t = s + job.serviceS;
  }
  if (v.end !== undefined) move(v.end);
  const endT = t;
  if (v.end !== undefined) steps.push(at("end", v.end, t, t));
  const shiftEnd = v.shift?.endS ?? Infinity;
  if (jobs.length && endT > shiftEnd) violations.push({ type: "shift", vehicleId: v.id, excess: endT - shiftEnd });
  if (v.maxTravelTimeS !== undefined && travelS > v.maxTravelTimeS) {
    violations.push({ type: "max_travel_time", vehicleId: v.id, excess: travelS - v.maxTravelTimeS });
  }
  return {
    vehicleId: v.id,
    steps,
    delivery: total,
    distanceM,
    travelS,
    durationS: endT - startT,
    serviceS,
    waitingS,
    cost,
  };
}

/** Evaluate a fixed plan (e.g. a dispatcher's manual edit): ETAs, loads, cost and every violation. */
export function evaluatePlan(p: Problem, plan: PlanRoute[]): PlanEvaluation {
  const jobsById = new Map(p.jobs.map((j) => [j.id, j]));
  const vehById = new Map(p.vehicles.map((v) => [v.id, v]));
  const seen = new Set<number>();
  const violations: Violation[] = [];
  const routes: Route[] = [];
  for (const r of plan) {
    const v = vehById.get(r.vehicleId);
    if (!v) {
      violations.push({ type: "unknown_vehicle", vehicleId: r.vehicleId });
      continue;
    }
    const jobs: Job[] = [];
    for (const id of r.jobIds) {
      const j = jobsById.get(id);
      if (!j) violations.push({ type: "unknown_job", vehicleId: v.id, jobId: id });
      else if (seen.has(id)) violations.push({ type: "duplicate_job", vehicleId: v.id, jobId: id });
      else {
        seen.add(id);
        jobs.push(j);
      }
    }
    routes.push(evaluateRoute(p, v, jobs, violations));
  }
  const unplannedJobIds = p.jobs.filter((j) => !seen.has(j.id)).map((j) => j.id);
  return { routes, violations, unplannedJobIds, cost: routes.reduce((s, r) => s + r.cost, 0) };
}
