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
 * - `order` (by side), `transfer` (by side), `report`, `routePlan`, `pipelineShipment`: the object's facilities
 *   decide, as described on each schema;
 * - `user`: an account whose own scope lies within the user's (shared/domain/access.ts `mayManageUser`);
 * - `routeStop` (a stop, or its plan, named by a delivery): the plan's depot in scope, or (driver) a plan that
 *   carries one of their routes;
 * - `anyFacility`, `anyDistrict`, `anyRegion`: reference data every signed-in user may read (the network map):
 *   it must exist, nothing more.
 */
export type ScopeKind =
  | "facility"
  | "district"
  | "region"
  | "counterparty"
  | "order"
  | "transfer"
  | "report"
  | "routePlan"
  | "user"
  | "pipelineShipment"
  | "routeStop"
  | "anyFacility"
  | "anyDistrict"
  | "anyRegion";

/** Which side of an order decides the scope: the ordering facility, the supplier, or either of them. */
export type OrderSide = "requester" | "supplier" | "either";

/** Which side of a transfer decides the scope: the sending facility, the receiving one, or either of them. */
export type TransferSide = "sender" | "receiver" | "either";

/** What the router needs to know about a reference field. */
export interface ScopeMeta {
  scope: ScopeKind;
  /** For `order` and `transfer` references only */
  side?: OrderSide | TransferSide;
  /** For `routeStop` references only: the value is the stop's id or its plan's */
  target?: "stop" | "plan";
}

/** The registry of reference schemas (a schema derived with .describe() or .max() inherits its parent's entry). */
export const scopeRefs = z.registry<ScopeMeta>();

const textId = () => z.string().trim().min(1).max(100);
const numericId = () => z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A numeric reference in a path parameter ("12" → 12; anything else is left for the reference to refuse). */
const inPath = <T extends z.ZodType>(ref: T) =>
  z.preprocess((v) => (typeof v === "string" && /^\d{1,15}$/.test(v) ? Number(v) : v), ref);

/** A facility whose data the request reads or writes: in the user's scope. */
export const FacilityRef = textId().register(scopeRefs, { scope: "facility" });
/** A health district: visible in the user's scope. */
export const DistrictRef = textId().register(scopeRefs, { scope: "district" });
/** A health region: visible in the user's scope. */
export const RegionRef = textId().register(scopeRefs, { scope: "region" });
/** A facility on a supply line of a facility in the user's scope (destination, stop, supplier). */
export const CounterpartyRef = textId().register(scopeRefs, { scope: "counterparty" });
/** Any facility, for reading reference data only (name, place, supply lines): it must exist. */
export const AnyFacilityRef = textId().register(scopeRefs, { scope: "anyFacility" });
/** Any district, for reading reference data only: it must exist. */
export const AnyDistrictRef = textId().register(scopeRefs, { scope: "anyDistrict" });
/** Any region, for reading reference data only: it must exist. */
export const AnyRegionRef = textId().register(scopeRefs, { scope: "anyRegion" });
/** A monthly report: its facility decides. */
export const ReportRef = numericId().register(scopeRefs, { scope: "report" });
/** A route plan: its depot decides (a driver: the plan must carry a route assigned to them). */
export const RoutePlanRef = numericId().register(scopeRefs, { scope: "routePlan" });

/** A user account: its own scope must lie within the editor's (an administrator: any account). */
export const UserRef = numericId().register(scopeRefs, { scope: "user" });
/** A shipment in the procurement pipeline: its receiving facility (PPM central) decides. */
export const PipelineShipmentRef = numericId().register(scopeRefs, { scope: "pipelineShipment" });

/**
 * A stop of a route plan, or the plan, named by a delivery recorded at that stop: staff may name those of plans
 * of depots in their scope; a driver those of plans that carry one of their routes (any status). Whether the
 * delivery may apply — the plan published, the stop still on the driver's route — is decided by the command,
 * which records a refusal that the driver and the depot both see (an out-of-scope answer would hide it).
 */
export const RouteStopRef = {
  stop: numericId().register(scopeRefs, { scope: "routeStop", target: "stop" }),
  plan: numericId().register(scopeRefs, { scope: "routeStop", target: "plan" }),
} as const;

