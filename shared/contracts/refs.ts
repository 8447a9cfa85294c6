/**
 * Ids that name something placed in the network (a facility, a district, a region, or an object that belongs
 * to facilities: an order, a report, a route plan). Every such field of a request contract uses one of these
 * schemas instead of a plain string or number: the router finds them in the path, the query and the body
 * (through optionals, arrays, unions and records) and checks each against the user's scope before any handler
 * runs (server/routes/scope.ts). A field that names a facility with a plain `z.string()` is a bug, and
 * tests/api/scopeRefs.test.ts fails on it.
 */
import { z } from "zod";

/**
 * How the router checks a reference:
 * - `facility`: the facility must lie in the user's scope (the request reads or writes its stock);
 * - `district`, `region`: the area must be visible in the user's scope;
 * - `counterparty`: a facility at the other end of a supply line from a facility in the user's scope (a
 *   transfer's destination, a delivery stop, a supplier named as a filter): it must exist and be linked, but
 *   the request never writes its ledger directly;
 * - `order` (by side), `report`, `routePlan`: the object's facilities decide, as described on each schema.
 */
export type ScopeKind = "facility" | "district" | "region" | "counterparty" | "order" | "report" | "routePlan";

/** Which side of an order decides the scope: the ordering facility, the supplier, or either of them. */
export type OrderSide = "requester" | "supplier" | "either";

/** What the router needs to know about a reference field. */
export interface ScopeMeta {
  scope: ScopeKind;
  /** For `order` references only */
  side?: OrderSide;
}

/** The registry of reference schemas (a schema derived with .describe() or .max() inherits its parent's entry). */
export const scopeRefs = z.registry<ScopeMeta>();

const textId = () => z.string().trim().min(1).max(100);
const numericId = () => z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A facility whose data the request reads or writes: in the user's scope. */
export const FacilityRef = textId().register(scopeRefs, { scope: "facility" });
/** A health district: visible in the user's scope. */
export const DistrictRef = textId().register(scopeRefs, { scope: "district" });
/** A health region: visible in the user's scope. */
export const RegionRef = textId().register(scopeRefs, { scope: "region" });
/** A facility on a supply line of a facility in the user's scope (destination, stop, supplier). */
export const CounterpartyRef = textId().register(scopeRefs, { scope: "counterparty" });
/** A monthly report: its facility decides. */
export const ReportRef = numericId().register(scopeRefs, { scope: "report" });
/** A route plan: its depot decides (a driver: the plan must carry a route assigned to them). */
export const RoutePlanRef = numericId().register(scopeRefs, { scope: "routePlan" });

/** An order, scoped by the side that acts on it (the requester submits, the supplier approves and ships). */
export const OrderRef = {
  requester: numericId().register(scopeRefs, { scope: "order", side: "requester" }),
  supplier: numericId().register(scopeRefs, { scope: "order", side: "supplier" }),
  either: numericId().register(scopeRefs, { scope: "order", side: "either" }),
} as const;

/** The registered meta of a schema, looking through `.describe()`-style clones to the schema they came from. */
export function scopeMetaOf(schema: z.ZodType): ScopeMeta | undefined {
  let s: z.ZodType | undefined = schema;
  while (s) {
    const meta = scopeRefs.get(s);
    if (meta) return meta;
    s = (s as unknown as { _zod: { parent?: z.ZodType } })._zod.parent;
  }
  return undefined;
}
