/**
 * Browser test of the web app against the real server: sign-in, the network map, a district depot's stock and
 * stock card, and the credits page. Screenshots go to test-results/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, ROOT, startServer, type RunningServer } from "./harness";

const SHOTS = join(ROOT, "test-results");
let server: RunningServer | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
const consoleErrors: string[] = [];
const expected401s: string[] = [];

/**
 * Chromium logs every 4xx answer as a console error. Two are part of the tested flow: the session check before
 * signing in (GET /auth/me → 401) and the deliberate wrong password (POST /auth/login → 401). Nothing else is allowed.
 */
function isExpected401(message: ConsoleMessage): boolean {
  const url = message.location().url;
  return /status of 401/.test(message.text()) && /\/api\/v1\/auth\/(me|login)$/.test(url);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  server = await startServer();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (isExpected401(message)) expected401s.push(message.location().url);
    else consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("web app in chromium", () => {
  it("redirects to the sign-in page, explains a wrong password in French, then signs in as admin", async () => {
    await page.goto(`${server!.baseUrl}/`);
    await page.waitForURL(/\/connexion$/);
    await page.getByLabel("Identifiant").fill("admin");
    await page.getByLabel("Mot de passe").fill("not-the-password");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect
      .poll(() => page.locator('[role="alert"][data-error-code="invalid_credentials"]').textContent())
      .toBe("Identifiant ou mot de passe incorrect.");
    await page.screenshot({ path: join(SHOTS, "login-error.png") });

    await page.getByLabel("Mot de passe").fill("fura-admin-2026");
    const facilitiesResponse = page.waitForResponse(
      (res) => new URL(res.url()).pathname === "/api/v1/facilities" && res.status() === 200,
    );
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${server!.baseUrl}/`);
    const body = (await (await facilitiesResponse).json()) as { total: number; items: unknown[] };
    expect(body.items.length).toBe(body.total);

    const map = page.getByTestId("map");
    await expect
      .poll(async () => Number(await map.getAttribute("data-marker-count")), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(400);
    const drawn = Number(await map.getAttribute("data-marker-count"));
    const direct = await page.evaluate(
      async () => ((await (await fetch("/api/v1/facilities?limit=5000")).json()) as { total: number }).total,
    );
    expect(drawn).toBe(body.total);
    expect(drawn).toBe(direct);

    await expect.poll(() => page.locator("path.fura-region").count()).toBe(9);
    expect(await map.getAttribute("data-boundary-count")).toBe("9");
    expect(await page.locator(".leaflet-control-attribution").textContent()).toContain("OpenStreetMap");
    await expect.poll(() => page.getByText("Carte du réseau", { exact: true }).first().isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, "home-map.png") });
  });

  it("filters the map by level and keeps the legend counts", async () => {
    const map = page.getByTestId("map");
    const cscoms = Number(await page.locator('[data-level-count="cscom"]').textContent());
    const before = Number(await map.getAttribute("data-marker-count"));
    await page.getByRole("checkbox", { name: /CSCom/ }).uncheck();
    await expect.poll(async () => Number(await map.getAttribute("data-marker-count"))).toBe(before - cscoms);
    await page.getByRole("checkbox", { name: /CSCom/ }).check();
    await expect.poll(async () => Number(await map.getAttribute("data-marker-count"))).toBe(before);
  });

  it("opens a district depot from the map popup and shows its stock table and a stock card", async () => {
    await page.getByRole("searchbox", { name: "Rechercher un établissement" }).fill("kati");
    const depot = page.locator('[data-testid="facility-list"] li[data-level="district"]').first();
    await expect.poll(() => depot.count()).toBe(1);
    await depot.getByRole("button").click();
    const popupLink = page.locator(".leaflet-popup a.popup-link");
    await popupLink.waitFor();
    await page.screenshot({ path: join(SHOTS, "home-popup.png") });
    await popupLink.click();
    await page.waitForURL(/\/facilities\//);

    await expect.poll(() => page.locator(".level-pill").textContent()).toBe("Dépôt de district");
    const rows = page.locator('[data-testid="stock-table"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, "facility.png") });

    await rows.first().locator("button.link-button").click();
    const card = page.getByTestId("stock-card");
    await expect.poll(() => card.locator("tbody tr").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(page.url()).toMatch(/[?&]product=\d+/);
    await card.screenshot({ path: join(SHOTS, "facility-stock-card.png") });
  });

  it("shows the ODbL, GeoNames and Natural Earth credits on the about page", async () => {
    await page.getByRole("link", { name: "Sources et licences des données" }).click();
    await page.waitForURL(/\/a-propos$/);
    const credits = page.getByTestId("credits");
    await credits.waitFor();
    const text = (await credits.textContent()) ?? "";
    expect(text).toContain("© OpenStreetMap contributors, available under the Open Database License (ODbL 1.0)");
    expect(text).toContain("healthsites.io");
    expect(text).toContain("Contains data from GeoNames (https://www.geonames.org), CC BY 4.0.");
    expect(text).toContain("Made with Natural Earth.");
    await page.screenshot({ path: join(SHOTS, "about.png") });
  });

  it("switches the interface to English and back to French", async () => {
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await expect.poll(() => page.locator("h1").first().textContent()).toBe("About and credits");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByRole("button", { name: "FR", exact: true }).click();
    await expect.poll(() => page.locator("h1").first().textContent()).toBe("À propos et crédits");
  });

  it("lays the map out above the list on a 10-inch tablet in portrait", async () => {
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.getByRole("link", { name: "Carte du réseau" }).click();
    const map = page.getByTestId("map");
    await expect.poll(async () => Number(await map.getAttribute("data-marker-count"))).toBeGreaterThanOrEqual(400);
    const box = (await map.boundingBox())!;
    expect(box.width).toBeGreaterThan(700);
    expect(box.height).toBeGreaterThan(400);
    await page.screenshot({ path: join(SHOTS, "home-tablet.png") });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("logged no console errors", () => {
    expect(consoleErrors).toEqual([]);
    expect(expected401s.length).toBeLessThanOrEqual(2);
  });
});
