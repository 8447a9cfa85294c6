/**
 * The last mile in chromium, offline: with today's shipped orders of five Kati CSComs published on chauffeur.kati's
 * route (made through the API), the driver signs in online and loads the day; the tablet loses the network and is
 * reloaded (cold start from the service worker); the driver records three stops — one with a refused line, one
 * skipped, one delivered in full — into the IndexedDB outbox; the page is closed and opened again, still offline,
 * and the three deliveries are still waiting; the network comes back and they are sent. Then, through the API: each
 * delivery applied once, stock right at the CSComs (accepted units in) and at the depot (nothing back until the
 * return is confirmed), and posting the whole outbox again changes nothing. Last, deliveries the server refuses
 * (more than shipped, a stop of a plan no longer published) show their reason on the tablet and on the plan.
 * Screenshots: test-results/lastmile-*.png (the delivery form in portrait 800×1280).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoutePlan } from "../../shared/contracts/routePlans";
import { ApiSession } from "./api";
import { prepareDriverRoute, type DriverSetup } from "./driverSetup";
import { launchBrowser, recordConsoleErrors, ROOT, signInPage, startServer, type RunningServer } from "./harness";

const SHOTS = join(ROOT, "test-results");
const DEMO_PASSWORD = "fura-demo-2026";
let server: RunningServer | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
let setup: DriverSetup;
let pharmacist: ApiSession;
let route: RoutePlan["routes"][number];
const consoleErrors: string[] = [];
let offline = false;
let unpublished = false;
/** Expected: the session check before signing in, failures while offline, and the refusals the test provokes. */
const isExpected = (m: ConsoleMessage) =>
  offline ||
  (/status of 401/.test(m.text()) && /\/api\/v1\/auth\/me$/.test(m.location().url)) ||
  (/status of (400|409)/.test(m.text()) && /\/api\/v1\/deliveries$/.test(m.location().url)) ||
  (unpublished && /status of 404/.test(m.text()) && /\/api\/v1\/route-plans\/\d+$/.test(m.location().url));

type Stop = RoutePlan["routes"][number]["stops"][number];
type StockPage = { items: { lots: { lotId: number; qtyOnHand: number }[] }[] };

/** Lot id → quantity on hand at a facility, as the API reports it. */
async function stockOf(facilityId: string): Promise<Map<number, number>> {
  const page = await pharmacist.get<StockPage>(`/facilities/${facilityId}/stock`);
  return new Map(page.items.flatMap((p) => p.lots.map((l) => [l.lotId, l.qtyOnHand] as const)));
}
/** The lots and quantities a stop's manifest carries. */
const lotsOf = (stop: Stop) => stop.manifest.flatMap((o) => o.lines.flatMap((l) => l.lots));
/** What the outbox holds, read from IndexedDB by the page itself. */
const outboxOnPage = () =>
  page.getByTestId("outbox-item").evaluateAll((lis) =>
    lis.map((li) => ({
      id: li.getAttribute("data-delivery-id")!,
      state: li.getAttribute("data-state")!,
      stopId: Number(li.getAttribute("data-stop-id")),
    })),
  );
/** The outbox items' bodies, straight from IndexedDB. */
const outboxBodies = () =>
  page.evaluate(
    () =>
      new Promise<{ id: string; body: unknown }[]>((resolve, reject) => {
        const open = indexedDB.open("fura-offline");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction("outbox").objectStore("outbox").getAll();
          all.onsuccess = () =>
            resolve(all.result.map((i: { id: string; body: unknown }) => ({ id: i.id, body: i.body })));
          all.onerror = () => reject(all.error);
        };
      }),
  );

/** axe-core's source, evaluated through the DevTools protocol (as in accessibility.test.ts). */
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The serious and critical WCAG 2.1 A/AA violations axe finds on the page. */
async function axeViolations(): Promise<{ id: string; nodes: string[] }[]> {
  await page.evaluate(AXE);
  return (await page.evaluate(`(async () => {
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, exclude: [[".leaflet-container"]] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  })()`)) as { id: string; nodes: string[] }[];
}

/** Draws a signature: three strokes across the canvas. */
async function sign() {
  await page.getByTestId("signature").scrollIntoViewIfNeeded();
  const box = (await page.getByTestId("signature").boundingBox())!;
  for (const dy of [0.3, 0.5, 0.7]) {
    await page.mouse.move(box.x + box.width * 0.15, box.y + box.height * dy);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++)
      await page.mouse.move(box.x + box.width * (0.15 + i * 0.08), box.y + box.height * (dy + (i % 2 ? 0.08 : -0.08)));
    await page.mouse.up();
  }
  await expect.poll(() => page.getByTestId("signature").getAttribute("data-signed")).toBe("true");
}

