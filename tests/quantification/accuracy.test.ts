/**
 * Auto against the simple methods on messy data (scripts/quantification/messyHistory.ts: late-joining and silent
 * sites, stock-outs, typing errors, level shifts, intermittent CSCom series), scored on the 12 months after the
 * history against the true demand. The generator is deterministic for its seed; the full figures are printed by
 * `node --import tsx scripts/quantification/accuracy.ts` and reported in BENCHMARKS.md.
 */
import { describe, expect, it } from "vitest";
import { evaluateAccuracy, type Score } from "../../scripts/quantification/accuracy";

const get = (scores: Score[], name: Score["contender"]) => scores.find((s) => s.contender === name)!;

describe("forecast accuracy on messy data", () => {
  const result = evaluateAccuracy({ sites: 120, products: 40, facilitySites: 40, seed: 13 });

  it("beats the moving average and linear regression clearly at national level, and the spreadsheet by far", () => {
    const auto = get(result.national, "auto");
    for (const simple of ["ma", "ma3", "linear"] as const) {
      expect(auto.meanMase).toBeLessThan(0.8 * get(result.national, simple).meanMase);
      expect(auto.wape).toBeLessThan(0.6 * get(result.national, simple).wape);
    }
    expect(auto.wape).toBeLessThan(0.4 * get(result.national, "spreadsheet").wape);
  });

  it("beats the simple methods at facility level, where most of the error is the demand's own noise", () => {
    const auto = get(result.facility, "auto");
    expect(auto.series).toBeGreaterThan(1000);
    for (const simple of ["ma", "ma3", "linear"] as const) {
      expect(auto.meanMase).toBeLessThan(0.95 * get(result.facility, simple).meanMase);
      expect(auto.wape).toBeLessThan(0.92 * get(result.facility, simple).wape);
    }
  });
});
