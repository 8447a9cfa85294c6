/**
 * Browser tests of interoperability against the real server: the storekeeper's USB scanner fills the receipt
 * form from a GS1 DataMatrix string (raw form, GS separator, Enter at the end) and a malformed code shows its
 * reason in French, and on the count screen the same scan picks the product and the lot line; the API documentation
 * page lists the routes; the administrator sets up DHIS2 (connection to a fake DHIS2 started by this test, mapping
 * from spreadsheets), shows the month's export, dry-runs and pushes it, and reads DHIS2's import summary.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeDhis2, type FakeDhis2 } from "../helpers/fakeDhis2";
import { ApiSession, lastCompleteMonth } from "./api";
import { launchBrowser, recordConsoleErrors, ROOT, signInPage, startServer, type RunningServer } from "./harness";

const SHOTS = join(ROOT, "test-results");
const DEMO_PASSWORD = "fura-demo-2026";
const ADMIN_PASSWORD = "fura-admin-2026";
const GS = "\u001d";

let server: RunningServer | undefined;
let fake: FakeDhis2 | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server, fake] = await Promise.all([
    launchBrowser(),
    startServer(),
    startFakeDhis2({ users: [{ username: "fura", password: "district" }] }),
  ]);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  // The malformed scan answers 400 on purpose; Chromium logs it.
  recordConsoleErrors(page, consoleErrors, (m) => /status of (400|401)/.test(m.text()));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await fake?.close();
});

describe("the scanner on the receipt screen", () => {
  it("fills product, lot and expiry from a raw GS1 DataMatrix string, and gives a malformed one's reason in French", async () => {
    const api = await ApiSession.login(server!.baseUrl, "magasin.kati", DEMO_PASSWORD);
    const products = await api.get<{ items: { id: number; code: string }[] }>("/products?limit=1000&q=MAL-AL");
    const al6 = products.items.find((p) => p.code === "mal-al-20120-6" || p.code === "MAL-AL-20120-6")!;
    expect(al6).toBeDefined();
    await signInPage(page, server!.baseUrl, "magasin.kati", DEMO_PASSWORD);
    await page.goto(`${server!.baseUrl}/mouvements`);
    const receipt = page.getByTestId("receipt-form");
    await receipt.waitFor();
    const scanner = receipt.getByLabel("Scanner");
    // Focused first, so that a scan lands there without a click.
    await expect.poll(() => scanner.evaluate((el) => el === document.activeElement)).toBe(true);
    // As a DataMatrix scanner types it: symbology identifier, GTIN, expiry, lot, GS, serial, then Enter.
    await scanner.pressSequentially(`]d2010952000000010317280630${"10LOT-A"}${GS}21SN0042`, { delay: 5 });
    await scanner.press("Enter");
    await expect.poll(() => receipt.getByTestId("scan-read").textContent()).toContain("lot LOT-A");
    expect(await receipt.getByLabel("Produit", { exact: true }).inputValue()).toBe(String(al6.id));
    expect(await receipt.getByLabel("Numéro de lot").inputValue()).toBe("LOT-A");
    // The expiry is typed dd/mm/yyyy on this screen, as on the pack.
    expect(await receipt.getByLabel("Date de péremption").inputValue()).toBe("30/06/2028");
    expect(await receipt.getByTestId("scan-read").textContent()).toContain("30/06/2028");
    // The quantity is next: the scan moved the focus there.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("receipt-qty");

    // Ctrl+] is how a keyboard-wedge scanner sends FNC1; a wrong check digit is refused with the reason.
    await scanner.click();
    await scanner.pressSequentially("0109520000000104", { delay: 5 });
    await scanner.press("Control+]");
    await scanner.press("Enter");
    const refused = receipt.getByTestId("scan-refused");
    await expect.poll(() => refused.textContent()).toContain("Clé de contrôle incorrecte pour (01) : 4 lu, 3 attendu");
    expect(await receipt.getByLabel("Numéro de lot").inputValue()).toBe("LOT-A");
    await page.screenshot({ path: join(SHOTS, "interop-scanner.png"), fullPage: true });

    // The scanned lot received, then counted: on the count screen the same scan chooses the product and the lot line.
    await page.locator("#receipt-qty").fill("60");
    await receipt.getByRole("button", { name: "Enregistrer la réception" }).click();
    await page.getByTestId("entry-confirmation").waitFor();
    await page.getByRole("button", { name: "Inventaire" }).click();
    const count = page.getByTestId("count-form");
    await count.waitFor();
    const countScanner = count.getByLabel("Scanner");
    await countScanner.click();
    await countScanner.pressSequentially(`]d2010952000000010317280630${"10LOT-A"}${GS}21SN0043`, { delay: 5 });
    await countScanner.press("Enter");
    await expect.poll(() => count.getByLabel("Produit", { exact: true }).inputValue()).toBe(String(al6.id));
    const row = count.locator('tr[data-lot-code="LOT-A"]');
    await expect.poll(() => row.getAttribute("class")).toContain("row-scanned");
    // The counted quantity of that lot is next.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.id))
      .toMatch(/^count-/);
    await page.screenshot({ path: join(SHOTS, "interop-scanner-count.png"), fullPage: true });
  });
});

describe("the API documentation page", () => {
  it("shows the OpenAPI document's routes to a signed-in user", async () => {
    await browser!.context.clearCookies();
    await signInPage(page, server!.baseUrl, "magasin.kati", DEMO_PASSWORD);
    await page.goto(`${server!.baseUrl}/documentation-api`);
    await page.getByLabel("Filtrer les routes").fill("stock/movements");
    const op = page.locator('details[data-operation="post_stock_movements"]');
    await op.waitFor();
    await op.locator("summary").click();
    // Opened: its permission, the headers a write requires, and what it answers (201 with the movements).
    await expect.poll(() => op.getByText("Droit requis : stock:write").isVisible()).toBe(true);
    expect(await op.getByText("Idempotency-Key", { exact: true }).isVisible()).toBe(true);
    expect(await op.getByText("X-CSRF-Token", { exact: true }).isVisible()).toBe(true);
    expect(await op.locator(".api-responses").textContent()).toContain("201");
    expect(await op.locator(".api-responses").textContent()).toContain("balanceAfter");
    await page.screenshot({ path: join(SHOTS, "api-docs.png"), fullPage: true });
  });
});

/** Makes sure the CSCom of cscom.kati has submitted its report of `period` (the seed may leave the last month to come). */
async function submittedReport(period: string): Promise<void> {
  const cscom = await ApiSession.login(server!.baseUrl, "cscom.kati", DEMO_PASSWORD);
  const facilityId = cscom.me.scopeFacilityId!;
  const found = await cscom.get<{ items: { id: number; status: string }[] }>(
    `/reports?facilityId=${facilityId}&period=${period}`,
  );
  const report =
    found.items[0] ?? (await cscom.post<{ id: number; status: string }>("/reports", { facilityId, period }));
  if (report.status === "draft") await cscom.post(`/reports/${report.id}/submit`);
}