/** An order, scoped by the side that acts on it (the requester submits, the supplier approves and ships). */
export const OrderRef = {
  requester: numericId().register(scopeRefs, { scope: "order", side: "requester" }),
  supplier: numericId().register(scopeRefs, { scope: "order", side: "supplier" }),
  either: numericId().register(scopeRefs, { scope: "order", side: "either" }),
} as const;

/**
 * A transfer between two facilities, scoped by the side that acts on it: the receiver confirms what arrived; either
 * side reads it (stock in transit shows on both sides).
 */
export const TransferRef = {
  sender: numericId().register(scopeRefs, { scope: "transfer", side: "sender" }),
  receiver: numericId().register(scopeRefs, { scope: "transfer", side: "receiver" }),
  either: numericId().register(scopeRefs, { scope: "transfer", side: "either" }),
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

/** A path into a request part: object keys and array indices. */
export type RefPath = (string | number)[];

/** A reference found in a parsed request: what it is, its value and where it was. */
export interface FoundRef {
  meta: ScopeMeta;
  value: string | number;
  path: RefPath;
}

/** The inner definition of a zod schema (zod 4 keeps it on `_zod.def`). */
interface Def {
  type: string;
  [key: string]: unknown;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Schemas that wrap one inner schema without changing the value's shape. */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"]);

/**
 * Every reference in a parsed value, with its path: walks objects (and their catch-all), arrays, tuples,
 * records (keys and values), maps, sets, unions (the option the value satisfies), intersections, lazies
 * and pipes (their output schema). References under a transform cannot be found: `refFields` reports
 * them so that a test refuses such a contract.
 */
export function findRefs(schema: z.ZodType, value: unknown, path: RefPath = [], out: FoundRef[] = []): FoundRef[] {
  if (value === undefined || value === null) return out;
  const meta = scopeMetaOf(schema);
  if (meta) {
    if (typeof value === "string" || typeof value === "number") out.push({ meta, value, path });
    return out;
  }
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return findRefs(def.innerType as z.ZodType, value, path, out);
  switch (def.type) {
    case "lazy":
      return findRefs((def.getter as () => z.ZodType)(), value, path, out);
    case "pipe":
      return findRefs(def.out as z.ZodType, value, path, out);
    case "intersection":
      findRefs(def.left as z.ZodType, value, path, out);
      return findRefs(def.right as z.ZodType, value, path, out);
    case "object":
      return objectRefs(def, value, path, out);
    case "array":
      if (Array.isArray(value)) value.forEach((v, i) => findRefs(def.element as z.ZodType, v, [...path, i], out));
      return out;
    case "tuple":
      if (Array.isArray(value)) {
        const items = def.items as z.ZodType[];
        value.forEach((v, i) => {
          const item = items[i] ?? (def.rest as z.ZodType | null);
          if (item) findRefs(item, v, [...path, i], out);
        });
      }
      return out;
    case "record":
      if (isRecord(value)) {
        for (const [k, v] of Object.entries(value)) {
          findRefs(def.keyType as z.ZodType, k, [...path, k], out);
          findRefs(def.valueType as z.ZodType, v, [...path, k], out);
        }
      }
      return out;
    case "map":
      if (value instanceof Map) {
        for (const [k, v] of value) {
          findRefs(def.keyType as z.ZodType, k, [...path, String(k)], out);
          findRefs(def.valueType as z.ZodType, v, [...path, String(k)], out);
        }
      }
      return out;
    case "set":
      if (value instanceof Set)
        [...value].forEach((v, i) => findRefs(def.valueType as z.ZodType, v, [...path, i], out));
      return out;
    case "union":
      return unionRefs(def, value, path, out);
    default:
      return out;
  }
}

function objectRefs(def: Def, value: unknown, path: RefPath, out: FoundRef[]): FoundRef[] {
  if (!isRecord(value)) return out;
  const shape = def.shape as Record<string, z.ZodType>;
  for (const [k, v] of Object.entries(value)) {
    const field = Object.hasOwn(shape, k) ? shape[k] : (def.catchall as z.ZodType | undefined);
    if (field) findRefs(field, v, [...path, k], out);
  }
  return out;
}

/** The union's option that accepts the value decides; when none does (a transform inside), every option is walked. */
function unionRefs(def: Def, value: unknown, path: RefPath, out: FoundRef[]): FoundRef[] {
  const options = def.options as z.ZodType[];
  const matching = options.find((o) => o.safeParse(value).success);
  for (const option of matching ? [matching] : options) findRefs(option, value, path, out);
  return out;
}

/** A field of a contract, found by walking its schema: its path ("*" for any array index or record key) and its reference kind, if any. */
export interface ContractField {
  path: (string | "*")[];
  meta: ScopeMeta | undefined;
  /** True when the field sits under a transform, where findRefs cannot see a reference */
  underTransform: boolean;
}

/** Every named field of a contract (object keys at any depth), with the reference kind of each: for completeness tests. */
export function contractFields(
  schema: z.ZodType,
  path: (string | "*")[] = [],
  out: ContractField[] = [],
  underTransform = false,
  seen = new Set<z.ZodType>(),
): ContractField[] {
  const meta = scopeMetaOf(schema);
  if (meta || seen.has(schema)) {
    if (meta) out.push({ path, meta, underTransform });
    return out;
  }
  seen.add(schema); // on the walk's stack: a lazy schema that contains itself is walked once
  const def = defOf(schema);
  const walk = (s: unknown, p: (string | "*")[], t = underTransform) => contractFields(s as z.ZodType, p, out, t, seen);
  if (WRAPPERS.has(def.type)) walk(def.innerType, path);
  else if (def.type === "lazy") walk((def.getter as () => z.ZodType)(), path);
  else if (def.type === "pipe") {
    const outIsTransform = defOf(def.out as z.ZodType).type === "transform";
    walk(def.in, path, underTransform || outIsTransform);
    walk(def.out, path);
  } else if (def.type === "intersection") {
    walk(def.left, path);
    walk(def.right, path);
  } else if (def.type === "object") {
    const shape = def.shape as Record<string, z.ZodType>;
    for (const [k, v] of Object.entries(shape)) {
      const before = out.length;
      walk(v, [...path, k]);
      if (out.length === before) out.push({ path: [...path, k], meta: undefined, underTransform });
    }
    if (def.catchall) walk(def.catchall, [...path, "*"]);
  } else if (def.type === "array" || def.type === "set") walk(def.element ?? def.valueType, [...path, "*"]);
  else if (def.type === "tuple") (def.items as z.ZodType[]).forEach((item) => walk(item, [...path, "*"]));
  else if (def.type === "record" || def.type === "map") {
    walk(def.keyType, [...path, "*"]);
    walk(def.valueType, [...path, "*"]);
  } else if (def.type === "union") (def.options as z.ZodType[]).forEach((o) => walk(o, path));
  seen.delete(schema);
  return out;
}

/** `/facilities/:id/…`: a facility in the user's scope. */
export const FacilityParams = z.object({ id: FacilityRef });
/** `/facilities/:id` of the reference data: any facility. */
export const AnyFacilityParams = z.object({ id: AnyFacilityRef });
/** `/quantification/pipeline/:id/…` */
export const PipelineShipmentParams = z.object({ id: inPath(PipelineShipmentRef) });
/** `/reports/:id/…` */
export const ReportParams = z.object({ id: inPath(ReportRef) });
/** `/route-plans/:id` */
export const RoutePlanParams = z.object({ id: inPath(RoutePlanRef) });
/** `/users/:id` */
export const UserParams = z.object({ id: inPath(UserRef) });
/** `/orders/:id/…` acted on by the ordering facility (submit, edit, receive). */
export const RequesterOrderParams = z.object({ id: inPath(OrderRef.requester) });
/** `/orders/:id/…` acted on by the supplier (approve, reject, pick, ship). */
export const SupplierOrderParams = z.object({ id: inPath(OrderRef.supplier) });
/** `/orders/:id/…` that either side may read or act on (read, proof of delivery). */
export const OrderParams = z.object({ id: inPath(OrderRef.either) });
/** `/transfers/:id` read by either side. */
export const TransferParams = z.object({ id: inPath(TransferRef.either) });
/** `/transfers/:id/receive`: the receiving facility confirms what arrived. */
export const ReceiverTransferParams = z.object({ id: inPath(TransferRef.receiver) });
