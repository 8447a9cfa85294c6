import { describe, expect, it } from "vitest";
import { evaluatePlan } from "../check/evaluate";
import { bestInsertion, insertionResult } from "../construct/insertion";
import { regretInsertion } from "../construct/regret";
import { compile } from "../instance";
import type { Problem } from "../model";
import { Rng } from "../prng";
import { fleetFill, overloadUnits, ruinParams, solve, tightFleet } from "../solve";
import { RouteState } from "../state";
import { randomProblem } from "../testing";
import { defaultSisr, Sisr } from "./sisr";

/** A random problem whose four vehicles are about 90 % full (capacity binds), with or without time windows. */
function tightProblem(seed: number, tw: boolean): Problem {
  const p = randomProblem(seed, { jobs: 30, vehicles: 4, tw });
  const total = p.jobs.reduce((s, j) => s + j.delivery[0]!, 0);
  for (const v of p.vehicles) v.capacity = [Math.ceil(total / 4 / 0.9), 40];
  return p;
}

/** Plan of a state with public ids. */
function planOf(p: Problem, st: RouteState) {
  return Array.from({ length: st.inst.nVeh }, (_, v) => ({
    vehicleId: p.vehicles[v]!.id,
    jobIds: Array.from(st.job.subarray(v * st.stride + 1, v * st.stride + 1 + st.len[v]!), (j) => p.jobs[j]!.id),
  }));
}

/** Objective recomputed from scratch: route costs (independent evaluator) + excess load × its cost + penalties of unassigned jobs. */
function objective(p: Problem, st: RouteState, overloadCost: Float64Array, penalty: Float64Array): number {
  let x = evaluatePlan(p, planOf(p, st)).cost;
  p.vehicles.forEach((veh, v) => {
    const jobs = planOf(p, st)[v]!.jobIds.map((id) => p.jobs.find((j) => j.id === id)!);
    veh.capacity.forEach((cap, d) => {
      const load = jobs.reduce((s, j) => s + j.delivery[d]!, 0);
      x += overloadCost[d]! * Math.max(0, load - cap);
    });
  });
  for (let j = 0; j < p.jobs.length; j++) if (st.routeOf[j] === -1) x += penalty[j]!;
  return x;
}

