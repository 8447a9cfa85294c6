/** Stock policies and settings (administration): the rows, the effective policy of a facility × product, the settings. */
import { z } from "zod";
import {
  EffectivePolicyQuery,
  EffectivePolicyView,
  PolicyView,
  SettingsView,
  PolicyCreate,
  PolicyParams,
  PolicyUpdate,
  SettingsUpdate,
} from "../../shared/contracts/policies";
import { createPolicy, deletePolicy, updatePolicy } from "../commands/policies";
import type { AppDeps } from "../deps";
import { effectivePolicyOf, listPolicies } from "../queries/policies";
import { readSettings, saveSettings } from "../queries/settings";
import { created, type SecureRouter } from "./secureRouter";

const manage = { action: "policies:manage" } as const;

/** Policies and settings: national configuration, the administrator's. */
export function policyRoutes(r: SecureRouter, { db }: AppDeps): void {
  r.get("/policies", { ...manage, response: z.object({ items: z.array(PolicyView) }) }, ({ res }) => {
    res.json({ items: listPolicies(db) });
  });
  r.get(
    "/policies/effective",
    { ...manage, query: EffectivePolicyQuery, response: EffectivePolicyView },
    ({ res, query }) => {
      res.json(effectivePolicyOf(db, query.facilityId, query.productId));
    },
  );
  r.post("/policies", { ...manage, body: PolicyCreate, response: created(PolicyView) }, ({ tx, body }) => {
    const row = createPolicy(tx, body);
    return {
      status: 201,
      body: row,
      audit: { action: "policy.create", objectType: "stock_policy", objectId: String(row.id), after: row },
    };
  });
  r.patch(
    "/policies/:policyId",
    { ...manage, params: PolicyParams, body: PolicyUpdate, response: PolicyView },
    ({ tx, params, body }) => {
      const { before, after } = updatePolicy(tx, params.policyId, body);
      return {
        status: 200,
        body: after,
        audit: { action: "policy.update", objectType: "stock_policy", objectId: String(after.id), before, after },
      };
    },
  );
  r.delete(
    "/policies/:policyId",
    { ...manage, params: PolicyParams, response: z.object({ deleted: z.number().int() }) },
    ({ tx, params }) => {
      const before = deletePolicy(tx, params.policyId);
      return {
        status: 200,
        body: { deleted: before.id },
        audit: { action: "policy.delete", objectType: "stock_policy", objectId: String(before.id), before },
      };
    },
  );
  r.get("/settings", { ...manage, response: SettingsView }, ({ res }) => {
    res.json(readSettings(db));
  });
  r.patch("/settings", { ...manage, body: SettingsUpdate, response: SettingsView }, ({ tx, body }) => {
    const { before, after } = saveSettings(tx, body);
    return {
      status: 200,
      body: after,
      audit: { action: "settings.update", objectType: "settings", objectId: null, before, after },
    };
  });
}
