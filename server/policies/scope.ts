/**
 * The scope check of every reference a request names (shared/contracts/refs.ts): the router (server/routes/secureRouter.ts) calls
 * `firstRefused()` with the references it found in the path, the query and the body, before any handler runs.
 * Each kind has one resolver; a reference that does not exist and one outside the scope are refused alike.
 */
import type { Db } from "../../db/client";
import type { Me } from "../../shared/contracts/auth";
import type { FoundRef, ScopeKind, ScopeMeta } from "../../shared/contracts/refs";
import {
  districtInScope,
  inScope,
  mayManageUser,
  regionInScope,
  scopeFilter,
  type ScopeHome,
  type ScopedFacility,
} from "../../shared/domain/access";
import { prepared } from "../queries/prepared";

/** Decides one reference for one user; `home` is computed once per request, when needed. */
type Resolver = (ctx: CheckContext, value: string | number, meta: ScopeMeta) => boolean;

interface CheckContext {
  db: Db;
  user: Me;
  home: () => ScopeHome | null;
}

/** What a refused reference is called in the answer ("Unknown order 12"). */
export const REF_LABELS: Record<ScopeKind, string> = {
  facility: "facility",
  district: "district",
  region: "region",
  counterparty: "facility",
  order: "order",
  transfer: "transfer",
  report: "report",
  routePlan: "route plan",
  user: "user",
  pipelineShipment: "pipeline shipment",
  routeStop: "route stop",
  anyFacility: "facility",
  anyDistrict: "district",
  anyRegion: "region",
};

function facilityRow(db: Db, id: string): ScopedFacility | undefined {
  return prepared(db, "select id, region_id as regionId, district_id as districtId from facilities where id = ?").get(
    id,
  ) as ScopedFacility | undefined;
}

function facilityInScope(ctx: CheckContext, id: string | null | undefined): boolean {
  if (id === null || id === undefined) return false;
  const f = facilityRow(ctx.db, id);
  return f !== undefined && inScope(ctx.user, f);
}

/** The region and district of the user's own district or facility. */
function homeOf(db: Db, user: Me): ScopeHome | null {
  if (user.scopeFacilityId) {
    const f = facilityRow(db, user.scopeFacilityId);
    return f ? { regionId: f.regionId, districtId: f.districtId } : null;
  }
  if (user.scopeDistrictId) {
    const d = prepared(db, "select region_id from districts where id = ?").pluck().get(user.scopeDistrictId) as
      string | undefined;
    return { regionId: d ?? null, districtId: user.scopeDistrictId };
  }
  return null;
}

/**
 * A counterparty: a facility that exists and is the user's own, or sits at the other end of a supply line
 * (either direction, any programme) from a facility in the user's scope.
 */
function counterpartyAllowed(ctx: CheckContext, id: string): boolean {
  const f = facilityRow(ctx.db, id);
  if (!f) return false;
  if ("all" in scopeFilter(ctx.user) || inScope(ctx.user, f)) return true;
  const linked = prepared(
    ctx.db,
    `select f.id, f.region_id as regionId, f.district_id as districtId
         from supply_lines sl join facilities f on f.id = sl.supplier_id where sl.facility_id = ?
       union
       select f.id, f.region_id, f.district_id
         from supply_lines sl join facilities f on f.id = sl.facility_id where sl.supplier_id = ?`,
  ).all(id, id) as ScopedFacility[];
  return linked.some((other) => inScope(ctx.user, other));
}

function orderAllowed(ctx: CheckContext, id: number, meta: ScopeMeta): boolean {
  const row = prepared(ctx.db, "select facility_id, supplier_id from orders where id = ?").get(id) as
    { facility_id: string; supplier_id: string } | undefined;
  if (!row) return false;
  const requester = () => facilityInScope(ctx, row.facility_id);
  const supplier = () => facilityInScope(ctx, row.supplier_id);
  if (meta.side === "requester") return requester();
  if (meta.side === "supplier") return supplier();
  return requester() || supplier();
}

/** A transfer: the sending facility, the receiving one, or either, must lie in the user's scope. */
function transferAllowed(ctx: CheckContext, id: number, meta: ScopeMeta): boolean {
  const row = prepared(ctx.db, "select from_facility_id, to_facility_id from stock_transfers where id = ?").get(id) as
    { from_facility_id: string; to_facility_id: string } | undefined;
  if (!row) return false;
  const sender = () => facilityInScope(ctx, row.from_facility_id);
  const receiver = () => facilityInScope(ctx, row.to_facility_id);
  if (meta.side === "sender") return sender();
  if (meta.side === "receiver") return receiver();
  return sender() || receiver();
}

