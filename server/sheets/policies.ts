/**
 * The stock policies' spreadsheet: the rows of the policies screen (level × facility × programme × product and
 * their values). A new target is written by createPolicy, a changed one by updatePolicy — the same commands and
 * checks as POST /policies and PATCH /policies/:policyId, with the same audit lines.
 */
import { asc } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { facilities, products, programmes } from "../../db/schema";
import { inScope } from "../../shared/domain/access";
import {
  POLICY_SHEET,
  planPolicyImport,
  type PolicyRecord,
  type PolicyWrite,
} from "../../shared/domain/sheets/policies";
import { writeCell } from "../../shared/domain/sheets/spec";
import { createPolicy, updatePolicy } from "../commands/policies";
import { listPolicies } from "../queries/policies";
import type { EntitySheet } from "./entitySheets";

/** Every stored row as the sheet holds it, with its id. */
function policyRecords(db: Db | Tx): (PolicyRecord & { id: number })[] {
  return listPolicies(db).map((p) => ({
    id: p.id,
    level: p.level,
    facilityId: p.facilityId,
    programmeCode: p.programmeCode,
    productCode: p.productCode,
    rule: p.rule,
    maxMonths: p.maxMonths,
    minMonths: p.minMonths,
    eopMonths: p.eopMonths,
    reviewPeriodMonths: p.reviewPeriodMonths,
    leadTimeDays: p.leadTimeDays,
  }));
}

const header = (key: string) => POLICY_SHEET.columns.find((c) => c.key === key)?.header ?? null;

export const POLICY_SHEET_DEF: EntitySheet<PolicyWrite> = {
  entity: "policies",
  action: "policies:manage",
  spec: () => POLICY_SHEET,
  exportRows: (db) => policyRecords(db).map((r) => POLICY_SHEET.columns.map((c) => writeCell(c, r[c.key]))),
  plan: (db, user, sheet) =>
    planPolicyImport(sheet, {
      // A facility outside the user's scope is as unknown as one that does not exist.
      facilities: db
        .select({
          id: facilities.id,
          level: facilities.level,
          regionId: facilities.regionId,
          districtId: facilities.districtId,
        })
        .from(facilities)
        .all()
        .filter((f) => inScope(user, f)),
      programmes: db
        .select({ code: programmes.code })
        .from(programmes)
        .orderBy(asc(programmes.code))
        .all()
        .map((p) => p.code),
      products: db.select({ id: products.id, code: products.code }).from(products).all(),
      existing: policyRecords(db),
    }),
  write: (tx, [w]) => {
    const values = {
      rule: w!.rule,
      maxMonths: w!.maxMonths,
      minMonths: w!.minMonths,
      eopMonths: w!.eopMonths,
      reviewPeriodMonths: w!.reviewPeriodMonths,
      leadTimeDays: w!.leadTimeDays,
    };
    if (w!.id === null) {
      const after = createPolicy(tx, {
        level: w!.level,
        ...(w!.facilityId === null ? {} : { facilityId: w!.facilityId }),
        ...(w!.programmeCode === null ? {} : { programmeCode: w!.programmeCode }),
        ...(w!.productId === null ? {} : { productId: w!.productId }),
        ...values,
      });
      return [{ audit: [{ action: "policy.create", objectType: "stock_policy", objectId: String(after.id), after }] }];
    }
    const { before, after } = updatePolicy(tx, w!.id, values);
    return [
      { audit: [{ action: "policy.update", objectType: "stock_policy", objectId: String(after.id), before, after }] },
    ];
  },
  columnOf: (path) => header(path === "productId" ? "productCode" : path),
};
