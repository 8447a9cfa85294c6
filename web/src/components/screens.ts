/** The staff screens, their paths and the roles that use them: the header shows a role its screens, the routes guard the rest. */
import type { Role } from "@shared/contracts/auth";
import { ROLES } from "@shared/domain/roles";
import { ROLE_ACTIONS, type Action } from "@shared/domain/access";

/** Every role. */
const ALL: readonly Role[] = ROLES;

/** Roles whose home "/" is their own work rather than the network map (which they find at /carte). */
const OWN_HOME: readonly Role[] = ["driver", "cscom_manager"];

/** A screen of the app: where it lives, its navigation label key, and who may open it. */
export interface Screen {
  path: string;
  label:
    | "nav.myFacility"
    | "nav.map"
    | "nav.situation"
    | "nav.review"
    | "nav.depot"
    | "nav.stockEntry"
    | "nav.allocations"
    | "nav.audit"
    | "nav.users"
    | "nav.facilities"
    | "nav.catalogue"
    | "nav.policies"
    | "nav.report"
    | "nav.myOrders"
    | "nav.routes"
    | "nav.fleet"
    | "nav.myRoute"
    | "nav.quantification"
    | "nav.nationalOrders"
    | "nav.interop"
    | "nav.apiDocs";
  roles: readonly Role[];
}

/** The roles the server grants an action (shared/domain/access): a screen for that action shows to them only. */
const rolesWith = (action: Action): Role[] => ALL.filter((r) => ROLE_ACTIONS[r].includes(action));

/** Screens in the order of the navigation bar. */
export const SCREENS = {
  // The driver's home: their routes of the day on the tablet, offline too (the app's "/" leads them there).
  myRoute: { path: "/ma-tournee", label: "nav.myRoute", roles: ["driver"] },
  // The CSCom manager's home: her facility's stock and what she has to do (the app's "/" for her).
  myFacility: { path: "/", label: "nav.myFacility", roles: ["cscom_manager"] },
  map: { path: "/", label: "nav.map", roles: ALL.filter((r) => !OWN_HOME.includes(r)) },
  // The network map for the roles whose "/" is their own work (the driver's route, the CSCom manager's facility).
  driverMap: { path: "/carte", label: "nav.map", roles: OWN_HOME },
  situation: {
    path: "/situation",
    label: "nav.situation",
    roles: ["procurement_officer", "regional_manager", "district_pharmacist", "admin"],
  },
  review: { path: "/revue", label: "nav.review", roles: ["district_pharmacist", "regional_manager", "admin"] },
  depot: {
    path: "/depot",
    label: "nav.depot",
    roles: ["storekeeper", "district_pharmacist", "regional_manager", "admin"],
  },
  // The storekeeper's entries: receipts, losses and adjustments, physical counts (stock:write on a depot in scope).
  stockEntry: {
    path: "/mouvements",
    label: "nav.stockEntry",
    roles: ["storekeeper", "district_pharmacist", "regional_manager", "admin"],
  },
  // Route planning: whoever dispatches the depot's deliveries (routes:plan).
  routes: {
    path: "/tournees",
    label: "nav.routes",
    roles: ["district_pharmacist", "storekeeper", "regional_manager", "admin"],
  },
  // The depot's vehicles and drivers, and the returns from the routes (routes:plan; receiving returns needs orders:fulfil).
  fleet: {
    path: "/flotte",
    label: "nav.fleet",
    roles: ["district_pharmacist", "storekeeper", "regional_manager", "admin"],
  },
  // National quantification: forecasts, the supply plan at PPM central, the pipeline, scenarios, history imports.
  quantification: { path: "/quantification", label: "nav.quantification", roles: ["procurement_officer", "admin"] },
  // Every order of the country (the officer approves national orders and follows the network).
  nationalOrders: { path: "/commandes", label: "nav.nationalOrders", roles: ["procurement_officer", "admin"] },
  allocations: {
    path: "/allocations",
    label: "nav.allocations",
    roles: ["procurement_officer", "district_pharmacist", "regional_manager", "admin"],
  },
  audit: { path: "/audit", label: "nav.audit", roles: ["admin"] },
  // Accounts: the administrator manages all of them, a regional manager the district and facility accounts of their region.
  users: { path: "/admin/utilisateurs", label: "nav.users", roles: ["admin", "regional_manager"] },
  // DHIS2 export (and for the administrator: push, mapping, org units, connection, GTINs).
  interop: { path: "/interop", label: "nav.interop", roles: rolesWith("interop:export") },
  // The OpenAPI reader: any signed-in user may open it (App.tsx guards it for all); the header offers it to the
  // administrator and the procurement officer, who deal with integrators, and leaves the others' bars to their work.
  apiDocs: { path: "/documentation-api", label: "nav.apiDocs", roles: ["admin", "procurement_officer"] },
  // Facilities: the administrator's, and a regional manager's within their region.
  facilities: { path: "/admin/etablissements", label: "nav.facilities", roles: ["admin", "regional_manager"] },
  // Products and prices: national reference data, the administrator's.
  catalogue: { path: "/admin/catalogue", label: "nav.catalogue", roles: ["admin"] },
  // Stock policies and settings: national configuration, the administrator's.
  policies: { path: "/admin/politiques", label: "nav.policies", roles: ["admin"] },
  // The CSCom manager's month: the report (CRGS), then the orders. Others read a CSCom's report through REPORT_READERS.
  report: { path: "/rapport", label: "nav.report", roles: ["cscom_manager"] },
  myOrders: { path: "/mes-commandes", label: "nav.myOrders", roles: ["cscom_manager"] },
} as const satisfies Record<string, Screen>;

/** Roles that may open a CSCom's monthly report page (the manager writes it; the district pharmacist and the administrator read it, ?cscom=ID). */
export const REPORT_READERS: readonly Role[] = ["cscom_manager", "district_pharmacist", "admin"];

/** Roles that may open an order's page (every role that reads orders). */
export const ORDER_ROLES: readonly Role[] = ALL.filter((r) => r !== "driver");

/** Path of an order's page. */
export const orderPath = (id: number) => `/commandes/${id}`;

/** Router state of an order page opened right after creating orders (the others created with it are listed there). */
export interface CreatedOrdersState {
  created: { id: number; flow: "cost_recovery" | "free_care" }[];
}

/** Where a role lands: the driver on their route, everyone else on "/" (the CSCom manager's facility, else the network map). */
export function homePath(role: Role): string {
  return role === "driver" ? SCREENS.myRoute.path : SCREENS.map.path;
}

/** Where the network map is for a role ("/" unless "/" is the role's own home). */
export function mapPath(role: Role | undefined): string {
  return role && OWN_HOME.includes(role) ? SCREENS.driverMap.path : SCREENS.map.path;
}

/** The screens a role sees in the header. */
export function screensFor(role: Role): Screen[] {
  return Object.values(SCREENS).filter((s: Screen) => s.roles.includes(role));
}

/** Route of the about / credits page. */
export const ABOUT_PATH = "/a-propos";
