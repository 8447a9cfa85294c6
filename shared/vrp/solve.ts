import { evaluatePlan } from "./check/evaluate";
import { regretInsertion } from "./construct/regret";
import { compile, type Instance } from "./instance";
import { defaultSisr, Sisr, type SisrParams } from "./metaheuristic/sisr";
import type { Problem, Solution, SolveOptions, UnassignedReason } from "./model";
import { Rng } from "./prng";
import { allOperators, localSearch } from "./search/localSearch";
import { RouteState } from "./state";

/** Simulated-annealing temperatures, as fractions of the average arc cost of the first solution. */
const T_START = 1.0;
const T_END = 0.01;
/** Unassigned-job cost during annealing, in dedicated round trips. */
const SOFT_PENALTY = 3;
/**
 * Soft capacity (as in HGS) when the fleet is tightly packed: demand / fleet capacity of at least
 * FILL_MIN (and at most 1, else not every job fits anyway). The cost of one vehicle capacity of
 * excess load starts at OVERLOAD_START average arcs and adapts every OVERLOAD_PERIOD iterations so
 * that about OVERLOAD_TARGET of the candidates are feasible.
 */
const FILL_MIN = 0.85;
/**
 * SISR's average ruin size on tightly packed fleets (10 otherwise): there, moving one job between
 * full routes takes a chain of moves over several routes, and runs with 10 got stuck in distinct
 * basins (B-n68-k9 ended at 1288 in a quarter of the seeds; with 15 in none of 20, mean gap 0.7 % →
 * 0.26 % at equal CPU time).
 */
const TIGHT_CBAR = 15;
const OVERLOAD_START = 20;
const OVERLOAD_PERIOD = 100;
const OVERLOAD_TARGET = 0.2;

/** Default clock: performance.now when available (browser, Node, workers), else Date.now. */
function defaultNow(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : Date.now();
}

/** Search-time cost of an unassigned job: a multiple of a dedicated round trip, scaled by priority. */
function softPenalties(inst: Instance, factor: number): Float64Array {
  const out = new Float64Array(inst.nJobs);
  const cm = inst.costMats[0]!;
  const s = inst.vehStart[0] ?? inst.dummy,
    e = inst.vehEnd[0] ?? inst.dummy;
  for (let j = 0; j < inst.nJobs; j++) {
    const l = inst.jobLoc[j]!;
    const trip = cm[s * inst.size + l]! + cm[l * inst.size + e]! + 1;
    out[j] = Math.min(inst.penalty[j]!, factor * trip * (1 + inst.priority[j]!));
  }
  return out;
}

/** Keep only the SISR keys that are set. */
function stripUndefined(t: NonNullable<SolveOptions["tuning"]>) {
  const out: Partial<typeof defaultSisr> = {};
  for (const k of ["cBar", "lMax", "blink", "kInsert"] as const) if (t[k] !== undefined) out[k] = t[k];
  return out;
}

/** Demand of the `active` jobs over the fleet's capacity, in the fullest dimension (Infinity when a dimension has no capacity). */
export function fleetFill(inst: Instance, active: number[]): number {
  const D = inst.nDim;
  let fill = 0;
  for (let d = 0; d < D; d++) {
    let cap = 0,
      demand = 0;
    for (let v = 0; v < inst.nVeh; v++) cap += inst.cap[v * D + d]!;
    for (const j of active) demand += inst.demand[j * D + d]!;
    fill = Math.max(fill, cap > 0 ? demand / cap : Infinity);
  }
  return fill;
}

/** True when the fleet is tightly packed: it can carry every job, with less than 1 − FILL_MIN to spare. */
export function tightFleet(inst: Instance, active: number[]): boolean {
  const fill = fleetFill(inst, active);
  return inst.nVeh > 0 && fill >= FILL_MIN && fill <= 1;
}

/**
 * Per dimension, 1 / the mean vehicle capacity (so excess load is counted in vehicle capacities)
 * when the fleet is tightly packed (see FILL_MIN), else null: capacity stays a hard constraint.
 */
export function overloadUnits(inst: Instance, active: number[], force?: boolean): Float64Array | null {
  if (force === false || inst.nVeh === 0) return null;
  const D = inst.nDim;
  const units = new Float64Array(D);
  for (let d = 0; d < D; d++) {
    let cap = 0;
    for (let v = 0; v < inst.nVeh; v++) cap += inst.cap[v * D + d]!;
    if (cap <= 0) return null;
    units[d] = inst.nVeh / cap;
  }
  return force || tightFleet(inst, active) ? units : null;
}

/** SISR parameters of a run: the published defaults, larger ruins on tightly packed fleets, then the caller's tuning. */
export function ruinParams(
  inst: Instance,
  active: number[],
  tune: NonNullable<SolveOptions["tuning"]> = {},
): SisrParams {
  return { ...defaultSisr, ...(tightFleet(inst, active) ? { cBar: TIGHT_CBAR } : {}), ...stripUndefined(tune) };
}

/** Unweighted excess load of every route (0 when every route respects its capacity). */
function totalExcess(st: RouteState, units: Float64Array): number {
  let x = 0;
  for (let v = 0; v < st.inst.nVeh; v++) x += st.overload(v, units);
  return x;
}