describe("soft capacity in ruin and recreate", () => {
  for (const [tw, cBar] of [
    [false, 10],
    [true, 10],
    [false, 15],
    [true, 15],
  ] as const) {
    it(`returns a step delta equal to the recomputed objective change, overload included, and rolls back exactly (tw=${tw}, cBar=${cBar})`, () => {
      for (let trial = 0; trial < 8; trial++) {
        const p = tightProblem(trial, tw);
        const inst = compile(p);
        const rng = new Rng(trial);
        const st = new RouteState(inst);
        regretInsertion(st, [...Array(inst.nJobs).keys()]);
        const penalty = new Float64Array(inst.nJobs).fill(5000);
        const sisr = new Sisr(st, rng, penalty, { ...defaultSisr, cBar });
        const overloadCost = Float64Array.from([30, 7]);
        sisr.setOverloadCost(overloadCost);
        const unassigned: number[] = [];
        for (let j = 0; j < inst.nJobs; j++) if (st.routeOf[j] === -1) unassigned.push(j);
        let overloaded = 0;
        for (let k = 0; k < 150; k++) {
          const before = objective(p, st, overloadCost, penalty);
          const plan = JSON.stringify(planOf(p, st));
          const delta = sisr.step(unassigned);
          expect(delta).toBeCloseTo(objective(p, st, overloadCost, penalty) - before, 6);
          for (let v = 0; v < inst.nVeh; v++) if (st.overload(v, overloadCost) > 0) overloaded++;
          if (rng.next() < 0.5) sisr.unassignedAfter(unassigned);
          else {
            sisr.reject();
            expect(JSON.stringify(planOf(p, st))).toBe(plan);
          }
        }
        expect(overloaded).toBeGreaterThan(0);
      }
    });
  }

  it("prices an insertion into a full or already overloaded route at its cost increase plus the added excess load, and refuses it when capacity is hard", () => {
    const seen = { overloadedBefore: 0, overloadedAfter: 0 };
    for (let trial = 0; trial < 30; trial++) {
      const p = tightProblem(trial + 50, false);
      const inst = compile(p);
      const st = new RouteState(inst);
      regretInsertion(st, [...Array(inst.nJobs).keys()]);
      const cost = Float64Array.from([40, 9]);
      const v = trial % inst.nVeh;
      const others = [...Array(inst.nJobs).keys()].filter((x) => st.routeOf[x] !== v);
      // Every third trial first pushes one or two more jobs onto v, past its capacity.
      for (const x of others.slice(1, trial % 3 === 0 ? 1 + (trial % 2) + 1 : 1)) {
        if (st.routeOf[x]! >= 0) st.remove(x);
        st.insert(v, x, 1);
      }
      const j = others[0]!;
      if (st.routeOf[j]! >= 0) st.remove(j);
      if (st.overload(v, cost) > 0) seen.overloadedBefore++;
      const before = st.cost[v]! + st.overload(v, cost);
      const c = bestInsertion(st, v, j, Infinity, 0, null, cost);
      st.insert(v, j, insertionResult.pos);
      expect(c).toBeCloseTo(st.cost[v]! + st.overload(v, cost) - before, 6);
      if (st.overload(v, cost) > 0) {
        seen.overloadedAfter++;
        st.remove(j);
        expect(bestInsertion(st, v, j, Infinity, 0, null, null)).toBe(Infinity);
      }
    }
    expect(seen.overloadedBefore).toBeGreaterThan(2);
    expect(seen.overloadedAfter).toBeGreaterThan(5);
  });

  it("turns soft capacity on only for tightly packed fleets that can carry every job", () => {
    const tight = compile(tightProblem(1, false));
    const all = [...Array(tight.nJobs).keys()];
    expect(overloadUnits(tight, all)).not.toBeNull();
    expect(overloadUnits(tight, all, false)).toBeNull();
    const loose = compile(randomProblem(1, { jobs: 30, vehicles: 8 }));
    expect(overloadUnits(loose, all)).toBeNull();
    expect(overloadUnits(loose, all, true)).not.toBeNull();
  });

  it("ruins more jobs per step (cBar 15) only on tightly packed fleets, and the caller's tuning wins", () => {
    const tightP = tightProblem(3, false);
    const tight = compile(tightP);
    const all = [...Array(tight.nJobs).keys()];
    const demand = tightP.jobs.reduce((s, j) => s + j.delivery[0]!, 0);
    const cap = tightP.vehicles.reduce((s, v) => s + v.capacity[0]!, 0);
    expect(fleetFill(tight, all)).toBeCloseTo(demand / cap, 9);
    expect(tightFleet(tight, all)).toBe(true);
    expect(ruinParams(tight, all)).toEqual({ ...defaultSisr, cBar: 15 });
    expect(ruinParams(tight, all, { cBar: 8, lMax: 6 })).toEqual({ ...defaultSisr, cBar: 8, lMax: 6 });
    // Half the jobs leave the fleet loose; more demand than capacity is not "tight" either.
    expect(tightFleet(tight, all.slice(0, 15))).toBe(false);
    const over = tightProblem(3, false);
    for (const v of over.vehicles) v.capacity = [Math.floor(v.capacity[0]! * 0.8), 40];
    expect(tightFleet(compile(over), all)).toBe(false);
    const loose = compile(randomProblem(1, { jobs: 30, vehicles: 8 }));
    expect(ruinParams(loose, [...Array(loose.nJobs).keys()])).toEqual(defaultSisr);
  });

  it("returns only capacity-feasible routes, deterministically for a seed, when the search crosses overloaded routes", () => {
    for (let s = 0; s < 4; s++) {
      const p = tightProblem(s + 100, s % 2 === 1);
      const a = solve(p, { seed: s, maxIterations: 3000 });
      const b = solve(p, { seed: s, maxIterations: 3000 });
      expect(a.routes).toEqual(b.routes);
      const ev = evaluatePlan(
        p,
        a.routes.map((r) => ({
          vehicleId: r.vehicleId,
          jobIds: r.steps.flatMap((x) => (x.jobId === undefined ? [] : [x.jobId])),
        })),
      );
      expect(ev.violations).toEqual([]);
      expect(ev.cost).toBeCloseTo(a.cost, 6);
    }
  });
});
