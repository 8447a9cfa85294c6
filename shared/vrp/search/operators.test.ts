import { describe, expect, it } from "vitest";
import { evaluatePlan } from "../check/evaluate";
import { compile, type Instance } from "../instance";
import type { Problem } from "../model";
import { Rng } from "../prng";
import { RouteState } from "../state";
import { randomProblem } from "../testing";
import { allOperators, localSearch } from "./localSearch";
import { moveArgs } from "./operator";

/** Insert every job at a random feasible place (jobs with none stay unassigned): operators assume feasible routes. */
function randomState(inst: Instance, rng: Rng): RouteState {
  const st = new RouteState(inst);
  for (let j = 0; j < inst.nJobs; j++) {
    for (let t = 0; t < 20; t++) {
      const v = rng.int(inst.nVeh);
      st.insert(v, j, 1 + rng.int(st.len[v]! + 1));
      if (st.feasible(v)) break;
      st.remove(j);
    }
  }
  return st;
}

/** Plan of a state, with public ids, for the independent evaluator. */
function planOf(p: Problem, st: RouteState) {
  return Array.from({ length: st.inst.nVeh }, (_, v) => ({
    vehicleId: p.vehicles[v]!.id,
    jobIds: Array.from(st.job.subarray(v * st.stride + 1, v * st.stride + 1 + st.len[v]!), (j) => p.jobs[j]!.id),
  }));
}

describe("local-search operators", () => {
  for (const tw of [false, true]) {
    it(`compute gains equal to the recomputed cost difference and validity equal to an independent check (tw=${tw})`, () => {
      const counts = new Map<string, number>();
      for (let trial = 0; trial < 40; trial++) {
        const p = randomProblem(trial + (tw ? 1000 : 0), { jobs: 10, vehicles: 3, tw, skills: true });
        const inst = compile(p);
        const rng = new Rng(trial);
        const st = randomState(inst, rng);
        const clone = new RouteState(inst);
        const m = moveArgs();
        for (const op of allOperators(inst.nJobs, inst.nVeh)) {
          for (let k = 0; k < 30; k++) {
            const u = rng.int(inst.nJobs),
              v = rng.int(inst.nJobs);
            if (u === v || st.routeOf[u] === -1 || st.routeOf[v] === -1) continue;
            op.explore(st, u, v, m, () => {
              const gain = op.gain(st, m);
              const valid = op.isValid(st, m);
              clone.copyFrom(st);
              op.apply(clone, m);
              const ev = evaluatePlan(p, planOf(p, clone));
              expect(gain).toBeCloseTo(evaluatePlan(p, planOf(p, st)).cost - ev.cost, 6);
              const changed = [m.r1, m.r2].filter((r, i, a) => a.indexOf(r) === i);
              const ok = changed.every((r) => !ev.violations.some((x) => x.vehicleId === p.vehicles[r]!.id));
              if (valid !== ok) console.log(op.name, m, planOf(p, st), planOf(p, clone), ev.violations);
              expect(valid).toBe(ok);
              const all = planOf(p, clone)
                .flatMap((r) => r.jobIds)
                .sort((a, b) => a - b);
              expect(all).toEqual(
                planOf(p, st)
                  .flatMap((r) => r.jobIds)
                  .sort((a, b) => a - b),
              );
              counts.set(op.name, (counts.get(op.name) ?? 0) + 1);
              return false;
            });
          }
        }
      }
      for (const name of ["relocate", "swap", "2-opt", "2-opt*", "or-opt", "cross-exchange", "swap*"]) {
        expect(counts.get(name) ?? 0).toBeGreaterThan(name === "swap*" ? 0 : 20);
      }
    });
  }

  it("local search never increases cost and keeps feasible routes feasible", () => {
    for (let trial = 0; trial < 20; trial++) {
      const p = randomProblem(500 + trial, { jobs: 25, vehicles: 4 });
      const inst = compile(p);
      const st = new RouteState(inst);
      const rng = new Rng(trial);
      // One job per route first, then sequential appends while they fit: a feasible start.
      for (let j = 0; j < inst.nJobs; j++) {
        for (let v = 0; v < inst.nVeh; v++) {
          st.insert(v, j, st.len[v]! + 1);
          if (st.feasible(v)) break;
          st.remove(j);
        }
      }
      const before = st.routingCost();
      localSearch(st, rng);
      expect(st.routingCost()).toBeLessThanOrEqual(before + 1e-9);
      for (let v = 0; v < inst.nVeh; v++) expect(st.feasible(v)).toBe(true);
      expect(evaluatePlan(p, planOf(p, st)).violations).toEqual([]);
    }
  });
});