/** A driver may name a published plan that carries a route assigned to them; everyone else, a plan of a depot in scope. */
function routePlanAllowed(ctx: CheckContext, id: number): boolean {
  if (ctx.user.role === "driver") {
    const assigned = prepared(
      ctx.db,
      `select 1 from route_plans p join route_plan_vehicles v on v.plan_id = p.id
          where p.id = ? and p.status = 'published' and v.driver_user_id = ?`,
    ).get(id, ctx.user.id);
    return assigned !== undefined;
  }
  const depot = prepared(ctx.db, "select depot_id from route_plans where id = ?").pluck().get(id) as string | undefined;
  return facilityInScope(ctx, depot);
}

/** An account the user may manage: its scope's region (its own, else its district's or facility's) decides. */
function userAllowed(ctx: CheckContext, id: number): boolean {
  const target = prepared(
    ctx.db,
    `select u.role, coalesce(u.scope_region_id, d.region_id, f.region_id) as regionId
         from users u left join districts d on d.id = u.scope_district_id left join facilities f on f.id = u.scope_facility_id
        where u.id = ?`,
  ).get(id) as { role: Me["role"]; regionId: string | null } | undefined;
  return target !== undefined && mayManageUser(ctx.user, target);
}

/**
 * A stop (or its plan) named by a delivery: a driver, a plan carrying one of their routes (any status: the
 * command refuses a draft plan or a stop moved off their route with a reason the depot sees too); everyone
 * else, a plan of a depot in scope.
 */
function routeStopAllowed(ctx: CheckContext, id: number, meta: ScopeMeta): boolean {
  const planId =
    meta.target === "plan"
      ? id
      : (prepared(ctx.db, "select plan_id from route_stops where id = ?").pluck().get(id) as number | undefined);
  if (planId === undefined) return false;
  if (ctx.user.role === "driver")
    return (
      prepared(ctx.db, "select 1 from route_plan_vehicles where plan_id = ? and driver_user_id = ?").get(
        planId,
        ctx.user.id,
      ) !== undefined
    );
  const depot = prepared(ctx.db, "select depot_id from route_plans where id = ?").pluck().get(planId) as
    string | undefined;
  return facilityInScope(ctx, depot);
}

const exists = (table: "facilities" | "districts" | "regions") => (ctx: CheckContext, id: string | number) =>
  prepared(ctx.db, `select 1 from ${table} where id = ?`).get(id) !== undefined;

const RESOLVERS: Record<ScopeKind, Resolver> = {
  facility: (ctx, id) => facilityInScope(ctx, String(id)),
  district: (ctx, id) => {
    const d = prepared(ctx.db, "select id, region_id as regionId from districts where id = ?").get(id) as
      { id: string; regionId: string } | undefined;
    return d !== undefined && districtInScope(ctx.user, d, ctx.home());
  },
  region: (ctx, id) => exists("regions")(ctx, id) && regionInScope(ctx.user, String(id), ctx.home()),
  counterparty: (ctx, id) => counterpartyAllowed(ctx, String(id)),
  order: (ctx, id, meta) => orderAllowed(ctx, Number(id), meta),
  transfer: (ctx, id, meta) => transferAllowed(ctx, Number(id), meta),
  report: (ctx, id) =>
    facilityInScope(
      ctx,
      prepared(ctx.db, "select facility_id from stock_reports where id = ?").pluck().get(id) as string | undefined,
    ),
  routePlan: (ctx, id) => routePlanAllowed(ctx, Number(id)),
  user: (ctx, id) => userAllowed(ctx, Number(id)),
  pipelineShipment: (ctx, id) =>
    facilityInScope(
      ctx,
      prepared(ctx.db, "select facility_id from pipeline_shipments where id = ?").pluck().get(id) as string | undefined,
    ),
  routeStop: (ctx, id, meta) => routeStopAllowed(ctx, Number(id), meta),
  anyFacility: exists("facilities"),
  anyDistrict: exists("districts"),
  anyRegion: exists("regions"),
};

/** The references the user may not name (unknown or out of scope); empty when every one passes. */
export function refusedRefs(db: Db, user: Me, refs: readonly FoundRef[]): FoundRef[] {
  let home: ScopeHome | null | undefined;
  const ctx: CheckContext = { db, user, home: () => (home === undefined ? (home = homeOf(db, user)) : home) };
  return refs.filter((ref) => !RESOLVERS[ref.meta.scope](ctx, ref.value, ref.meta));
}
