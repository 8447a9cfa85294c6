/** The product form as typed (pure): its values, the request of a new or changed product, a stored product's values. */
import type { Product } from "@shared/contracts/reference";
import { numberOrNaN, optionalText } from "../../lib/forms/parse";

/** What the form holds (numbers as typed, read by the shared parser). */
export interface ProductValues {
  code: string;
  genericName: string;
  form: string;
  strength: string;
  baseUnit: string;
  packSize: string;
  packRoundingThreshold: string;
  roundToZero: boolean;
  ven: string;
  programmeCode: string;
  category: string;
  coldChain: boolean;
  packWeightG: string;
  packVolumeCm3: string;
  pricePerPackXof: string;
}

export const EMPTY_PRODUCT: ProductValues = {
  code: "",
  genericName: "",
  form: "",
  strength: "",
  baseUnit: "",
  packSize: "",
  packRoundingThreshold: "0",
  roundToZero: false,
  ven: "E",
  programmeCode: "cost_recovery",
  category: "",
  coldChain: false,
  packWeightG: "",
  packVolumeCm3: "",
  pricePerPackXof: "",
};

/** The fields of a product but its price. */
export const toUpdateRequest = (v: ProductValues) => ({
  code: optionalText(v.code),
  genericName: optionalText(v.genericName),
  form: optionalText(v.form),
  strength: v.strength.trim(),
  baseUnit: optionalText(v.baseUnit),
  packSize: numberOrNaN(v.packSize),
  packRoundingThreshold: numberOrNaN(v.packRoundingThreshold),
  roundToZero: v.roundToZero,
  ven: v.ven,
  programmeCode: optionalText(v.programmeCode),
  category: optionalText(v.category),
  coldChain: v.coldChain,
  packWeightG: numberOrNaN(v.packWeightG),
  packVolumeCm3: numberOrNaN(v.packVolumeCm3),
});

/** A new product with its first price. */
export const toCreateRequest = (v: ProductValues) => ({
  ...toUpdateRequest(v),
  pricePerPackXof: numberOrNaN(v.pricePerPackXof),
});

/** The form's values of a stored product. */
export function valuesOf(p: Product): ProductValues {
  const text = (n: number) => String(n);
  return {
    code: p.code,
    genericName: p.genericName,
    form: p.form,
    strength: p.strength,
    baseUnit: p.baseUnit,
    packSize: text(p.packSize),
    packRoundingThreshold: text(p.packRoundingThreshold),
    roundToZero: p.roundToZero,
    ven: p.ven,
    programmeCode: p.programmeCode,
    category: p.category,
    coldChain: p.coldChain,
    packWeightG: text(p.packWeightG),
    packVolumeCm3: text(p.packVolumeCm3),
    pricePerPackXof: text(p.pricePerPackXof),
  };
}
