/** The allocation form: what was typed, and the AllocationRequest it makes for the shared contract (pure, tested). */
import { numberOrNaN } from "../../lib/forms/parse";

/** The form as typed (numbers as text). */
export interface AllocationValues {
  programme: string;
  productId: string;
  sourceId: string;
  targetKind: "district" | "region";
  targetId: string;
  months: string;
  basis: "amc" | "population";
  unitsPerPerson: string;
  populations: Record<string, string>;
}

/** The request candidate the form makes (the contract AllocationRequest checks it). */
export function toRequest(form: AllocationValues) {
  const population =
    form.basis === "population"
      ? {
          unitsPerPersonPerMonth: numberOrNaN(form.unitsPerPerson),
          facilities: Object.entries(form.populations)
            .filter(([, v]) => v.trim() !== "")
            .map(([facilityId, v]) => ({ facilityId, targetPopulation: numberOrNaN(v) })),
        }
      : undefined;
  return {
    productId: form.productId === "" ? undefined : Number(form.productId),
    sourceFacilityId: form.sourceId,
    ...(form.targetKind === "district" ? { districtId: form.targetId } : { regionId: form.targetId }),
    monthsOfCover: numberOrNaN(form.months),
    basis: form.basis,
    ...(population ? { population } : {}),
  };
}

/** The form field of a contract path. */
export function fieldOf(path: string): string {
  if (path === "sourceFacilityId") return "sourceId";
  if (path === "districtId" || path === "regionId") return "targetId";
  if (path === "monthsOfCover") return "months";
  if (path === "population.unitsPerPersonPerMonth") return "unitsPerPerson";
  if (path.startsWith("population")) return "populations";
  return path;
}

/** What each field asks for, whatever the contract refused. */
export const ALLOCATION_MESSAGES = {
  "productId:*": "allocation.errors.product",
  "sourceId:*": "allocation.errors.source",
  "targetId:*": "allocation.errors.target",
  "months:*": "allocation.errors.months",
  "unitsPerPerson:*": "allocation.errors.units",
  "populations:*": "allocation.errors.populations",
};
