import { describe, it, expect } from "vitest";
import type { ProgrammeCode } from "./catalogueTypes";
import { PRODUCTS } from "./products";

const PROGRAMMES: ProgrammeCode[] = [
  "cost_recovery",
  "malaria",
  "caesarean",
  "hiv",
  "tb",
  "vaccines",
  "family_planning",
  "nutrition",
];

const isPositiveInt = (n: number) => Number.isInteger(n) && n > 0;

describe("seeded product catalogue", () => {
  it("has at least 130 products", () => {
    expect(PRODUCTS.length).toBeGreaterThanOrEqual(130);
  });

  it("has unique, upper-case codes", () => {
    const codes = PRODUCTS.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*$/);
  });

  it("represents every programme", () => {
    const seen = new Set(PRODUCTS.map((p) => p.programme));
    for (const programme of PROGRAMMES) expect(seen.has(programme), programme).toBe(true);
  });

  it("has at least 60 cost-recovery products", () => {
    expect(PRODUCTS.filter((p) => p.programme === "cost_recovery").length).toBeGreaterThanOrEqual(60);
  });

  it("has artemether-lumefantrine in the 4 weight bands (6, 12, 18, 24 tablets)", () => {
    const al = PRODUCTS.filter((p) => p.programme === "malaria" && p.code.startsWith("MAL-AL-"));
    const bands = al.map((p) => Number(p.code.split("-").at(-1))).sort((a, b) => a - b);
    expect(bands).toEqual([6, 12, 18, 24]);
    for (const p of al) {
      expect(p.ven).toBe("V");
      expect(p.seasonality).toBe("malaria");
      expect(p.baseUnit).toBe("plaquette");
    }
  });

  it("has integer positive pack size, price, weight and volume", () => {
    for (const p of PRODUCTS) {
      expect(isPositiveInt(p.packSize), `${p.code} packSize`).toBe(true);
      expect(isPositiveInt(p.pricePerPackXof), `${p.code} price`).toBe(true);
      expect(isPositiveInt(p.packWeightG), `${p.code} weight`).toBe(true);
      expect(isPositiveInt(p.packVolumeCm3), `${p.code} volume`).toBe(true);
    }
  });

  it("has physically plausible pack densities (0.05 to 2 g/cm3)", () => {
    for (const p of PRODUCTS) {
      const density = p.packWeightG / p.packVolumeCm3;
      expect(density, p.code).toBeGreaterThanOrEqual(0.05);
      expect(density, p.code).toBeLessThanOrEqual(2);
    }
  });

  it("has an integer rounding threshold in [0, packSize - 1]", () => {
    for (const p of PRODUCTS) {
      expect(Number.isInteger(p.packRoundingThreshold), p.code).toBe(true);
      expect(p.packRoundingThreshold, p.code).toBeGreaterThanOrEqual(0);
      expect(p.packRoundingThreshold, p.code).toBeLessThan(p.packSize);
    }
  });

  it("has positive consumption and a CSCom share in (0, 1]", () => {
    for (const p of PRODUCTS) {
      expect(p.cscomMonthlyUnits, p.code).toBeGreaterThan(0);
      expect(p.cscomShare, p.code).toBeGreaterThan(0);
      expect(p.cscomShare, p.code).toBeLessThanOrEqual(1);
    }
  });

  it("has non-empty French names, forms, units, categories and a source", () => {
    for (const p of PRODUCTS) {
      for (const field of [p.genericName, p.form, p.baseUnit, p.category, p.source]) {
        expect(field.trim().length, p.code).toBeGreaterThan(0);
      }
    }
  });

  it("keeps programme vaccines in the cold chain, dosed in doses", () => {
    const vaccines = PRODUCTS.filter((p) => p.programme === "vaccines" && p.category === "Vaccins");
    expect(vaccines.length).toBeGreaterThanOrEqual(10);
    for (const p of vaccines) {
      expect(p.coldChain, p.code).toBe(true);
      expect(p.baseUnit, p.code).toBe("dose");
    }
    // Diluents, syringes and safety boxes travel outside the cold chain.
    for (const p of PRODUCTS.filter((q) => q.programme === "vaccines" && q.category !== "Vaccins")) {
      expect(p.coldChain, p.code).toBe(false);
    }
  });

  it("keeps insulin and oxytocin in the cold chain", () => {
    const cold = PRODUCTS.filter((p) => /^Insuline|^Ocytocine/.test(p.genericName));
    expect(cold.length).toBeGreaterThanOrEqual(2);
    for (const p of cold) expect(p.coldChain, p.code).toBe(true);
  });

  it("uses SMC seasonality only for malaria products", () => {
    const smc = PRODUCTS.filter((p) => p.seasonality === "smc");
    expect(smc.length).toBeGreaterThan(0);
    for (const p of smc) expect(p.programme).toBe("malaria");
  });

  it("uses all three VEN classes", () => {
    const classes = new Set(PRODUCTS.map((p) => p.ven));
    expect([...classes].sort()).toEqual(["E", "N", "V"]);
  });
});
