/**
 * Browser test of route planning: with shipments picked at the Kati depot for five CSComs (made through
 * the API), the storekeeper opens "Tournées", sees the ready shipments the API lists, solves a plan with
 * a progress bar, finds on the page the routes, stops, ETAs and unassigned stops that GET /route-plans/:id
 * returns, moves a stop onto an empty vehicle and sees the re-check (capacity violation) agree with the API,
 * assigns chauffeur.kati to a route, publishes after the confirmation that names the route without a driver and the
 * broken constraint, prints the manifests (one page per stop: products, lots, quantities as in the API, the driver's
 * name), and the driver then finds the route on their tablet screen.
 * Screenshots: test-results/routes-*.png.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteCandidates, RoutePlan } from "../../shared/contracts/routePlans";
import { prepareDispatch, type DispatchSetup } from "./dispatcherSetup";
import { ApiSession } from "./api";
import {
  isSessionCheck401,
  launchBrowser,
  recordConsoleErrors,
  ROOT,
  signInPage,
  startServer,
  type RunningServer,
} from "./harness";

const SHOTS = join(ROOT, "test-results");
const DEMO_PASSWORD = "fura-demo-2026";
let server: RunningServer | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
let setup: DispatchSetup;
let plan: RoutePlan;
const consoleErrors: string[] = [];
const driverName = "Bakary Sangaré (chauffeur, DRC de Kati)";

/** GET through the browser's own session (the API as the signed-in user sees it). */
async function browserGet<T>(path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(`/api/v1${p}`)).json(), path) as Promise<T>;
}

/** "HH:MM" of seconds after midnight, as the page shows ETAs. */
const clock = (s: number) =>
  `${String(Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}`;

/** What the page shows of each route: vehicle id → [stop id, position, facility name, ETA] in order. */
async function routesOnPage() {
  return page.getByTestId("route").evaluateAll((cards) =>
    cards.map((card) => ({
      vehicleId: Number(card.getAttribute("data-vehicle-id")),
      stops: [...card.querySelectorAll("tbody tr[data-stop-id]")].map((row) => [
        Number(row.getAttribute("data-stop-id")),
        Number(row.querySelector('[data-testid="stop-position"]')!.textContent),
        row.querySelector('[data-testid="stop-name"]')!.textContent,
        row.querySelector('[data-testid="stop-eta"]')!.firstChild!.textContent,
      ]),
    })),
  );
}

/**
 * The buttons matching `selector` that are not wholly visible: cut by the table's scrolling region (the
 * region scrolled to its start, as a page opens) or by the window. Bounding boxes, not screenshots.
 */
async function clippedButtons(selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) =>
    els
      .filter((el) => {
        const box = el.getBoundingClientRect();
        const region = (el.closest(".table-scroll") ?? document.documentElement).getBoundingClientRect();
        return (
          box.width === 0 ||
          box.left < region.left - 0.5 ||
          box.right > region.right + 0.5 ||
          box.right > document.documentElement.clientWidth + 0.5
        );
      })
      .map((el) => el.getAttribute("aria-label") ?? el.textContent ?? ""),
  );
}