describe("the DHIS2 push screen against a fake DHIS2", () => {
  it("configures the connection, imports the mapping, shows the export, dry-runs and pushes it with DHIS2's summary", async () => {
    const api = await ApiSession.login(server!.baseUrl, "admin", ADMIN_PASSWORD);
    const period = await lastCompleteMonth(server!.baseUrl);
    await submittedReport(period);
    const reports = await api.get<{ items: { facilityId: string }[] }>(
      `/reports?period=${period}&districtId=kati&status=submitted&limit=500`,
    );
    expect(reports.items.length).toBeGreaterThan(0);
    const products = await api.get<{ items: { id: number; code: string }[] }>("/products?limit=1000");

    await browser!.context.clearCookies();
    await signInPage(page, server!.baseUrl, "admin", ADMIN_PASSWORD);
    await page.goto(`${server!.baseUrl}/interop?onglet=settings`);
    const settings = page.getByTestId("dhis2-settings");
    // Checked as typed by the shared contract: a malformed address is refused on its field, nothing is sent.
    await settings.getByLabel("Adresse du DHIS2").fill("dhis2 du ministère");
    await settings.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => settings.locator("#dhis2-url-msg").textContent()).toContain("Une adresse web complète");
    expect(fake!.requests).toEqual([]);
    await settings.getByLabel("Adresse du DHIS2").fill(fake!.url);
    await settings.getByLabel("Nom d'utilisateur", { exact: true }).fill("fura");
    await settings.getByLabel("Mot de passe", { exact: true }).fill("district");
    await settings.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => settings.textContent()).toContain("Un secret est enregistré");
    await settings.getByRole("button", { name: "Tester la connexion" }).click();
    await expect.poll(() => settings.getByTestId("dhis2-test").getAttribute("data-ok")).toBe("true");
    expect(fake!.requests.every((r) => r.query.dryRun === "true")).toBe(true);

    // The mapping from two spreadsheets: two fields of every product, and the district's reporting CSComs.
    await page.goto(`${server!.baseUrl}/interop?onglet=mapping`);
    // One row typed: a data element that is not a DHIS2 UID is refused on its field before anything is sent.
    const ouForm = page.locator("form").filter({ has: page.locator("#map-ou") });
    await ouForm.getByLabel("Établissement (identifiant Fura)").fill(reports.items[0]!.facilityId);
    await ouForm.getByLabel("Unité d'organisation (UID)").fill("12345");
    await ouForm.getByRole("button", { name: "Enregistrer la correspondance" }).click();
    await expect.poll(() => ouForm.locator("#map-ou-msg").textContent()).toContain("Un identifiant DHIS2");
    const sheet = page.getByTestId("sheet-import");
    const pad = (n: number, w: number) => String(n).padStart(w, "0");
    const dataElements = [
      "code_produit;champ;element_donnees",
      ...products.items.flatMap((p) => [
        `${p.code};stock final;deClo${pad(p.id, 6)}`,
        `${p.code};consommé;deCon${pad(p.id, 6)}`,
      ]),
    ].join("\n");
    const facilities = [...new Set(reports.items.map((r) => r.facilityId))];
    const orgUnits = ["etablissement;unite_organisation", ...facilities.map((f, i) => `${f};OuKati${pad(i, 5)}`)].join(
      "\n",
    );
    for (const [kind, csv] of [
      ["dataElements", dataElements],
      ["orgUnits", orgUnits],
    ] as const) {
      await sheet.getByLabel("Contenu").selectOption(kind);
      await sheet
        .getByLabel("Fichier")
        .setInputFiles({ name: `${kind}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
      await sheet.getByRole("button", { name: "Aperçu" }).click();
      await expect.poll(() => sheet.getByTestId("sheet-preview").textContent()).toContain("0 en erreur");
      await sheet.getByRole("button", { name: "Appliquer l'import" }).click();
      await expect.poll(() => sheet.getByTestId("sheet-applied").textContent()).toContain("Import appliqué");
    }

    // The month's export over Kati, then the dry run and the push.
    await page.goto(`${server!.baseUrl}/interop`);
    await page.getByLabel("Mois", { exact: true }).fill(period);
    await page.getByLabel("Région", { exact: true }).selectOption("koulikoro");
    await page.getByLabel("District", { exact: true }).selectOption("kati");
    await page.getByRole("button", { name: "Afficher l'export" }).click();
    const report = await api.get<{ counts: { dataValues: number }; dataValueSet: unknown }>(
      `/interop/dhis2/dataValueSets?period=${period}&regionId=koulikoro&districtId=kati&format=report`,
    );
    expect(report.counts.dataValues).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId("export-counts").getAttribute("data-values"))
      .toBe(String(report.counts.dataValues));

    const push = page.getByTestId("push-panel");
    await push.getByRole("button", { name: "Essai à blanc" }).click();
    const summary = push.getByTestId("push-summary");
    await expect.poll(() => summary.textContent()).toContain("Essai à blanc : ce que DHIS2 ferait");
    expect(await summary.getAttribute("data-status")).toBe("SUCCESS");
    expect(fake!.values.size).toBe(0);

    await push.getByRole("button", { name: "Envoyer à DHIS2" }).click();
    await push.getByRole("alertdialog").getByRole("button", { name: "Envoyer à DHIS2" }).click();
    await expect.poll(() => summary.textContent()).toContain("Résumé de l'import DHIS2");
    expect(await summary.getAttribute("data-status")).toBe("SUCCESS");
    expect(await summary.locator('[data-count="imported"]').textContent()).toMatch(/\d/);
    expect(fake!.values.size).toBe(report.counts.dataValues);
    const sent = fake!.requests.filter((r) => r.query.dryRun === "false").map((r) => JSON.parse(r.body));
    expect(sent.flatMap((s: { dataValues: unknown[] }) => s.dataValues)).toEqual(
      (report.dataValueSet as { dataValues: unknown[] }).dataValues,
    );
    await expect.poll(() => push.getByTestId("push-history").locator("tbody tr").count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, "interop-push.png"), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});
