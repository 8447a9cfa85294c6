/**
 * Browser test of national quantification (36 months of seeded history): the procurement officer opens
 * quantification, forecasts an ACT (artemether-lumefantrine) and sees the seasonal forecast chart with the methods
 * compared; on the supply plan adds a pipeline shipment, edits it and sees the plan's arrivals follow; downloads the
 * .xlsx and reads it back with exceljs; receives the shipment at PPM central and finds the lot in PPM central's stock
 * and in the plan's opening stock; saves a scenario with morbidity assumptions for the ACT (typed in percent, a share
 * over 100 % refused on its field) and finds the morbidity method compared on the forecast; imports a history file
 * (a bad row shown by row and column, nothing imported; a good file imported all or nothing). Screenshots:
 * test-results/quantification-forecast.png, quantification-plan.png, quantification-pipeline-edit.png,
 * quantification-scenario.png.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProductForecast, ProductSupplyPlan } from "../../shared/contracts/forecasts";
import { launchBrowser, recordConsoleErrors, signInPage, ROOT, startServer, type RunningServer } from "./harness";

const SHOTS = join(ROOT, "test-results");
const ACT = "MAL-AL-20120-12";
const LOT = "E2E-GF-2701";
let server: RunningServer | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
const consoleErrors: string[] = [];
let productId = 0;
let shipmentMonth = "";

/** GET through the browser's own session. */
async function browserGet<T>(path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(`/api/v1${p}`)).json(), path) as Promise<T>;
}
/** A whole number as the page writes it in French ("12 345"). */
const numberFr = (v: number) => new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 }).format(v);
/** The plan table's cell of a month. */
const planCell = (period: string, col: "arrivals" | "closing") =>
  page.getByTestId("plan-table").locator(`tr[data-period="${period}"] td[data-col="${col}"]`);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server] = await Promise.all([launchBrowser(), startServer(120_000, { env: { FURA_SEED_MONTHS: "36" } })]);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  recordConsoleErrors(page, consoleErrors);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("national quantification in chromium", () => {
  it("forecasts an ACT with its seasonal chart, the methods compared and auto's reason", async () => {
    await signInPage(page, server!.baseUrl, "ppm.achats", "fura-demo-2026");
    await page.getByTestId("main-nav").getByRole("link", { name: "Quantification" }).click();
    await page.waitForURL(/\/quantification$/);

    await page.getByRole("searchbox", { name: "Rechercher un produit" }).fill(ACT);
    const select = page.getByRole("combobox", { name: "Produit" });
    const option = select.locator("option", { hasText: ACT });
    await expect.poll(() => option.count(), { timeout: 10_000 }).toBe(1);
    productId = Number(await option.getAttribute("value"));
    await select.selectOption(String(productId));
    await page.waitForURL(/produit=/);

    const chart = page.getByTestId("forecast-chart");
    await chart.locator("canvas").first().waitFor({ timeout: 60_000 });
    const api = await browserGet<ProductForecast>(
      `/quantification/forecast?productId=${productId}&level=national&horizon=24`,
    );
    expect(api.history.periods).toHaveLength(36);
    // The forecast peaks in the rainy season (July–November), as the history does.
    const peak = api.forecast.periods[api.forecast.values.indexOf(Math.max(...api.forecast.values))]!;
    expect(Number(peak.slice(5))).toBeGreaterThanOrEqual(7);
    expect(Number(peak.slice(5))).toBeLessThanOrEqual(11);
    expect(["holt-winters", "seasonal-index"]).toContain(api.forecast.method);
    const summary = await page.getByTestId("forecast-chart-summary").textContent();
    expect(summary).toMatch(/pic en (Juillet|Août|Septembre|Octobre|Novembre) \d{4}/);
    await expect.poll(() => page.getByTestId("methods-table").locator("tbody tr").count()).toBeGreaterThan(2);
    await expect.poll(() => page.getByTestId("forecast-why").textContent()).toMatch(/back-test|Méthode choisie/);
    await page.screenshot({ path: join(SHOTS, "quantification-forecast.png"), fullPage: true });
  });

  it("adds a shipment to the pipeline, edits it, and sees the supply plan follow", async () => {
    await page
      .getByRole("navigation", { name: "Vues de la quantification" })
      .getByRole("link", { name: "Plan d'approvisionnement" })
      .click();
    await page.waitForURL(/\/quantification\/plan\?produit=/);
    await page.getByTestId("plan-table").waitFor({ timeout: 60_000 });
    const before = await browserGet<ProductSupplyPlan>(`/quantification/supply-plan?productId=${productId}&horizon=24`);
    shipmentMonth = before.months[3]!.period;
    await expect
      .poll(() => planCell(shipmentMonth, "arrivals").textContent())
      .toBe(numberFr(before.months[3]!.arrivals));

    const form = page.getByTestId("shipment-form");
    await form.getByLabel("Fournisseur").fill("Fonds mondial");
    await form.getByLabel("Financement").selectOption("malaria");
    await form.getByLabel("Quantité (unités)").fill("6000");
    // Dates are typed day/month/year, as Fura shows them.
    await form.getByLabel("Date attendue").fill(`15/${shipmentMonth.slice(5)}/${shipmentMonth.slice(0, 4)}`);
    await form.getByRole("button", { name: "Ajouter une livraison" }).click();
    await expect
      .poll(() => planCell(shipmentMonth, "arrivals").textContent(), { timeout: 30_000 })
      .toBe(numberFr(before.months[3]!.arrivals + 6000));

    const row = page.getByTestId("pipeline-table").locator("tr[data-shipment-id]").first();
    await row.getByRole("button", { name: "Modifier" }).click();
    const editing = page.getByTestId("pipeline-table").locator("tr.is-selected");
    await editing.getByLabel("Quantité", { exact: true }).fill("9000");
    await editing.getByLabel("Statut").selectOption("shipped");
    await page.getByTestId("pipeline-table").screenshot({ path: join(SHOTS, "quantification-pipeline-edit.png") });
    await editing.getByRole("button", { name: "Enregistrer" }).click();
    await expect
      .poll(() => planCell(shipmentMonth, "arrivals").textContent(), { timeout: 30_000 })
      .toBe(numberFr(before.months[3]!.arrivals + 9000));
    expect(await page.getByTestId("pipeline-table").textContent()).toContain("Expédiée");
    await page.screenshot({ path: join(SHOTS, "quantification-plan.png"), fullPage: true });
  });

  it("downloads the plan as an .xlsx whose sheets hold the plan's numbers", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
    expect(download.suggestedFilename()).toMatch(/^plan-MAL-AL-20120-12-\d{4}-\d{2}\.xlsx$/);
    const file = join(SHOTS, "quantification-plan.xlsx");
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["forecast", "methods", "plan", "suggestions", "pipeline"]);
    const pipeline = book.getWorksheet("pipeline")!;
    expect(pipeline.getRow(2).getCell("E").value).toBe(9000);
    expect(pipeline.getRow(2).getCell("F").value).toBeInstanceOf(Date);
    const plan = book.getWorksheet("plan")!;
    const months: { period: Date; arrivals: number }[] = [];
    plan.eachRow((r, i) => {
      if (i > 1) months.push({ period: r.getCell(1).value as Date, arrivals: r.getCell(3).value as number });
    });
    const month = months.find((m) => m.period.toISOString().startsWith(shipmentMonth))!;
    const api = await browserGet<ProductSupplyPlan>(`/quantification/supply-plan?productId=${productId}&horizon=24`);
    expect(month.arrivals).toBe(api.months.find((m) => m.period === shipmentMonth)!.arrivals);
  });

  it("receives the shipment at PPM central: the lot is in PPM central's stock and the plan starts from it", async () => {
    const opening = (
      await browserGet<ProductSupplyPlan>(`/quantification/supply-plan?productId=${productId}&horizon=24`)
    ).months[0]!.opening;
    await page.getByTestId("pipeline-table").getByRole("button", { name: "Réceptionner" }).first().click();
    const form = page.getByTestId("receive-form");
    await form.getByLabel("Lot", { exact: true }).fill(LOT);
    await form.getByLabel("Péremption").fill("30/06/2029");
    await form.getByLabel("Quantité (unités)").fill("9000");
    await form.getByRole("button", { name: "Enregistrer la réception" }).click();
    await expect
      .poll(() => page.getByTestId("receive-done").textContent())
      .toContain(`${numberFr(9000)} unités en stock à la PPM centrale`);
    await expect
      .poll(() => page.getByTestId("plan-table").locator("tbody tr").first().locator("td").first().textContent(), {
        timeout: 30_000,
      })
      .toBe(numberFr(opening + 9000));
    // The shipment has left the open pipeline with the refresh, and the notice of what was booked is still there.
    expect(await page.getByTestId("receive-done").textContent({ timeout: 1_000 })).toContain(numberFr(9000));

    await page.goto(`${server!.baseUrl}/facilities/ppm-central`);
    const stock = page.getByTestId("stock-table");
    await stock.waitFor({ timeout: 30_000 });
    await expect.poll(() => stock.textContent(), { timeout: 30_000 }).toContain(LOT);
    expect(await stock.locator("tr", { hasText: LOT }).textContent()).toContain(numberFr(9000));
    expect(consoleErrors).toEqual([]);
  }, 120_000); // Under load the plan is recomputed for every refreshed view after the receipt: room beyond 60 s.

  it("saves a scenario with morbidity assumptions for the ACT, and the forecast compares the morbidity method", async () => {
    await page.goto(`${server!.baseUrl}/quantification/scenarios?produit=${productId}`);
    await page.getByRole("button", { name: "Nouveau scénario" }).click();
    const form = page.getByTestId("scenario-form");
    await form.getByLabel("Nom", { exact: true }).fill("CTA par morbidité");
    await form.getByRole("button", { name: "Ajouter un produit" }).click();
    await form.getByLabel("Produit", { exact: true }).selectOption(ACT);
    await form.getByLabel("Méthode morbidité / démographie : saisir les hypothèses").check();
    await form.getByLabel("Population cible").fill("3 000 000");
    await form.getByLabel("Épisodes par personne et par an").fill("0,8");
    await form.getByLabel("Part des épisodes traités (%)").fill("140");
    await form.getByLabel("Tranche", { exact: true }).fill("15-24kg");
    await form.getByLabel("Unités par traitement").fill("12");
    await form.getByRole("button", { name: "Enregistrer le scénario" }).click();
    await expect
      .poll(() => form.locator(".field-error").allTextContents())
      .toContain("Saisissez un pourcentage entre 0 et 100.");
    expect(await browserGet<{ items: unknown[] }>("/quantification/scenarios")).toMatchObject({ items: [] });
    await form.getByLabel("Part des épisodes traités (%)").fill("50");
    await form.screenshot({ path: join(SHOTS, "quantification-scenario.png") });
    await form.getByRole("button", { name: "Enregistrer le scénario" }).click();
    await page.getByTestId("scenarios-table").getByText("CTA par morbidité").waitFor();
    const saved = (await browserGet<{ items: { id: number; settings: { morbidity: object } }[] }>(
      "/quantification/scenarios",
    ))!.items[0]!;
    expect(saved.settings.morbidity).toMatchObject({
      [ACT]: { population: 3_000_000, incidencePerPersonYear: 0.8, shareTreated: 0.5 },
    });

    await page.goto(`${server!.baseUrl}/quantification?produit=${productId}&scenario=${saved.id}`);
    const methods = page.getByTestId("methods-table");
    await expect.poll(() => methods.textContent(), { timeout: 60_000 }).toContain("Morbidité / démographie");
    const api = await browserGet<ProductForecast>(
      `/quantification/forecast?productId=${productId}&level=national&horizon=24&scenarioId=${saved.id}`,
    );
    // 3,000,000 people × 0.8 episodes a year ÷ 12 × 50 % treated × 12 tablets (100 % of the cases in the band).
    expect(api.methods.find((m) => m.method === "morbidity")!.values![0]).toBeCloseTo(1_200_000, -3);
  });

  it("imports a history file: a bad row is named by row and column, a good file is imported all or nothing", async () => {
    const cscom = (await browserGet<{ items: { id: string }[] }>("/facilities?level=cscom&limit=1")).items[0]!.id;
    const header = "period,facility,product,opening,received,consumed,adjustments,closing,stockout_days";
    const file = (rows: string[]) => ({
      name: "historique.csv",
      mimeType: "text/csv",
      buffer: Buffer.from([header, ...rows].join("\n")),
    });
    await page.goto(`${server!.baseUrl}/quantification/import`);
    const input = page.getByLabel("Fichier");
    await input.setInputFiles(file([`2021-13,${cscom},${ACT},10,0,5,0,5,0`]));
    const issues = page.getByTestId("import-issues");
    await issues.waitFor({ timeout: 30_000 });
    expect(await issues.locator('tr[data-row="2"]').textContent()).toContain("period");
    expect(await page.getByRole("button", { name: "Importer" }).count()).toBe(0);

    await input.setInputFiles(
      file([`2021-01,${cscom},${ACT},10,20,15,0,15,0`, `2021-02,${cscom},${ACT},15,0,12,0,3,4`]),
    );
    await page.getByRole("button", { name: "Importer" }).click();
    await page.getByTestId("import-applied").waitFor({ timeout: 30_000 });
    const batches = await browserGet<{ items: { rows: number; firstPeriod: string; lastPeriod: string }[] }>(
      "/quantification/history-imports",
    );
    expect(batches.items).toEqual([
      expect.objectContaining({ rows: 2, firstPeriod: "2021-01", lastPeriod: "2021-02" }),
    ]);
    expect(consoleErrors).toEqual([]);
  });
});
