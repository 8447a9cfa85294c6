/**
 * Browser test of the driver's tablet screen: with today's plan of the Kati depot published on
 * chauffeur.kati's vehicle (made through the API), the driver signs in and lands on "Ma tournée", which
 * shows the route, the stops in order with their ETAs, and the manifests exactly as GET /route-plans/:id
 * answers the driver; then the tablet loses the network, the page is reloaded and still shows the route,
 * with the "Hors ligne — données du …" banner, from the service worker's cache. Screenshots:
 * test-results/driver-*.png (landscape 1280×800, portrait tablet 800×1280, offline).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoutePlan, RoutePlanPage } from "../../shared/contracts/routePlans";
import { prepareDriverRoute, type DriverSetup } from "./driverSetup";
import { launchBrowser, recordConsoleErrors, ROOT, startServer, type RunningServer } from "./harness";

const SHOTS = join(ROOT, "test-results");
const DEMO_PASSWORD = "fura-demo-2026";
let server: RunningServer | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
let setup: DriverSetup;
/** The plan as the driver reads it from the API */
let mine: RoutePlan;
const consoleErrors: string[] = [];
let offline = false;

/** The session check before signing in answers 401; offline, the requests the worker does not cache fail. Nothing else may log an error. */
const isExpected = (m: ConsoleMessage) =>
  (/status of 401/.test(m.text()) && /\/api\/v1\/auth\/me$/.test(m.location().url)) || offline;

/** GET through the browser's own session, straight to the server (the API as the driver sees it). */
async function browserGet<T>(path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(`/api/v1${p}`, { cache: "no-store" })).json(), path) as Promise<T>;
}

/** "HH:MM" of seconds after midnight, as the page shows ETAs. */
const clock = (s: number) =>
  `${String(Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}`;

/** What the page shows of each route: [plan id, vehicle id, [stop id, position, facility, ETA] in order]. */
async function routesOnPage() {
  return page.getByTestId("driver-route").evaluateAll((cards) =>
    cards.map((card) => ({
      planId: Number(card.getAttribute("data-plan-id")),
      vehicleId: Number(card.getAttribute("data-vehicle-id")),
      stops: [...card.querySelectorAll("li[data-stop-id]")].map((li) => [
        Number(li.getAttribute("data-stop-id")),
        Number(li.querySelector('[data-testid="stop-position"]')!.textContent),
        li.querySelector('[data-testid="stop-name"]')!.textContent,
        li.querySelector('[data-testid="stop-eta"]')!.textContent,
      ]),
    })),
  );
}

/** The same, from the API's plan. */
const routesOf = (p: RoutePlan) =>
  p.routes.map((r) => ({
    planId: p.id,
    vehicleId: r.vehicleId,
    stops: r.stops.map((s) => [s.id, s.position, s.facilityName, clock(s.etaS)]),
  }));