/** Average cost of one arc of the routes in `st` (temperature scale). */
function avgArc(st: RouteState): number {
  let arcs = 0;
  for (let v = 0; v < st.inst.nVeh; v++) if (st.len[v]! > 0) arcs += st.len[v]! + 1;
  return arcs > 0 ? st.routingCost() / arcs : 1;
}

/**
 * Solve a routing problem: regret insertion, local search, then SISR ruin and
 * recreate with simulated annealing until the deadline (or `maxIterations`),
 * and a final local search on the best solution. Deterministic for a seed when
 * `maxIterations` is set. Jobs that cannot be served come back in `unassigned`
 * with a reason; nothing is thrown for infeasible data.
 */
export function solve(problem: Problem, opts: SolveOptions = {}): Solution {
  const now = opts.now ?? defaultNow;
  const t0 = now();
  const deadline = opts.deadlineMs ?? 1000;
  const maxIt = opts.maxIterations ?? Infinity;
  const inst = compile(problem);
  const rng = new Rng(opts.seed ?? 1);
  const st = new RouteState(inst);
  const active: number[] = [];
  for (let j = 0; j < inst.nJobs; j++) if (inst.reason[j] === null) active.push(j);
  regretInsertion(st, active);
  const ops = allOperators(inst.nJobs, inst.nVeh);
  localSearch(st, rng, ops);
  const best = new RouteState(inst);
  best.copyFrom(st);
  const scale = avgArc(st);
  const tune = opts.tuning ?? {};
  const tStart = (tune.tStart ?? T_START) * scale,
    tEnd = (tune.tEnd ?? T_END) * scale;
  const soft = softPenalties(inst, tune.softPenalty ?? SOFT_PENALTY);
  const unassigned = active.filter((j) => st.routeOf[j] === -1);
  const missing = () => unassigned.reduce((s, j) => s + inst.penalty[j]!, 0);
  let bestMissing = missing();
  let bestCost = st.routingCost();
  const sisr = new Sisr(st, rng, soft, ruinParams(inst, active, tune));
  const units = overloadUnits(inst, active, tune.capacityPenalty);
  const overload = units ? new Float64Array(units.length) : null;
  let lambda = (tune.overloadStart ?? OVERLOAD_START) * scale;
  let feasibleSeen = 0;
  const setLambda = (l: number) => {
    lambda = Math.min(1e4 * scale, Math.max(0.1 * scale, l));
    for (let d = 0; overload && d < overload.length; d++) overload[d] = lambda * units![d]!;
  };
  setLambda(lambda);
  sisr.setOverloadCost(overload);
  let it = 0;
  for (; it < maxIt && active.length > 0; it++) {
    const frac = Number.isFinite(maxIt) ? it / maxIt : (now() - t0) / deadline;
    if (frac >= 1) break;
    const temp = tStart * Math.pow(tEnd / tStart, frac);
    const delta = sisr.step(unassigned);
    const feasible = !units || totalExcess(st, units) === 0;
    if (units) {
      if (feasible) feasibleSeen++;
      if ((it + 1) % OVERLOAD_PERIOD === 0) {
        setLambda(lambda * (feasibleSeen < OVERLOAD_TARGET * OVERLOAD_PERIOD ? 1.2 : 0.85));
        feasibleSeen = 0;
      }
    }
    if (delta < -temp * Math.log(rng.next() || 1e-12)) {
      sisr.unassignedAfter(unassigned);
      const miss = unassigned.length === 0 ? 0 : missing();
      if (feasible && (miss < bestMissing || (miss === bestMissing && st.routingCost() < bestCost - 1e-9))) {
        bestMissing = miss;
        bestCost = st.routingCost();
        best.copyFrom(st);
        opts.onProgress?.({
          cost: best.routingCost(),
          unassigned: unassigned.length,
          iteration: it,
          elapsedMs: now() - t0,
        });
      }
    } else sisr.reject();
  }
  localSearch(best, rng, ops);
  return toSolution(problem, inst, best, it, now() - t0);
}

/** Turn the internal best state into the public Solution (ETAs recomputed by the plan evaluator). */
function toSolution(problem: Problem, inst: Instance, st: RouteState, iterations: number, elapsedMs: number): Solution {
  const plan = [];
  for (let v = 0; v < inst.nVeh; v++) {
    const n = st.len[v]!;
    if (n === 0) continue;
    const jobIds: number[] = [];
    for (let p = 1; p <= n; p++) jobIds.push(inst.ids.job[st.job[v * st.stride + p]!]!);
    plan.push({ vehicleId: inst.ids.veh[v]!, jobIds });
  }
  const ev = evaluatePlan(problem, plan);
  const unassigned: { jobId: number; reason: UnassignedReason }[] = [];
  for (let j = 0; j < inst.nJobs; j++) {
    if (st.routeOf[j] === -1) unassigned.push({ jobId: inst.ids.job[j]!, reason: inst.reason[j] ?? "no_route" });
  }
  return { routes: ev.routes, unassigned, cost: ev.cost, iterations, elapsedMs };
}