/** The same, from the API's plan. */
const routesOf = (p: RoutePlan) =>
  p.routes.map((r) => ({
    vehicleId: r.vehicleId,
    stops: r.stops.map((s) => [s.id, s.position, s.facilityName, clock(s.etaS)]),
  }));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  setup = await prepareDispatch(server.baseUrl, DEMO_PASSWORD);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  // Publishing a plan with a route without a driver is answered 409 (publish_needs_confirmation) before the page asks.
  recordConsoleErrors(
    page,
    consoleErrors,
    (m) =>
      isSessionCheck401(m) || (/status of 409/.test(m.text()) && /\/api\/v1\/route-plans\/\d+$/.test(m.location().url)),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("route planning in chromium", () => {
  it("lets the storekeeper plan the ready shipments: the page shows the stops, routes, ETAs and totals the API returns", async () => {
    await page.goto(`${server!.baseUrl}/connexion`);
    await page.getByLabel("Identifiant").fill("magasin.kati");
    await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
    await page.getByTestId("main-nav").getByRole("link", { name: "Tournées" }).click();
    await page.waitForURL(/\/tournees$/);
    const date = await page.getByLabel("Jour de livraison").inputValue();
    const candidates = await browserGet<RouteCandidates>(
      `/route-plans/candidates?depotId=${setup.depotId}&date=${date}`,
    );
    expect(candidates.stops.map((s) => s.facilityId).sort()).toEqual(setup.cscoms.map((c) => c.id).sort());
    expect(candidates.stops.flatMap((s) => s.orders.map((o) => o.orderId)).sort((a, b) => a - b)).toEqual(
      [...setup.orderIds].sort((a, b) => a - b),
    );
    await expect.poll(() => page.locator("h1").textContent()).toBe(`Tournées — ${candidates.depot.name}`);
    const rows = page.getByTestId("candidates").locator("tbody tr");
    await expect
      .poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-facility-id"))))
      .toEqual(candidates.stops.map((s) => s.facilityId));
    await expect
      .poll(() => page.getByTestId("map").getAttribute("data-marker-count"))
      .toBe(String(candidates.stops.length + 1));

    // The second vehicle gets no capacity: the solver leaves it empty, and the stop moved onto it later breaks it.
    await page.getByLabel("Nom").nth(1).fill("Moto de liaison");
    await page.getByLabel("Capacité (kg)").nth(1).fill("0");
    await page.getByLabel("Durée de recherche").selectOption("2000");
    await page.screenshot({ path: join(SHOTS, "routes-candidates.png"), fullPage: true });
    const solve = page.getByRole("button", { name: "Calculer" });
    await solve.click();
    await page.getByTestId("solve-progress").waitFor();
    expect(await solve.isDisabled()).toBe(true);
    await page.waitForURL(/\/tournees\/\d+$/, { timeout: 30_000 });

    const id = Number(new URL(page.url()).pathname.split("/").at(-1));
    plan = await browserGet<RoutePlan>(`/route-plans/${id}`);
    expect(plan.routes.map((r) => r.name)).toEqual(["Camion", "Moto de liaison"]);
    expect(plan.routes[1]!.stops).toEqual([]);
    expect(plan.totals.stops + plan.totals.unassigned).toBe(candidates.stops.length);
    await page.getByTestId("route").first().waitFor();
    expect(await routesOnPage()).toEqual(routesOf(plan));
    const totals = page.getByTestId("plan-totals");
    expect(await totals.locator('[data-total="stops"]').textContent()).toBe(String(plan.totals.stops));
    expect(await totals.locator('[data-total="unassigned"]').textContent()).toBe(String(plan.totals.unassigned));
    expect(await totals.locator('[data-total="violations"]').textContent()).toBe("0");
    const map = page.getByTestId("map");
    await expect.poll(() => map.getAttribute("data-line-count")).toBe("1");
    expect(await map.getAttribute("data-marker-count")).toBe(String(plan.totals.stops + plan.totals.unassigned + 1));
    expect(await map.locator(".fura-badge").count()).toBe(plan.totals.stops + plan.totals.unassigned + 1);
    const unassigned = await page
      .getByTestId("unassigned")
      .locator("tbody tr[data-unassigned-id]")
      .count()
      .catch(() => 0);
    expect(unassigned).toBe(plan.unassigned.length);
    // Every "Déplacer" button is wholly in view on a laptop (1280 px) and a tablet in landscape (1024 px).
    expect(await page.locator("button.move-button").count()).toBe(plan.totals.stops + plan.unassigned.length);
    expect(await clippedButtons("button.move-button")).toEqual([]);
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await clippedButtons("button.move-button")).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: join(SHOTS, "routes-plan.png"), fullPage: true });
  });

  it("moves a stop onto the other vehicle with the keyboard form: page and API agree on the new order and the capacity violation", async () => {
    const from = plan.routes[0]!;
    const moved = from.stops[1] ?? from.stops[0]!;
    const target = plan.routes[1]!;
    await page.getByRole("button", { name: `Déplacer ${moved.facilityName}` }).click();
    const form = page.getByRole("form", { name: `Déplacer ${moved.facilityName}` });
    await form.getByLabel("Vers la tournée").selectOption(String(target.vehicleId));
    await form.getByLabel("Position").selectOption("1");
    await form.getByRole("button", { name: "Appliquer" }).click();
    await expect
      .poll(() => page.getByTestId("notice").textContent())
      .toMatch(/^Arrêt déplacé ; plan revérifié : \d+ contraintes? non respectées?/);

    const after = await browserGet<RoutePlan>(`/route-plans/${plan.id}`);
    expect(after.routes[1]!.stops.map((s) => s.id)).toEqual([moved.id]);
    expect(after.routes[0]!.stops.map((s) => s.id)).toEqual(
      from.stops.filter((s) => s.id !== moved.id).map((s) => s.id),
    );
    expect(after.violations).toContainEqual({
      type: "capacity",
      vehicleId: target.vehicleId,
      stopId: null,
      dimension: "kg",
      excess: expect.closeTo(moved.loadKg, 3),
    });
    expect(await routesOnPage()).toEqual(routesOf(after));
    const card = page.locator(`[data-testid="route"][data-vehicle-id="${target.vehicleId}"]`);
    expect(await card.getAttribute("class")).toContain("has-violations");
    const shown = await page
      .locator("[data-violation]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-violation")).sort());
    expect(shown).toEqual(after.violations.map((v) => v.type).sort());
    expect(await card.getByTestId("route-violations").textContent()).toMatch(/Capacité dépassée de [\d,]+ kg/);
    expect(await page.getByTestId("plan-totals").locator('[data-total="violations"]').textContent()).toBe(
      String(after.totals.violations),
    );
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "routes-moved.png"), fullPage: true });
    // A 10-inch tablet in portrait: the map goes above the routes, nothing overflows the page.
    await page.setViewportSize({ width: 800, height: 1280 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await page.screenshot({ path: join(SHOTS, "routes-tablet.png") });
    await page.setViewportSize({ width: 1280, height: 800 });

    plan = after;
  });

  it("assigns chauffeur.kati to route A on screen, and asks before publishing a route without a driver and a broken constraint", async () => {
    const driver = await ApiSession.login(server!.baseUrl, "chauffeur.kati", DEMO_PASSWORD);
    const pick = page.getByLabel("Chauffeur de la tournée A");
    expect(await pick.locator("option").allTextContents()).toEqual(["Aucun chauffeur", driverName]);
    await pick.selectOption(String(driver.me.id));
    await expect
      .poll(async () => (await browserGet<RoutePlan>(`/route-plans/${plan.id}`)).routes[0]!.driverUserId)
      .toBe(driver.me.id);
    await expect
      .poll(() => page.getByTestId("route-driver").first().getAttribute("data-driver-id"))
      .toBe(String(driver.me.id));

    await page.getByRole("button", { name: "Publier le plan" }).click();
    const ask = page.getByTestId("publish-confirm");
    await ask.waitFor();
    expect(await ask.locator("li").allTextContents()).toEqual([
      "1 tournée n'a pas de chauffeur : B (Moto de liaison).",
      expect.stringMatching(/^\d+ contraintes? n'(est|sont) pas respectées?\.$/),
    ]);
    expect((await browserGet<RoutePlan>(`/route-plans/${plan.id}`)).status).toBe("draft");
    await page.screenshot({ path: join(SHOTS, "routes-publish-confirm.png") });
    await ask.getByRole("button", { name: "Publier quand même" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toBe("Plan publié.");
    expect((await browserGet<RoutePlan>(`/route-plans/${plan.id}`)).status).toBe("published");
    plan = await browserGet<RoutePlan>(`/route-plans/${plan.id}`);
    // Each stop's delivery state is shown, pending until the driver records it.
    expect(
      await page.getByTestId("stop-delivery").evaluateAll((tds) => tds.map((td) => td.getAttribute("data-state"))),
    ).toEqual(plan.routes.flatMap((r) => r.stops.map(() => "pending")));
  });

  it("prints the manifests: one page per stop with the products, lots and quantities of the API, and signature lines", async () => {
    await page.getByRole("link", { name: "Manifestes (impression)" }).click();
    await page.waitForURL(new RegExp(`/tournees/${plan.id}/manifestes$`));
    const pages = page.getByTestId("manifest");
    const stops = plan.routes.flatMap((r) => r.stops);
    await expect.poll(() => pages.count()).toBe(stops.length);
    for (const stop of stops) {
      const sheet = page.locator(`[data-testid="manifest"][data-stop-id="${stop.id}"]`);
      const route = plan.routes.find((r) => r.stops.includes(stop))!;
      expect(await sheet.locator("h2").textContent()).toBe(`Bon de livraison — ${stop.facilityName}`);
      expect(await sheet.getByTestId("manifest-position").textContent()).toBe(
        `${stop.position} sur ${route.stops.length}`,
      );
      expect(stop.manifest.length).toBeGreaterThan(0);
      for (const order of stop.manifest) {
        const table = sheet.locator(`table[data-order-id="${order.orderId}"]`);
        const printed = await table
          .locator("tbody tr")
          .evaluateAll((trs) =>
            trs.map((tr) => [
              tr.querySelector('[data-testid="lot-code"]')!.textContent,
              Number(tr.querySelector('[data-testid="lot-qty"]')!.textContent!.replace(/\D/g, "")),
            ]),
          );
        expect(printed).toEqual(order.lines.flatMap((l) => l.lots.map((lot) => [lot.lotCode, lot.qty])));
        for (const line of order.lines) expect(await table.textContent()).toContain(line.genericName);
      }
      expect(await sheet.getByTestId("manifest-driver").textContent()).toBe(route.driverName ?? "Aucun chauffeur");
      expect(await sheet.locator(".signature-box").allTextContents()).toEqual([
        expect.stringContaining("Chauffeur"),
        expect.stringContaining("Réceptionnaire"),
      ]);
    }
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByRole("button", { name: "Imprimer les manifestes" }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header.header").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Imprimer les manifestes" }).isVisible()).toBe(false);
    expect(await pages.first().evaluate((el) => getComputedStyle(el).breakAfter)).toBe("page");
    await page.screenshot({ path: join(SHOTS, "routes-manifests.png"), fullPage: true });
    // Printed for real (Chromium's PDF): one A4 page per stop.
    const pdf = await page.pdf({ path: join(SHOTS, "routes-manifests.pdf"), format: "A4", preferCSSPageSize: true });
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g)?.length).toBe(stops.length);
    await page.emulateMedia({ media: "screen" });
  });

  it("shows the published route to the driver it was assigned to", async () => {
    await page.context().clearCookies();
    await signInPage(page, server!.baseUrl, "chauffeur.kati", DEMO_PASSWORD);
    await page.waitForURL(/\/ma-tournee/);
    if (!page.url().includes(`jour=${plan.date}`)) await page.goto(`${server!.baseUrl}/ma-tournee?jour=${plan.date}`);
    const card = page.locator(`[data-testid="driver-route"][data-plan-id="${plan.id}"]`);
    await card.waitFor();
    expect(
      await card
        .locator("li[data-stop-id]")
        .evaluateAll((lis) => lis.map((li) => Number(li.getAttribute("data-stop-id")))),
    ).toEqual(plan.routes[0]!.stops.map((s) => s.id));
    expect(await page.getByTestId("driver-route").count()).toBe(1);
  });

  it("logged no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