/** Opens a stop's delivery form from the route. */
async function openForm(stop: Stop) {
  await page.locator(`li[data-stop-id="${stop.id}"]`).getByTestId("stop-record").click();
  await page.getByTestId("delivery-form").waitFor();
}

/** Back on the route after recording: the stop shows its delivery waiting to be sent. */
async function queued(stop: Stop) {
  await page.getByTestId("queued-notice").waitFor();
  await expect
    .poll(() => page.locator(`li[data-stop-id="${stop.id}"]`).getByTestId("stop-state").getAttribute("data-state"))
    .toBe("queued");
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  setup = await prepareDriverRoute(server.baseUrl, DEMO_PASSWORD, { ship: true });
  route = setup.plan.routes[0]!;
  if (route.stops.length < 4) throw new Error(`The driver's route has ${route.stops.length} stops, the test needs 4`);
  pharmacist = await ApiSession.login(server.baseUrl, "pharmacien.kati", DEMO_PASSWORD);
  await browser.context.grantPermissions(["geolocation"], { origin: server.baseUrl });
  await browser.context.setGeolocation({ latitude: route.stops[0]!.lat, longitude: route.stops[0]!.lon, accuracy: 15 });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  recordConsoleErrors(page, consoleErrors, isExpected);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("proof of delivery on the tablet, offline, applied exactly once", () => {
  let before: { depot: Map<number, number>; stops: Map<number, Map<number, number>> };

  it("loads the day online, then opens it again with the network gone (cold start from the service worker)", async () => {
    before = {
      depot: await stockOf(setup.depotId),
      stops: new Map(await Promise.all(route.stops.map(async (s) => [s.id, await stockOf(s.facilityId)] as const))),
    };
    await signInPage(page, server!.baseUrl, "chauffeur.kati", DEMO_PASSWORD);
    await page.waitForURL(/\/ma-tournee$/);
    await page.getByTestId("driver-route").first().waitFor();
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 })
      .toBe(true);
    await page.reload();
    await page.getByTestId("driver-route").first().waitFor();
    await expect
      .poll(
        () =>
          page.evaluate(async () =>
            (await (await caches.open("fura-driver-api")).keys()).map((r) => new URL(r.url).pathname),
          ),
        { timeout: 20_000 },
      )
      .toContain(`/api/v1/route-plans/${setup.plan.id}`);
    // Installable: the manifest is linked, French, standalone, with icons.
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector('link[rel="manifest"]')!.getAttribute("href")!;
      return (await fetch(href)).json();
    });
    expect(manifest).toMatchObject({ lang: "fr", display: "standalone", start_url: "/ma-tournee" });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toContain("512x512");
    // The map labels the towns (GeoNames) and each stop has a "Naviguer" geo: link.
    await expect.poll(() => page.getByTestId("map").getAttribute("data-label-count")).not.toBe("0");
    const first = route.stops[0]!;
    expect(
      await page.locator(`li[data-stop-id="${first.id}"]`).getByTestId("stop-navigate").getAttribute("href"),
    ).toMatch(new RegExp(`^geo:${first.lat.toFixed(6)},${first.lon.toFixed(6)}\\?q=`));

    offline = true;
    await browser!.context.setOffline(true);
    await page.reload();
    await page.getByTestId("driver-route").first().waitFor({ timeout: 20_000 });
    await page.getByTestId("offline-banner").waitFor();
  });

  it("records a stop with a refused line, a skipped stop and a stop delivered in full, offline", async () => {
    const [a, b, c] = route.stops as [Stop, Stop, Stop];
    await page.setViewportSize({ width: 800, height: 1280 });

    await openForm(a);
    const lots = page.getByTestId("delivery-lot");
    expect(await lots.count()).toBe(lotsOf(a).length);
    // Portrait tablet: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    const refused = lotsOf(a)[0]!;
    expect(refused.qty).toBeGreaterThan(2);
    await lots.first().getByRole("textbox").fill("2");
    await page.getByTestId("delivery-form").getByRole("button", { name: "Enregistrer" }).click();
    // A refusal needs a reason, and the recipient and signature are required: nothing is queued yet.
    expect(await page.locator(".field-error").count()).toBeGreaterThanOrEqual(3);
    await lots.first().getByRole("combobox").selectOption("damaged");
    await page.getByLabel("Nom de la personne qui reçoit").fill("Mariam Koné");
    await sign();
    await expect.poll(() => page.getByTestId("delivery-position").textContent()).toMatch(/relevée/);
    await page.screenshot({ path: join(SHOTS, "lastmile-form-portrait.png"), fullPage: true });
    expect(await axeViolations()).toEqual([]);
    await page.getByTestId("delivery-form").getByRole("button", { name: "Enregistrer" }).click();
    await queued(a);

    await openForm(b);
    await page.getByText("Non livré", { exact: true }).click();
    await page.getByText("Route impraticable").click();
    await page.getByTestId("delivery-form").getByRole("button", { name: "Enregistrer" }).click();
    await queued(b);

    await openForm(c);
    await page.getByLabel("Nom de la personne qui reçoit").fill("Oumar Diarra");
    await sign();
    await page.getByTestId("delivery-form").getByRole("button", { name: "Enregistrer" }).click();
    await queued(c);

    const items = await outboxOnPage();
    expect(items.map((i) => [i.stopId, i.state]).sort()).toEqual(
      [a.id, b.id, c.id].map((id) => [id, "pending"]).sort(),
    );
    await page.screenshot({ path: join(SHOTS, "lastmile-outbox-offline.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("keeps the outbox when the page is closed and opened again, still offline", async () => {
    const ids = (await outboxOnPage()).map((i) => i.id).sort();
    await page.close();
    page = await browser!.context.newPage();
    recordConsoleErrors(page, consoleErrors, isExpected);
    await page.goto(`${server!.baseUrl}/ma-tournee`);
    await page.getByTestId("driver-route").first().waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await outboxOnPage()).map((i) => i.id).sort()).toEqual(ids);
    expect((await outboxOnPage()).every((i) => i.state === "pending")).toBe(true);
  });

  it("sends the outbox when the network is back: every item sent, each stop recorded", async () => {
    await browser!.context.setOffline(false);
    offline = false;
    // The "online" event starts the sync; "Envoyer maintenant" does too, if it is still waiting.
    await page
      .getByTestId("outbox-sync")
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await expect
      .poll(async () => (await outboxOnPage()).map((i) => i.state), { timeout: 30_000 })
      .toEqual(["sent", "sent", "sent"]);
    const [a, b, c] = route.stops as [Stop, Stop, Stop];
    for (const [stop, state] of [
      [a, "partial"],
      [b, "skipped"],
      [c, "delivered"],
    ] as const)
      await expect
        .poll(
          () => page.locator(`li[data-stop-id="${stop.id}"]`).getByTestId("stop-state").getAttribute("data-state"),
          {
            timeout: 20_000,
          },
        )
        .toBe(state);
    await page.screenshot({ path: join(SHOTS, "lastmile-synced.png"), fullPage: true });
  });

  it("applied each delivery once, with the stock right at both ends", async () => {
    const [a, b, c] = route.stops as [Stop, Stop, Stop];
    const plan = await pharmacist.get<RoutePlan>(`/route-plans/${setup.plan.id}`);
    const shown = new Map(plan.routes[0]!.stops.map((s) => [s.id, s.delivery]));
    expect(shown.get(a.id)).toMatchObject({ state: "partial", rejectedUnits: 2, recipient: "Mariam Koné" });
    expect(shown.get(b.id)).toMatchObject({ state: "skipped", skipReason: "road_impassable" });
    expect(shown.get(c.id)).toMatchObject({ state: "delivered", rejectedUnits: 0, recipient: "Oumar Diarra" });
    const bodies = await outboxBodies();
    expect(bodies.map((i) => i.id).sort()).toEqual([a, b, c].map((s) => shown.get(s.id)!.deliveryId).sort());

    // The CSComs received what they accepted; the depot's stock has not moved (it left when the orders shipped,
    // and the refused and undelivered units are riding back until the depot confirms them).
    for (const [stop, refusedUnits] of [
      [a, 2],
      [c, 0],
    ] as const) {
      const now = await stockOf(stop.facilityId);
      const was = before.stops.get(stop.id)!;
      const lots = lotsOf(stop);
      const gained = lots.reduce((n, l) => n + ((now.get(l.lotId) ?? 0) - (was.get(l.lotId) ?? 0)), 0);
      expect(gained).toBe(lots.reduce((n, l) => n + l.qty, 0) - refusedUnits);
    }
    const skipped = await stockOf(b.facilityId);
    for (const l of lotsOf(b)) expect(skipped.get(l.lotId) ?? 0).toBe(before.stops.get(b.id)!.get(l.lotId) ?? 0);
    expect(await stockOf(setup.depotId)).toEqual(before.depot);
    const returns = await pharmacist.get<{ items: { kind: string; qtyUnits: number }[] }>(
      `/deliveries/returns?depotId=${setup.depotId}`,
    );
    expect(returns.items.filter((r) => r.kind === "rejected").reduce((n, r) => n + r.qtyUnits, 0)).toBe(2);
    expect(returns.items.filter((r) => r.kind === "skipped").reduce((n, r) => n + r.qtyUnits, 0)).toBe(
      lotsOf(b).reduce((n, l) => n + l.qty, 0),
    );

    // The whole outbox posted again, from the tablet's session, under its keys and under new ones: nothing changes.
    const snapshot = {
      plan: (await pharmacist.get<RoutePlan>(`/route-plans/${setup.plan.id}`)).routes,
      stock: await Promise.all([setup.depotId, a.facilityId, b.facilityId, c.facilityId].map(stockOf)),
      returns: await pharmacist.get(`/deliveries/returns?depotId=${setup.depotId}`),
    };
    const replays = await page.evaluate(async (items) => {
      const me = await (await fetch("/api/v1/auth/me")).json();
      const out: number[] = [];
      for (const item of items)
        for (const key of [item.id, crypto.randomUUID()]) {
          const res = await fetch("/api/v1/deliveries", {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrfToken, "Idempotency-Key": key },
            body: JSON.stringify(item.body),
          });
          out.push(res.status);
        }
      return out;
    }, bodies);
    expect(replays).toEqual(bodies.flatMap(() => [201, 201]));
    expect({
      plan: (await pharmacist.get<RoutePlan>(`/route-plans/${setup.plan.id}`)).routes,
      stock: await Promise.all([setup.depotId, a.facilityId, b.facilityId, c.facilityId].map(stockOf)),
      returns: await pharmacist.get(`/deliveries/returns?depotId=${setup.depotId}`),
    }).toEqual(snapshot);
  });

  it("shows on the tablet, and on the plan, why the server refused a delivery; nothing is applied", async () => {
    const d = route.stops[3]!;
    const depotBefore = await stockOf(setup.depotId);
    const facilityBefore = await stockOf(d.facilityId);
    // A tablet with a stale manifest claims more than was shipped: the item is refused with the field's reason.
    await page.evaluate(
      async ({ stop, planId, lots }) => {
        const me = await (await fetch("/api/v1/auth/me")).json();
        const body = {
          deliveryId: crypto.randomUUID(),
          routePlanId: planId,
          stopId: stop,
          status: "delivered",
          recipient: "Awa",
          lines: lots.map((l, i) => ({ ...l, acceptedQty: l.acceptedQty + (i === 0 ? 50 : 0), rejectedQty: 0 })),
        };
        await new Promise<void>((resolve, reject) => {
          const open = indexedDB.open("fura-offline");
          open.onsuccess = () => {
            const tx = open.result.transaction("outbox", "readwrite");
            tx.objectStore("outbox").add({
              id: body.deliveryId,
              userId: me.user.id,
              planId,
              stopId: stop,
              facilityName: "test",
              body,
              state: "pending",
              createdAt: new Date().toISOString(),
              attemptedAt: null,
              attempts: 0,
              sentAt: null,
              refusal: null,
              lastError: null,
            });
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        });
      },
      {
        stop: d.id,
        planId: setup.plan.id,
        lots: d.manifest.flatMap((o) =>
          o.lines.flatMap((l) => l.lots.map((lot) => ({ lineId: l.lineId, lotId: lot.lotId, acceptedQty: lot.qty }))),
        ),
      },
    );
    await page.reload();
    await expect
      .poll(async () => (await outboxOnPage()).filter((i) => i.state === "refused").length, { timeout: 30_000 })
      .toBe(1);
    expect(await page.getByTestId("outbox-refusal").first().textContent()).toMatch(
      /^Refusé : données refusées \(lines\.0\.acceptedQty : more than shipped/,
    );

    // The dispatcher un-publishes the plan; the driver records the stop anyway: refused, and the depot sees why.
    await pharmacist.patch(`/route-plans/${setup.plan.id}`, { status: "draft" });
    // The tablet asks for the plan again after a sync: it is no longer the driver's to see (404).
    unpublished = true;
    await openForm(d);
    await page.getByLabel("Nom de la personne qui reçoit").fill("Awa Traoré");
    await sign();
    await page.getByTestId("delivery-form").getByRole("button", { name: "Enregistrer" }).click();
    const item = page.locator(`[data-testid="outbox-item"][data-stop-id="${d.id}"][data-state="refused"]`);
    await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(2);
    expect(await item.first().getByTestId("outbox-refusal").textContent()).toBe("Refusé : le plan n'est plus publié");
    await page.screenshot({ path: join(SHOTS, "lastmile-refused.png"), fullPage: true });
    const plan = await pharmacist.get<RoutePlan>(`/route-plans/${setup.plan.id}`);
    const seen = plan.routes[0]!.stops.find((s) => s.id === d.id)!.delivery;
    expect(seen.state).toBe("pending");
    expect(seen.refused.map((r) => r.code)).toEqual(["plan_not_published"]);
    expect(await stockOf(setup.depotId)).toEqual(depotBefore);
    expect(await stockOf(d.facilityId)).toEqual(facilityBefore);
  });

  it("logged no unexpected console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
