/**
 * How a product is named in every list (pure, tested). Look-alikes that differ only by a weight or age
 * band (the four artemether-lumefantrine treatments) are named band first — "5–14 kg, 6 cp · Artéméther +
 * Luméfantrine — …" — so a closed list, cut to its width, still shows what sets them apart.
 */

/** The fields of a product a picker shows (the catalogue's Product and a stock position both have them). */
export interface PickableProduct {
  id: number;
  code: string;
  genericName: string;
  strength: string;
  form: string;
  packSize?: number;
  baseUnit?: string;
  programmeCode?: string;
}

/** A weight or age band written in the generic name: "(5–14 kg, 6 cp)" → "5–14 kg, 6 cp"; null when none. */
export function bandOf(genericName: string): string | null {
  const m = /\(([^()]*\d[^()]*(?:kg|mois|ans)[^()]*)\)\s*$/.exec(genericName);
  return m ? m[1]!.trim() : null;
}

/** The name without its band: "Artéméther + Luméfantrine". */
export function baseName(genericName: string): string {
  const band = bandOf(genericName);
  return band ? genericName.replace(/\s*\([^()]*\)\s*$/, "").trim() : genericName;
}

/** The one-line label of a product in a list: "5–14 kg, 6 cp · Artéméther + Luméfantrine — 20 mg + 120 mg — comprimé (MAL-AL-20120-6)". */
export function productLabel(p: PickableProduct): string {
  const band = bandOf(p.genericName);
  const name = band ? `${band} · ${baseName(p.genericName)}` : p.genericName;
  const strength = p.strength.trim();
  return `${name}${strength ? ` — ${strength}` : ""} — ${p.form} (${p.code})`;
}
