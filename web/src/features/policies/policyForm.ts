/** The policy forms as typed (pure): a row's values, the request of a new row and of a change, the target in words. */
import type { PolicyView } from "@shared/contracts/policies";
import { numberOrNaN, optionalText } from "../../lib/forms/parse";

/** A row's values as typed. */
export interface ValueFields {
  rule: string;
  maxMonths: string;
  minMonths: string;
  eopMonths: string;
  reviewPeriodMonths: string;
  leadTimeDays: string;
}

/** A new row: its target and values. */
export interface NewRowFields extends ValueFields {
  level: string;
  facilityId: string;
  programmeCode: string;
  productId: string;
}

export const EMPTY_VALUES: ValueFields = {
  rule: "standard",
  maxMonths: "",
  minMonths: "",
  eopMonths: "",
  reviewPeriodMonths: "1",
  leadTimeDays: "",
};

export const EMPTY_ROW: NewRowFields = {
  level: "cscom",
  facilityId: "",
  programmeCode: "",
  productId: "",
  ...EMPTY_VALUES,
};

/** The values of a request (an empty emergency point: the level has none). */
export const toValues = (v: ValueFields) => ({
  rule: v.rule,
  maxMonths: numberOrNaN(v.maxMonths),
  minMonths: numberOrNaN(v.minMonths),
  eopMonths: v.eopMonths.trim() === "" ? null : numberOrNaN(v.eopMonths),
  reviewPeriodMonths: numberOrNaN(v.reviewPeriodMonths),
  leadTimeDays: numberOrNaN(v.leadTimeDays),
});

/** POST /policies of what was typed (a facility gives the level). */
export const toCreateRequest = (v: NewRowFields) => ({
  level: v.level,
  facilityId: optionalText(v.facilityId),
  programmeCode: optionalText(v.programmeCode),
  productId: v.productId === "" ? undefined : Number(v.productId),
  ...toValues(v),
});

/** A stored row's values as the edit form holds them (decimals with a comma). */
export function valuesOf(p: PolicyView): ValueFields {
  const text = (n: number | null) => (n === null ? "" : String(n).replace(".", ","));
  return {
    rule: p.rule,
    maxMonths: text(p.maxMonths),
    minMonths: text(p.minMonths),
    eopMonths: text(p.eopMonths),
    reviewPeriodMonths: text(p.reviewPeriodMonths),
    leadTimeDays: text(p.leadTimeDays),
  };
}
