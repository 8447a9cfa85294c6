/**
 * Browser test of the national stock picture: the procurement officer chooses an ACT, sees every facility that
 * holds it coloured by status (as many markers as the API returns), narrows to a region, and opens a
 * stocked-out facility's page from its popup; then the indicators panel beside the map shows the API's figures,
 * the trend and seasonality charts of the product render (canvas + written summary), and a facility's page
 * charts 24 months of the product. Screenshots: test-results/national.png, national-indicators.png, facility-history.png.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsumptionSeries, FacilityHistory, Indicators } from "../../shared/contracts/indicators";
import type { StockStatus } from "../../shared/contracts/stock";
import { launchBrowser, recordConsoleErrors, signInPage, ROOT, startServer, type RunningServer } from "./harness";

const SHOTS = join(ROOT, "test-results");
let server: RunningServer | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
const consoleErrors: string[] = [];

/** A share as the panel writes it in French: "98,0 %". */
const percentFr = (v: number | null) =>
  v === null
    ? "Pas encore de données"
    : `${new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v * 100)}\u202f%`;
/** A whole number as the page writes it in French ("12 345"). */
const numberFr = (v: number) => new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 }).format(v);
let productValue = "";

/** GET through the browser's own session (the API as the signed-in user sees it). */
async function browserGet<T>(path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(`/api/v1${p}`)).json(), path) as Promise<T>;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  recordConsoleErrors(page, consoleErrors);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("national stock picture in chromium", () => {
  it("colours every facility holding an ACT by stock status, drills down to a region and opens a stocked-out facility", async () => {
    await signInPage(page, server!.baseUrl, "ppm.achats", "fura-demo-2026");
    await page.getByTestId("main-nav").getByRole("link", { name: "Situation des stocks" }).click();
    await page.waitForURL(/\/situation$/);

    await page.getByRole("searchbox", { name: "Rechercher un produit" }).fill("luméfantrine");
    const select = page.getByTestId("product-select");
    const options = select.locator("option");
    await expect.poll(() => options.count(), { timeout: 10_000 }).toBeGreaterThan(1);
    const labels = await options.allTextContents();
    expect(labels.slice(1).every((l) => /Luméfantrine/.test(l))).toBe(true);
    const value = (await options.nth(1).getAttribute("value"))!;
    productValue = value;
    await select.selectOption(value);

    const map = page.getByTestId("map");
    const national = await browserGet<StockStatus>(`/stock/status?productId=${value}`);
    expect(national.items.length).toBeGreaterThan(50);
    await expect
      .poll(async () => Number(await map.getAttribute("data-marker-count")), { timeout: 15_000 })
      .toBe(national.items.length);
    for (const s of ["stockout", "under", "adequate", "over", "unknown"] as const) {
      expect(Number(await page.locator(`[data-status-count="${s}"]`).textContent()), s).toBe(
        national.indicators.byStatus[s],
      );
    }
    // More than one colour on the map: the picture is not uniform.
    expect(Object.values(national.indicators.byStatus).filter((n) => n > 0).length).toBeGreaterThan(1);

    // Drill down to the region with the most stock-outs (else the first region holding the product).
    const perRegion = new Map<string, number>();
    for (const i of national.items)
      if (i.status === "stockout") perRegion.set(i.regionId, (perRegion.get(i.regionId) ?? 0) + 1);
    const regionId = [...perRegion.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? national.items[0]!.regionId;
    await page.getByLabel("Région", { exact: true }).selectOption(regionId);
    const regional = national.items.filter((i) => i.regionId === regionId);
    await expect.poll(async () => Number(await map.getAttribute("data-marker-count"))).toBe(regional.length);
    expect(page.url()).toContain(`region=${regionId}`);
    await page.screenshot({ path: join(SHOTS, "national.png") });

    // The list beside the map puts stock-outs (here preferably a CSCom) first; its button opens the marker's popup.
    const list = page.getByTestId("watch-list");
    const cscomOut = list.locator('li[data-status="stockout"][data-level="cscom"]');
    const target = (await cscomOut.count()) > 0 ? cscomOut.first() : list.locator("li").first();
    const expectedStatus = await target.getAttribute("data-status");
    await target.getByRole("button").click();
    const popup = page.locator(".leaflet-popup .popup");
    await popup.waitFor();
    expect(await popup.getAttribute("data-status")).toBe(expectedStatus);
    expect(await popup.textContent()).toMatch(/Stock : .*CMM : .*Mois de stock : /);
    await page.screenshot({ path: join(SHOTS, "national-popup.png") });
    await popup.locator("a.popup-link").click();
    await page.waitForURL(/\/facilities\//);
    await expect.poll(() => page.locator("h1").first().textContent()).toBeTruthy();
  });

  it("shows the officer the indicators of the country with the API's figures, and charts of the product's trend and seasonality", async () => {
    await page.goto(`${server!.baseUrl}/situation?product=${productValue}`);
    const panel = page.getByTestId("indicators-panel");
    await panel.getByTestId("indicator-availability-value").waitFor();
    const api = await browserGet<Indicators>("/indicators");
    expect(api.availability.denominator).toBeGreaterThan(0);
    expect(api.reporting.completeness.denominator).toBeGreaterThan(0);
    const text = async (testId: string) => (await panel.getByTestId(testId).textContent())!;
    expect(await text("indicator-availability-value")).toBe(percentFr(api.availability.value));
    expect(await text("indicator-availability-help")).toContain(
      `${numberFr(api.availability.numerator)} / ${numberFr(api.availability.denominator)}`,
    );
    expect(await text("indicator-stockouts-value")).toBe(numberFr(api.stockouts.numerator));
    expect(await text("indicator-stockouts-help")).toContain(numberFr(api.stockouts.denominator));
    expect(await text("indicator-expiry-value")).toBe(`${numberFr(api.expiryRisk.numerator)}\u202fFCFA`);
    expect(await text("indicator-completeness-value")).toBe(percentFr(api.reporting.completeness.value));
    expect(await text("indicator-completeness-help")).toContain(
      `${numberFr(api.reporting.completeness.numerator)} rapports soumis / ${numberFr(api.reporting.completeness.denominator)} attendus`,
    );
    expect(await text("indicator-timeliness-value")).toBe(percentFr(api.reporting.timeliness.value));
    expect(await text("indicator-fill-rate-value")).toBe(percentFr(api.fillRate.value));
    for (const level of api.monthsOfStock) {
      const median =
        level.median === null
          ? "—"
          : new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(level.median);
      expect(await text(`mos-median-${level.level}`), level.level).toBe(median);
    }
    // The definition is one keyboard press away.
    await panel.getByTestId("indicator-availability").locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => panel.getByTestId("indicator-availability").locator("details").getAttribute("open"))
      .not.toBeNull();

    const series = await browserGet<ConsumptionSeries>(`/indicators/consumption?productId=${productValue}`);
    const trend = page.getByTestId("trend-chart");
    await trend.locator("canvas").first().waitFor({ timeout: 15_000 });
    const summary = (await page.getByTestId("trend-chart-summary").textContent())!;
    const last = series.points[series.points.length - 1]!;
    expect(summary).toContain(`${numberFr(series.facilities)} établissements`);
    expect(summary).toContain(`stock en fin de mois : ${numberFr(last.closing)}`);
    expect(await trend.locator(".visually-hidden table tbody tr").count()).toBe(24);
    if (series.seasonality.years > 0) {
      await page.getByTestId("season-chart").locator("canvas").first().waitFor();
      expect(await page.getByTestId("season-chart-summary").textContent()).toMatch(/mois le plus fort/);
    }
    await page.keyboard.press("Enter");
    await trend.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "national-indicators.png") });

    // A CSCom's page charts 24 months of the product from its ledger.
    const picture = await browserGet<StockStatus>(`/stock/status?productId=${productValue}`);
    const cscom = picture.items.find((i) => i.level === "cscom" && i.stockOnHand > 0)!;
    const history = await browserGet<FacilityHistory>(
      `/facilities/${cscom.facilityId}/history?productId=${productValue}`,
    );
    await page.goto(`${server!.baseUrl}/facilities/${cscom.facilityId}?product=${productValue}`);
    const chart = page.getByTestId("history-chart");
    await chart.locator("canvas").first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("history-chart-summary").textContent()).toContain(
      `stock en fin de période : ${numberFr(history.points[history.points.length - 1]!.closing)}`,
    );
    // …and lists its orders as GET /orders answers them, each opening its page.
    const placed = await browserGet<{ items: { id: number }[]; total: number }>(
      `/orders?facilityId=${cscom.facilityId}&limit=15&offset=0`,
    );
    const section = page.getByTestId("facility-orders");
    await section.waitFor();
    if (placed.total === 0) await section.getByText("Aucune commande passée par cet établissement.").waitFor();
    else {
      await expect.poll(() => section.locator("tbody tr").count()).toBe(placed.items.length);
      expect(
        await section
          .locator("tbody tr")
          .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-order-id")))),
      ).toEqual(placed.items.map((o) => o.id));
      expect(await section.locator("tbody tr").first().getByRole("link").getAttribute("href")).toBe(
        `/commandes/${placed.items[0]!.id}`,
      );
    }
    await page.screenshot({ path: join(SHOTS, "facility-history.png"), fullPage: true });
  });

  it("lays the picture out without clipping or blank space: AL bands told apart, cards and chart axes wide enough", async () => {
    for (const [width, height] of [
      [1280, 800],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${server!.baseUrl}/situation?product=${productValue}`);
      await page.getByTestId("trend-chart").locator("canvas").first().waitFor({ timeout: 15_000 });
      await page.getByTestId("indicator-expiry-value").waitFor();
      // Nothing below the footer: the charts' hidden data tables once pushed the page thousands of pixels down.
      const below = await page.evaluate(
        () =>
          document.documentElement.scrollHeight -
          (document.querySelector("footer")!.getBoundingClientRect().bottom + scrollY),
      );
      expect(below, `${width}px`).toBeLessThanOrEqual(1);
      // Every indicator card holds its text (no child sticks out of it).
      const overflowing = await page.locator(".indicator-card").evaluateAll((cards) =>
        cards
          .filter((card) => {
            const box = card.getBoundingClientRect();
            return (
              card.scrollWidth > card.clientWidth + 1 ||
              [...card.querySelectorAll("*")].some((el) => el.getBoundingClientRect().right > box.right + 0.5)
            );
          })
          .map((card) => card.getAttribute("data-testid")),
      );
      expect(overflowing, `${width}px`).toEqual([]);
      // The y axis is as wide as its labels in the axis font (a fixed width cut "100 000" to "00 000").
      const axis = await page.getByTestId("trend-chart").evaluate((fig) => {
        const values = [...fig.querySelectorAll(".visually-hidden tbody tr")].map((tr) =>
          Number(tr.children[1]!.textContent!.replace(/\D/g, "")),
        );
        const magnitude = 10 ** (String(Math.floor(Math.max(...values))).length - 1);
        const label = new Intl.NumberFormat("fr-FR").format(magnitude);
        const ctx = document.createElement("canvas").getContext("2d")!;
        ctx.font =
          '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';
        return {
          label,
          needed: ctx.measureText(label).width,
          size: Number(fig.querySelector(".uplot")!.getAttribute("data-axis1-size")),
        };
      });
      expect(axis.size, `${axis.label} at ${width}px`).toBeGreaterThanOrEqual(axis.needed + 10);
    }

    // The four AL weight bands differ in the closed list: the band comes first and fits in the select.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("searchbox", { name: "Rechercher un produit" }).fill("lumefantrine");
    const select = page.getByTestId("product-select");
    const al = await select
      .locator("option")
      .evaluateAll((opts) =>
        opts.filter((o) => /Luméfantrine/.test(o.textContent!)).map((o) => (o as HTMLOptionElement).value),
      );
    expect(al.length).toBe(4);
    const shown: string[] = [];
    for (const value of al) {
      await select.selectOption(value);
      const fit = await select.evaluate((el: HTMLSelectElement) => {
        const style = getComputedStyle(el);
        const ctx = document.createElement("canvas").getContext("2d")!;
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const band = el.selectedOptions[0]!.textContent!.split(" · ")[0]!;
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
        return { band, width: ctx.measureText(`${band} · `).width, room };
      });
      expect(fit.width, fit.band).toBeLessThanOrEqual(fit.room);
      expect(await page.getByTestId("product-detail").textContent()).toContain(`Tranche de poids : ${fit.band}`);
      shown.push(fit.band);
    }
    expect(new Set(shown).size).toBe(4);
  });

  it("logged no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
