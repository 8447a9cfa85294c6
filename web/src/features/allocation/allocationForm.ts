/** The allocation form: what was typed, and the AllocationRequest it makes, checked with the shared contract (pure, tested). */
import { AllocationRequest } from "@shared/contracts/replenishment";

/** The form as typed (numbers as text). */
export interface AllocationForm {
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

/** Form fields that can be refused, as i18n keys of their message. */
export type FormIssues = Partial<
  Record<"productId" | "sourceId" | "targetId" | "months" | "unitsPerPerson" | "populations", string>
>;

const num = (text: string) => (text.trim() === "" ? Number.NaN : Number(text.replace(",", ".")));

/** The request the form makes, or the fields to correct. */
export function buildRequest(
  form: AllocationForm,
): { request: AllocationRequest; issues: null } | { request: null; issues: FormIssues } {
  const population =
    form.basis === "population"
      ? {
          unitsPerPersonPerMonth: num(form.unitsPerPerson),
          facilities: Object.entries(form.populations)
            .filter(([, v]) => v.trim() !== "")
            .map(([facilityId, v]) => ({ facilityId, targetPopulation: num(v) })),
        }
      : undefined;
  const candidate = {
    productId: Number(form.productId) || 0,
    sourceFacilityId: form.sourceId,
    ...(form.targetKind === "district" ? { districtId: form.targetId } : { regionId: form.targetId }),
    monthsOfCover: num(form.months),
    basis: form.basis,
    ...(population ? { population } : {}),
  };
  const parsed = AllocationRequest.safeParse(candidate);
  if (parsed.success) return { request: parsed.data, issues: null };
  const issues: FormIssues = {};
  for (const issue of parsed.error.issues) {
    const [head, sub] = issue.path;
    if (head === "productId") issues.productId = "allocation.errors.product";
    else if (head === "sourceFacilityId") issues.sourceId = "allocation.errors.source";
    else if (head === "districtId" || head === "regionId") issues.targetId = "allocation.errors.target";
    else if (head === "monthsOfCover") issues.months = "allocation.errors.months";
    else if (head === "population" && sub === "unitsPerPersonPerMonth")
      issues.unitsPerPerson = "allocation.errors.units";
    else if (head === "population") issues.populations = "allocation.errors.populations";
  }
  return { request: null, issues };
}
