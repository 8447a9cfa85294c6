import { describe, expect, it } from "vitest";
import type { ResolverOptions } from "react-hook-form";
import { ScenarioWrite, type Scenario } from "@shared/contracts/scenarios";
import { decodeMessage } from "../../lib/forms/messages";
import { contractResolver } from "../../lib/forms/useContractForm";
import { blankMorbidity } from "./morbidityForm";
import { scenarioFieldOf, scenarioRequest, scenarioValues, type ScenarioValues } from "./scenarioForm";

const OPTIONS = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<never>;

const saved: Scenario = {
  id: 3,
  name: "Campagne CPS",
  settings: ScenarioWrite.shape.settings.parse({
    horizon: 18,
    methods: { "MAL-AL-20120-12": "holt-winters" },
    overrides: {
      "MAL-AL-20120-12": { forecastFactor: 1.2, leadTimeDays: 120 },
      "MAL-SP-500-3": { forecastFactor: 0.8 },
    },
    budgets: [{ fundingSource: "malaria", amountXof: 5_000_000 }],
  }),
  createdAt: "2026-11-01T00:00:00Z",
  updatedAt: "2026-11-01T00:00:00Z",
};

describe("the scenario form", () => {
  const resolver = (scenario: Scenario | null) =>
    contractResolver<ScenarioValues, unknown>({
      contract: ScenarioWrite,
      toRequest: (v) => scenarioRequest(v, scenario),
      fieldOf: scenarioFieldOf,
    });

  it("reads a saved scenario back into what was typed, factors with a decimal comma", () => {
    const values = scenarioValues(saved);
    expect(values).toMatchObject({ name: "Campagne CPS", horizon: "18", historyMonths: "36", defaultMethod: "auto" });
    expect(values.products.map(({ morbidity: _m, ...row }) => row)).toEqual([
      { code: "MAL-AL-20120-12", method: "holt-winters", factor: "1,2" },
      { code: "MAL-SP-500-3", method: "", factor: "0,8" },
    ]);
    expect(values.budgets).toEqual([{ fundingSource: "malaria", amountXof: "5000000" }]);
  });

  it("keeps a product's other overrides when its factor changes, and drops a removed product's factor", async () => {
    const values = scenarioValues(saved);
    values.products = [{ code: "MAL-AL-20120-12", method: "", factor: "1,5", morbidity: blankMorbidity() }];
    const result = await resolver(saved)(values, undefined, OPTIONS as never);
    expect(result.errors).toEqual({});
    const settings = (result.values as ScenarioWrite).settings;
    expect(settings.methods).toEqual({});
    expect(settings.overrides).toEqual({ "MAL-AL-20120-12": { forecastFactor: 1.5, leadTimeDays: 120 } });
  });

  it("puts the contract's issues on the row that was typed", async () => {
    const values = scenarioValues(null);
    values.horizon = "48";
    values.products = [{ code: "MAL-AL-20120-12", method: "", factor: "-1", morbidity: blankMorbidity() }];
    values.budgets = [
      { fundingSource: "malaria", amountXof: "10" },
      { fundingSource: "malaria", amountXof: "abc" },
    ];
    const result = await resolver(null)(values, undefined, OPTIONS as never);
    const errors = result.errors as Record<string, unknown> & {
      products?: { factor?: { message?: string } }[];
      budgets?: { amountXof?: { message?: string }; fundingSource?: { type?: string } }[];
      horizon?: { message?: string };
    };
    expect(decodeMessage(errors.horizon?.message)).toMatchObject({ key: "forms.invalid.tooLarge" });
    expect(decodeMessage(errors.products?.[0]?.factor?.message)).toMatchObject({ key: "forms.invalid.notNegative" });
    expect(decodeMessage(errors.budgets?.[1]?.amountXof?.message)).toMatchObject({ key: "forms.invalid.number" });
    expect(errors.name).toBeDefined();
  });
});

describe("the morbidity assumptions in the scenario form", () => {
  const resolver = (scenario: Scenario | null) =>
    contractResolver<ScenarioValues, unknown>({
      contract: ScenarioWrite,
      toRequest: (v) => scenarioRequest(v, scenario),
      fieldOf: scenarioFieldOf,
    });
  const typed = (): ScenarioValues => {
    const values = scenarioValues(null);
    values.name = "Morbidité CTA";
    values.products = [
      {
        code: "MAL-AL-20120-12",
        method: "morbidity",
        factor: "",
        morbidity: {
          ...blankMorbidity(new Date("2026-11-15T00:00:00Z")),
          enabled: true,
          population: "3 200 000",
          growth: "3",
          incidence: "0,9",
          shareTreated: "45",
          wastage: "5",
          bands: [
            { key: "5-14kg", share: "30", units: "6" },
            { key: "15-24kg", share: "25", units: "12" },
          ],
        },
      },
    ];
    return values;
  };

  it("sends percent as shares, the month typed mm/yyyy as YYYY-MM, and reads them back the same", async () => {
    const result = await resolver(null)(typed(), undefined, OPTIONS as never);
    expect(result.errors).toEqual({});
    const settings = (result.values as ScenarioWrite).settings;
    expect(settings.methods).toEqual({ "MAL-AL-20120-12": "morbidity" });
    expect(settings.morbidity["MAL-AL-20120-12"]).toEqual({
      basePeriod: "2026-11",
      population: 3_200_000,
      populationGrowthPerYear: 0.03,
      incidencePerPersonYear: 0.9,
      shareTreated: 0.45,
      wastageRate: 0.05,
      bands: [
        { key: "5-14kg", shareOfCases: 0.3, unitsPerTreatment: 6 },
        { key: "15-24kg", shareOfCases: 0.25, unitsPerTreatment: 12 },
      ],
    });
    const reread = { ...saved, settings };
    expect(scenarioValues(reread).products[0]!.morbidity).toEqual({
      ...typed().products[0]!.morbidity,
      population: "3200000",
    });
  });

  it("puts the assumptions' issues on their fields: a share over 100 %, bands over 100 %, the morbidity method without them", async () => {
    const over = typed();
    over.products[0]!.morbidity.shareTreated = "140";
    over.products[0]!.morbidity.bands[1]!.share = "80";
    const errors = (await resolver(null)(over, undefined, OPTIONS as never)).errors as {
      products?: { morbidity?: { shareTreated?: { message?: string }; bands?: { message?: string } } }[];
    };
    expect(decodeMessage(errors.products?.[0]?.morbidity?.shareTreated?.message)).toMatchObject({
      key: "forms.invalid.tooLarge",
    });
    expect(errors.products?.[0]?.morbidity?.bands?.message).toBeDefined();
    const off = typed();
    off.products[0]!.morbidity.enabled = false;
    const refused = (await resolver(null)(off, undefined, OPTIONS as never)).errors as {
      products?: { method?: { type?: string } }[];
    };
    expect(refused.products?.[0]?.method?.type).toBe("custom");
  });
});
