/**
 * A published route for chauffeur.kati today, made through the API: the dispatcher's shipments (picked
 * orders of five Kati CSComs, dispatcherSetup) planned by the district pharmacist on one vehicle driven by
 * chauffeur.kati for the server's current date, then published.
 */
import { randomUUID } from "node:crypto";
import type { RoutePlan } from "../../shared/contracts/routePlans";
import { ApiSession } from "./api";
import { prepareDispatch, type DispatchSetup } from "./dispatcherSetup";

/** What the driver's test reads back: the dispatch, the driver and the published plan as the planner sees it. */
export interface DriverSetup extends DispatchSetup {
  driverId: number;
  date: string;
  plan: RoutePlan;
}

/** The server's date today ("YYYY-MM-DD", UTC = Mali time). */
async function serverToday(baseUrl: string): Promise<string> {
  const { time } = (await (await fetch(`${baseUrl}/api/v1/health`)).json()) as { time: string };
  return time.slice(0, 10);
}

/** PATCH through a fresh session of `username` (ApiSession offers GET and POST only). */
async function patchAs(
  baseUrl: string,
  username: string,
  password: string,
  path: string,
  body: unknown,
): Promise<RoutePlan> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login ${username}: HTTP ${login.status}`);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method: "PATCH",
    headers: {
      Cookie: cookie,
      "X-CSRF-Token": csrfToken,
      "Idempotency-Key": randomUUID(),
      "Content-Type": "application/json",
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`PATCH ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as RoutePlan;
}

/** Plans today's shipments of the Kati depot on chauffeur.kati's vehicle and publishes the plan (`ship`: the orders leave the depot first). */
export async function prepareDriverRoute(
  baseUrl: string,
  password: string,
  options: { ship?: boolean } = {},
): Promise<DriverSetup> {
  const dispatch = await prepareDispatch(baseUrl, password, options);
  const [pharmacist, driver] = await Promise.all([
    ApiSession.login(baseUrl, "pharmacien.kati", password),
    ApiSession.login(baseUrl, "chauffeur.kati", password),
  ]);
  const date = await serverToday(baseUrl);
  const vehicle = {
    name: "Camion de Bakary",
    capacityKg: 5000,
    capacityL: 20000,
    coldBox: true,
    driverUserId: driver.me.id,
  };
  const draft = await pharmacist.post<RoutePlan>("/route-plans", {
    depotId: dispatch.depotId,
    date,
    vehicles: [vehicle],
    orderIds: dispatch.orderIds,
    solver: { deadlineMs: 1500, seed: 1 },
  });
  if (draft.routes[0]!.stops.length === 0)
    throw new Error(`Nothing planned on the driver's vehicle: ${JSON.stringify(draft.unassigned)}`);
  const plan = await patchAs(baseUrl, "pharmacien.kati", password, `/route-plans/${draft.id}`, {
    status: "published",
    confirm: true,
  });
  return { ...dispatch, driverId: driver.me.id, date, plan };
}
