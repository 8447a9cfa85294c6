/**
 * Scale-up for benchmarks: synthetic CSComs and products beyond the real data set
 * (e.g. --cscoms 1760 --products 300). Synthetic rows are marked as such in their ids and names.
 */
import type { facilities } from "../schema";
import type { CatalogueProduct } from "./data/catalogueTypes";
import { Rng } from "./random";

type FacilityRow = typeof facilities.$inferInsert;

/** The first `n` CSComs, adding synthetic ones scattered around the district depots when n exceeds the real count. */
export function scaleCscoms(real: FacilityRow[], depots: FacilityRow[], n: number, seed: number): FacilityRow[] {
  if (n <= real.length) return real.slice(0, n);
  const rng = new Rng(seed ^ 0x5eed);
  const extra: FacilityRow[] = [];
  for (let i = real.length; i < n; i++) {
    const depot = depots[i % depots.length]!;
    extra.push({
      ...real[i % real.length]!,
      id: `synthetic-cscom-${String(i + 1).padStart(4, "0")}`,
      name: `CSCom synthétique ${i + 1} (${depot.name.replace(/^Dépôt répartiteur — /, "")})`,
      regionId: depot.regionId,
      districtId: depot.districtId!,
      lat: depot.lat + (rng.next() - 0.5) * 0.8,
      lon: depot.lon + (rng.next() - 0.5) * 0.8,
      source: "synthetic",
      derivationNote: JSON.stringify({ key: "synthetic", values: { demoFlags: true } }),
    });
  }
  return [...real, ...extra];
}

/** The first `n` catalogue products, adding synthetic variants of real ones when n exceeds the catalogue. */
export function scaleProducts(catalogue: CatalogueProduct[], n: number): CatalogueProduct[] {
  if (n <= catalogue.length) return catalogue.slice(0, n);
  const extra: CatalogueProduct[] = [];
  for (let i = catalogue.length; i < n; i++) {
    const model = catalogue[i % catalogue.length]!;
    extra.push({
      ...model,
      code: `SYN-${String(i + 1).padStart(4, "0")}-${model.code}`.slice(0, 60),
      genericName: `${model.genericName} (variante synthétique ${i + 1})`,
      source: "synthetic variant for benchmarks",
    });
  }
  return [...catalogue, ...extra];
}