/** axe-core's source, evaluated through the DevTools protocol (as in accessibility.test.ts: the CSP refuses injected script tags). */
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The serious and critical WCAG 2.1 A/AA violations axe finds on the page (Leaflet's widget excluded, as in the sweep). */
async function axeViolations(): Promise<{ id: string; nodes: string[] }[]> {
  await page.evaluate(AXE);
  return (await page.evaluate(`(async () => {
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, exclude: [[".leaflet-container"]] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  })()`)) as { id: string; nodes: string[] }[];
}

/** Waits until Leaflet has laid the map out at its container's new size (after a viewport change). */
async function mapFollowedResize(): Promise<void> {
  const map = page.getByTestId("map");
  await expect
    .poll(() => map.evaluate((el) => el.getAttribute("data-size") === `${el.clientWidth}x${el.clientHeight}`))
    .toBe(true);
}

/** Paths the service worker holds in its runtime cache. */
const cachedPaths = () =>
  page.evaluate(async () =>
    (await (await caches.open("fura-driver-api")).keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search),
  );

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  setup = await prepareDriverRoute(server.baseUrl, DEMO_PASSWORD);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  recordConsoleErrors(page, consoleErrors, isExpected);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the driver's tablet in chromium", () => {
  it("lands the driver on today's route: vehicle, depot, figures, stops in order with ETAs, as the API answers them", async () => {
    await page.goto(`${server!.baseUrl}/connexion`);
    await page.getByLabel("Identifiant").fill("chauffeur.kati");
    await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(/\/ma-tournee$/);
    const nav = page.getByTestId("main-nav");
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Ma tournée", "Carte du réseau", "À propos"]);

    mine = await browserGet<RoutePlan>(`/route-plans/${setup.plan.id}`);
    expect(mine.routes.map((r) => r.driverUserId)).toEqual([setup.driverId]);
    expect(mine.routes[0]!.stops.map((s) => s.id)).toEqual(setup.plan.routes[0]!.stops.map((s) => s.id));
    const list = await browserGet<RoutePlanPage>("/route-plans?status=published");
    expect(list.items.map((p) => [p.id, p.date])).toEqual([[mine.id, setup.date]]);

    await page.getByTestId("driver-route").first().waitFor();
    expect(await routesOnPage()).toEqual(routesOf(mine));
    const route = mine.routes[0]!;
    const card = page.getByTestId("driver-route").first();
    expect(await card.locator("h2").textContent()).toBe(`Tournée A — ${route.name}`);
    expect(await card.locator('[data-fact="depot"]').textContent()).toBe(mine.depotName);
    expect(await card.locator('[data-fact="stops"]').textContent()).toBe(String(route.stops.length));
    expect(await card.locator('[data-fact="departure"]').textContent()).toBe(
      clock(route.stops[0]!.arrivalS - route.stops[0]!.drivingFromPrevS),
    );
    expect(await card.locator('[data-fact="distance"]').textContent()).toBe(
      `${new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(route.distanceM / 1000)} km`,
    );
    for (const stop of route.stops) {
      const item = card.locator(`li[data-stop-id="${stop.id}"]`);
      expect(await item.getByTestId("stop-hours").textContent()).toContain(
        `Ouvert ${stop.windowStart}–${stop.windowEnd}`,
      );
      expect(
        await item.locator("[data-flag]").evaluateAll((els) => els.map((e) => e.getAttribute("data-flag"))),
      ).toEqual([...(stop.coldChain ? ["cold_chain"] : []), ...(stop.insecure ? ["insecure"] : [])]);
    }
    const map = page.getByTestId("map");
    await expect.poll(() => map.getAttribute("data-marker-count")).toBe(String(route.stops.length + 1));
    await expect.poll(() => map.getAttribute("data-line-count")).toBe("1");
    expect(Number(await map.getAttribute("data-boundary-count"))).toBeGreaterThan(0);
    expect(await page.getByTestId("offline-banner").count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, "driver-route.png"), fullPage: true });
  });

  it("opens a stop's manifest with the keyboard: products, lots, expiries and quantities of the API", async () => {
    const stop = mine.routes[0]!.stops[0]!;
    const item = page.locator(`li[data-stop-id="${stop.id}"]`);
    const toggle = item.locator("button[aria-controls]");
    expect(await toggle.textContent()).toMatch(/^Voir le manifeste/);
    await toggle.focus();
    await page.keyboard.press("Enter");
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    expect(await toggle.textContent()).toMatch(/^Masquer le manifeste/);
    expect(stop.manifest.length).toBeGreaterThan(0);
    for (const order of stop.manifest) {
      const table = item.locator(`table[data-order-id="${order.orderId}"]`);
      const shown = await table
        .locator("tbody tr")
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.querySelector('[data-testid="lot-code"]')!.textContent,
            Number(tr.querySelector('[data-testid="lot-qty"]')!.textContent!.replace(/\D/g, "")),
          ]),
        );
      expect(shown).toEqual(order.lines.flatMap((l) => l.lots.map((lot) => [lot.lotCode, lot.qty])));
      for (const line of order.lines) expect(await table.textContent()).toContain(line.genericName);
    }
    await item.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "driver-manifest.png") });
    // With a manifest open, the screen has no serious or critical accessibility fault.
    expect(await axeViolations()).toEqual([]);
  });

  it("fits a 10-inch tablet in portrait: map above the stops, nothing wider than the screen, large touch targets", async () => {
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    const mapBox = (await page.getByTestId("map").boundingBox())!;
    const firstStop = (await page.locator("li[data-stop-id]").first().boundingBox())!;
    expect(mapBox.y).toBeLessThan(firstStop.y);
    const small = await page
      .locator(".driver-page button, .driver-page a.button")
      .evaluateAll((els) =>
        els
          .filter((e) => (e as HTMLElement).offsetParent && e.getBoundingClientRect().height < 44)
          .map((e) => e.textContent),
      );
    expect(small).toEqual([]);
    await mapFollowedResize();
    await page.screenshot({ path: join(SHOTS, "driver-tablet-portrait.png") });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("shows the next published route on a day without one", async () => {
    const yesterday = new Date(Date.parse(`${setup.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await page.getByRole("button", { name: "Jour précédent" }).click();
    await page.waitForURL(new RegExp(`jour=${yesterday}$`));
    await page.getByTestId("upcoming").waitFor();
    expect(await page.getByTestId("driver-route").count()).toBe(0);
    const next = page.getByTestId("upcoming").getByRole("button");
    expect(await next.evaluateAll((els) => els.map((e) => e.getAttribute("data-date")))).toEqual([setup.date]);
    await next.click();
    await page.getByTestId("driver-route").first().waitFor();
    expect(new URL(page.url()).search).toBe("");
  });

  it("still opens the route with the network gone: the reload is served by the service worker, with the offline banner", async () => {
    // The worker controls the page and holds the session and the driver's plans before the network goes.
    await page.evaluate(async () => void (await navigator.serviceWorker.ready));
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 })
      .toBe(true);
    await page.reload();
    await page.getByTestId("driver-route").first().waitFor();
    await expect
      .poll(async () => (await cachedPaths()).sort(), { timeout: 20_000 })
      .toEqual(
        expect.arrayContaining([
          "/api/v1/auth/me",
          `/api/v1/route-plans/${mine.id}`,
          "/api/v1/route-plans?status=published&limit=100",
        ]),
      );
    // Only the driver's reads are kept: no facility, boundary or other API answer.
    expect((await cachedPaths()).every((p) => p === "/api/v1/auth/me" || p.startsWith("/api/v1/route-plans"))).toBe(
      true,
    );

    const before = await routesOnPage();
    const fetchedBy = Date.now();
    offline = true;
    await browser!.context.setOffline(true);
    await page.reload();
    await page.getByTestId("driver-route").first().waitFor({ timeout: 20_000 });
    expect(await routesOnPage()).toEqual(before);
    const banner = page.getByTestId("offline-banner");
    await banner.waitFor();
    expect(await banner.locator("strong").textContent()).toMatch(
      /^Hors ligne — données du \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
    );
    const asOf = Date.parse((await banner.getAttribute("data-as-of"))!);
    expect(asOf).toBeLessThanOrEqual(fetchedBy + 1000);
    expect(asOf).toBeGreaterThan(fetchedBy - 10 * 60_000);
    const map = page.getByTestId("map");
    await expect.poll(() => map.getAttribute("data-marker-count")).toBe(String(mine.routes[0]!.stops.length + 1));
    expect(Number(await map.getAttribute("data-boundary-count"))).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, "driver-offline.png"), fullPage: true });
    await page.setViewportSize({ width: 800, height: 1280 });
    // Leaflet follows a resize on its next frame.
    await mapFollowedResize();
    await page.screenshot({ path: join(SHOTS, "driver-offline-portrait.png") });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("prints the manifests offline: one page per stop of the driver's route", async () => {
    await page.getByRole("link", { name: "Imprimer les manifestes de la tournée A" }).click();
    await page.waitForURL(new RegExp(`/ma-tournee/${mine.id}/manifestes\\?route=${mine.routes[0]!.vehicleId}`));
    const pages = page.getByTestId("manifest");
    await expect.poll(() => pages.count()).toBe(mine.routes[0]!.stops.length);
    expect(await pages.first().getByTestId("manifest-position").textContent()).toBe(
      `1 sur ${mine.routes[0]!.stops.length}`,
    );
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header.header").isVisible()).toBe(false);
    expect(await pages.first().evaluate((el) => getComputedStyle(el).breakAfter)).toBe("page");
    await page.emulateMedia({ media: "screen" });
    await page.getByRole("link", { name: /Retour à ma tournée/ }).click();
    await page.getByTestId("driver-route").first().waitFor();
  });

  it("refreshes when the network is back: the banner goes", async () => {
    await browser!.context.setOffline(false);
    offline = false;
    await expect.poll(() => page.getByTestId("offline-banner").count(), { timeout: 20_000 }).toBe(0);
    expect(await routesOnPage()).toEqual(routesOf(mine));
  });

  it("logged no console errors while online", () => {
    expect(consoleErrors).toEqual([]);
  });
});
