import { describe, expect, it } from "vitest";
import { nintDistance, parseCvrplib, parseSolomon, trunc1x10Distance } from "./benchmarks";

describe("benchmark conventions", () => {
  it("rounds CVRPLIB distances to the nearest integer and truncates Solomon ones to one decimal ×10", () => {
    expect(nintDistance([0, 0], [1, 1])).toBe(1); // 1.414
    expect(nintDistance([0, 0], [3, 3])).toBe(4); // 4.243
    expect(trunc1x10Distance([0, 0], [1, 1])).toBe(14);
    expect(trunc1x10Distance([0, 0], [3, 4])).toBe(50);
    expect(trunc1x10Distance([0, 0], [1, 2])).toBe(22); // 2.236
  });

  it("parses CVRPLIB and Solomon files into problems", () => {
    const vrp =
      "NAME : T-n3-k2\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\nNODE_COORD_SECTION\n1 0 0\n2 3 4\n3 6 8\nDEMAND_SECTION\n1 0\n2 4\n3 5\nDEPOT_SECTION\n1\n-1\nEOF\n";
    const c = parseCvrplib(vrp);
    expect(c.problem.vehicles).toHaveLength(2);
    expect(c.problem.jobs.map((j) => j.delivery[0])).toEqual([4, 5]);
    const sol =
      "X1\n\nVEHICLE\nNUMBER CAPACITY\n 2 50\n\nCUSTOMER\nCUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME\n\n 0 0 0 0 0 100 0\n 1 3 4 7 5 20 9\n";
    const s = parseSolomon(sol);
    expect(s.problem.jobs[0]).toMatchObject({ id: 1, serviceS: 90, timeWindows: [{ startS: 50, endS: 200 }] });
    expect(s.problem.vehicles[0]!.shift).toEqual({ startS: 0, endS: 1000 });
  });
});
