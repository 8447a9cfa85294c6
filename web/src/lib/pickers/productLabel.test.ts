import { describe, expect, it } from "vitest";
import { baseName, bandOf, productLabel } from "./productLabel";

const al = (band: string) => ({
  id: 1,
  code: "MAL-AL",
  genericName: `Artéméther + Luméfantrine (${band})`,
  strength: "20 mg + 120 mg",
  form: "comprimé",
});

describe("product labels", () => {
  it("names look-alikes band first, so a list cut to its width still tells them apart", () => {
    const labels = ["5–14 kg, 6 cp", "15–24 kg, 12 cp", "25–34 kg, 18 cp", "≥ 35 kg, 24 cp"].map((b) =>
      productLabel(al(b)),
    );
    expect(labels[0]).toBe("5–14 kg, 6 cp · Artéméther + Luméfantrine — 20 mg + 120 mg — comprimé (MAL-AL)");
    expect(new Set(labels.map((l) => l.slice(0, 8))).size).toBe(4);
  });
  it("finds weight and age bands, and leaves other parentheses alone", () => {
    expect(bandOf("Sulfadoxine-Pyriméthamine + Amodiaquine (CPS, 12–59 mois)")).toBe("CPS, 12–59 mois");
    expect(bandOf("Quinine (dichlorhydrate)")).toBeNull();
    expect(baseName("Quinine (dichlorhydrate)")).toBe("Quinine (dichlorhydrate)");
    expect(productLabel({ id: 2, code: "P", genericName: "Paracétamol", strength: "", form: "sirop" })).toBe(
      "Paracétamol — sirop (P)",
    );
  });
});
