import i18n from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { fr } from "../../i18n/fr";
import { groupNotes, noteText } from "./notes";

const t = i18n.t.bind(i18n);
beforeAll(async () => {
  await i18n.init({ resources: { fr: { translation: fr } }, lng: "fr", interpolation: { escapeValue: false } });
});
const nbsp = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

describe("notes in words", () => {
  it("words a stock-out correction with the month in French and numbers grouped", () => {
    const text = noteText(
      {
        key: "stockout_adjusted",
        values: { period: "2026-08", consumed: 1200, stockoutDays: 10, days: 31, adjusted: 1774 },
      },
      "quant.note",
      { t, lang: "fr" },
    );
    expect(nbsp(text)).toBe("Août 2026 : 10 jours de rupture sur 31 — consommation 1 200 corrigée à 1 774.");
  });

  it("names methods, shows shares as percentages, decimals with a comma and unknown values as a dash", () => {
    const why = noteText(
      {
        key: "auto_first_kept",
        values: {
          chosen: "seasonal-index",
          mae: 44.558,
          mase: 0.352,
          lowest: "holt-winters",
          lowestMae: 42.254,
          lowestMase: 0.334,
          advantage: null,
          threshold: 1,
          origins: 12,
          horizon: 6,
        },
      },
      "quant.why",
      { t, lang: "fr" },
    );
    expect(why).toContain("Indice saisonnier national est gardée (EAM 44,56, MASE 0,35)");
    expect(why).toContain("Holt-Winters saisonnier fait un peu mieux");
    expect(why).toContain("avantage — ≤ 1");
    const rate = noteText(
      {
        key: "reporting_rate",
        values: {
          period: "2026-03",
          reported: 7,
          expected: 10,
          coverage: 0.7,
          reportedUnits: 700,
          estimatedUnits: 300,
        },
      },
      "quant.note",
      { t, lang: "fr" },
    );
    expect(nbsp(rate)).toContain("7 établissements sur 10 ont déclaré (70 % de la consommation attendue)");
  });

  it("names a facility through the lookup, and falls back to the key for an unknown note", () => {
    const ctx = { t, lang: "fr", facilityName: (id: string) => (id === "f1" ? "CSCom de Kati" : undefined) };
    expect(
      noteText({ key: "site_inactive", values: { facility: "f1", lastPeriod: "2025-01" } }, "quant.note", ctx),
    ).toBe("CSCom de Kati ne déclare plus depuis Janvier 2025 : retiré de toute la série (ce n'est pas une baisse).");
    expect(noteText({ key: "something_new", values: {} }, "quant.note", ctx)).toBe("something_new");
  });

  it("groups notes by kind in order of appearance", () => {
    const g = groupNotes([
      { key: "a", values: {} },
      { key: "b", values: {} },
      { key: "a", values: {} },
    ]);
    expect(g.map((x) => [x.key, x.notes.length])).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
  });
});
