import { describe, expect, it } from "vitest";
import { foldText, matchesSearch, searchWords } from "./text";

describe("search normalisation", () => {
  it("ignores case and accents, and finds every word in any order", () => {
    expect(foldText("  Paracétamol  500 mg ")).toBe("paracetamol 500 mg");
    expect(matchesSearch("Paracétamol 500 mg, comprimé", "paracetamol")).toBe(true);
    expect(matchesSearch("Paracétamol 500 mg, comprimé", "COMPRIME 500")).toBe(true);
    expect(matchesSearch("Ségou", "segou")).toBe(true);
    expect(matchesSearch("Paracétamol", "ibuprofène")).toBe(false);
    expect(searchWords("   ")).toEqual([]);
    expect(matchesSearch("anything", "")).toBe(true);
  });
});
