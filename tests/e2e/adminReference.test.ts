/**
 * Browser test of the reference data screens against the real server: the administrator creates a CSCom in Kati
 * placed by a click on the map and supplied by the Kati depot, then closes it; and gives a product a new price,
 * which the price history shows in force above the old one; and reads the effective policy of a CSCom × product,
 * then adds a row for that CSCom × product, which becomes its source.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, ROOT, startServer, type RunningServer } from "./harness";

const SHOTS = join(ROOT, "test-results");
const ADMIN_PASSWORD = process.env.FURA_ADMIN_PASSWORD ?? "fura-admin-2026";

let server: RunningServer | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
const consoleErrors: string[] = [];

const isExpected401 = (m: ConsoleMessage) =>
  /status of 401/.test(m.text()) && /\/api\/v1\/auth\/me$/.test(m.location().url);

/** GET through the browser's own session. */
async function browserGet<T>(path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(`/api/v1${p}`)).json(), path) as Promise<T>;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on("console", (m) => {
    if (m.type() === "error" && !isExpected401(m)) consoleErrors.push(`${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto(`${server.baseUrl}/connexion`);
  await page.getByLabel("Identifiant").fill("admin");
  await page.getByLabel("Mot de passe").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("reference data screens in chromium", () => {
  it("creates a CSCom placed on the map and supplied by its depot, then closes it", async () => {
    await page.getByTestId("main-nav").getByRole("link", { name: "Établissements" }).click();
    await page.waitForURL(/\/admin\/etablissements/);
    await page.getByRole("button", { name: "Nouvel établissement" }).click();
    const form = page.getByTestId("facility-create");
    await form.getByLabel("Nom").fill("CSCom de Test-Kati");
    await form.getByLabel("District").selectOption({ label: "Kati" });
    const map = form.getByTestId("pick-map").locator(".map-view");
    await expect.poll(() => map.getAttribute("data-size")).toBeTruthy();
    await map.click();
    await expect.poll(() => form.getByLabel("Latitude").inputValue()).toMatch(/^\d+,\d+$/);
    const depots = await browserGet<{ items: { id: string }[] }>("/facilities?districtId=kati&level=district");
    await form.getByLabel("Recouvrement des coûts").selectOption(depots.items[0]!.id);
    await form.getByRole("button", { name: "Créer l'établissement" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toBe("Établissement CSCom de Test-Kati créé.");
    const created = await browserGet<{ items: { id: string; lat: number; supplierId: string }[] }>(
      "/facilities?q=Test-Kati",
    );
    expect(created.items).toHaveLength(1);
    expect(created.items[0]!.supplierId).toBe(depots.items[0]!.id);
    await page.screenshot({ path: join(SHOTS, "facility-created.png"), fullPage: true });

    await page.getByLabel("Nom ou code").fill("Test-Kati");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.getByRole("button", { name: "Modifier CSCom de Test-Kati" }).click();
    await page.getByTestId("facility-toggle").click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toBe("Établissement fermé.");
    const open = await browserGet<{ items: unknown[] }>("/facilities?q=Test-Kati");
    expect(open.items).toHaveLength(0);
  });

  it("gives a product a new price, shown in force in its history", async () => {
    await page.getByTestId("main-nav").getByRole("link", { name: "Catalogue et prix" }).click();
    await page.waitForURL(/\/admin\/catalogue/);
    const first = page.getByTestId("products-table").locator("tbody tr").first();
    const code = await first.getAttribute("data-code");
    await first.getByRole("button", { name: /Modifier/ }).click();
    const prices = page.getByTestId("price-form");
    await prices.getByLabel("Prix par conditionnement (FCFA)").fill("12345");
    await prices.getByRole("button", { name: "Enregistrer le prix" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toBe("Prix enregistré.");
    const row = page.getByTestId("products-table").locator(`tr[data-code="${code}"]`);
    await expect.poll(() => row.textContent()).toMatch(/12\s345/);
    await row.getByRole("button", { name: /Modifier/ }).click();
    const history = page.getByTestId("price-history").locator("tbody tr");
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.first().textContent()).toContain("✓");
    await page.screenshot({ path: join(SHOTS, "catalogue-price.png"), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it("shows the effective policy of a CSCom × product and where it comes from", async () => {
    await page.getByTestId("main-nav").getByRole("link", { name: "Politiques de stock" }).click();
    await page.waitForURL(/\/admin\/politiques/);
    const facility = page.locator("#effective-facility");
    await expect.poll(() => facility.locator("option").count()).toBeGreaterThan(1);
    const facilityId = await facility.locator("option").nth(1).getAttribute("value");
    await facility.selectOption(facilityId!);
    const product = page.locator("#effective-product-select");
    await expect.poll(() => product.locator("option").count()).toBeGreaterThan(1);
    const productId = await product.locator("option").nth(1).getAttribute("value");
    await product.selectOption(productId!);
    const answer = page.getByTestId("effective-policy");
    await expect.poll(() => answer.getAttribute("data-scope")).toBe("level");
    expect(await answer.textContent()).toContain("ligne du niveau");

    await page.getByRole("button", { name: "Nouvelle ligne" }).click();
    const form = page.getByTestId("policy-create");
    await form.getByLabel("Établissement").selectOption(facilityId!);
    await form.getByLabel("Produit").selectOption(productId!);
    await form.getByLabel("Max (mois)").fill("2,5");
    await form.getByLabel("Min (mois)").fill("1");
    await form.getByLabel("Point d'urgence (mois)").fill("0,5");
    await form.getByLabel("Délai (jours)").fill("10");
    await form.getByRole("button", { name: "Ajouter la ligne" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toBe("Ligne ajoutée.");
    await expect.poll(() => answer.getAttribute("data-scope")).toBe("facility_product");
    expect(await answer.textContent()).toContain("2,5");
    await page.screenshot({ path: join(SHOTS, "policies-effective.png"), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it("imports a prices sheet: errors shown by row in French and nothing applied, then the corrected file applied", async () => {
    await page.getByTestId("main-nav").getByRole("link", { name: "Catalogue et prix" }).click();
    await page.waitForURL(/\/admin\/catalogue/);
    const panel = page.getByTestId("sheets-panel");
    await panel.getByLabel("Feuille").selectOption("prices");
    const code = await page.getByTestId("products-table").locator("tbody tr").nth(1).getAttribute("data-code");
    const header = "code_produit;date_debut;prix_conditionnement_fcfa";
    const upload = async (text: string) => {
      await panel.getByLabel("Fichier (.xlsx ou .csv)").setInputFiles({
        name: "prix.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(text, "utf8"),
      });
      await panel.getByRole("button", { name: "Prévisualiser" }).click();
    };
    await upload(`${header}\n${code};01/02/2026;abc\nINCONNU;01/02/2026;100\n`);
    const errors = panel.getByTestId("sheet-errors");
    await expect.poll(() => errors.locator("tbody tr").count()).toBe(2);
    expect(await errors.textContent()).toContain("« abc » n'est pas un nombre.");
    expect(await errors.textContent()).toContain("Produit inconnu : INCONNU.");
    expect(await panel.getByRole("button", { name: "Appliquer l'import" }).isDisabled()).toBe(true);

    await upload(`${header}\n${code};01/02/2026;4321\n`);
    await expect.poll(() => panel.getByTestId("sheet-changes").locator("tbody tr").count()).toBe(1);
    await panel.getByRole("button", { name: "Appliquer l'import" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toBe("Import appliqué : 1 ligne(s) écrite(s).");
    await page.screenshot({ path: join(SHOTS, "sheet-import.png"), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it("imports a users sheet: a row error in French, then the new account's temporary password shown once", async () => {
    await page.getByTestId("main-nav").getByRole("link", { name: "Utilisateurs" }).click();
    await page.waitForURL(/\/admin\/utilisateurs/);
    const panel = page.getByTestId("sheets-panel");
    // The URL changes before the lazy screen replaces the catalogue's, whose sheets panel has the same file field:
    // wait for the users' panel, or the file goes to the page that is leaving.
    await panel.locator('a[href="/api/v1/users/export.csv"]').waitFor();
    const header = "identifiant;nom;role;region;district;etablissement;actif";
    const upload = async (text: string) => {
      await panel.getByLabel("Fichier (.xlsx ou .csv)").setInputFiles({
        name: "utilisateurs.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(text, "utf8"),
      });
      await panel.getByRole("button", { name: "Prévisualiser" }).click();
    };
    await upload(`${header}\npharma.tableur;Pharmacien Tableur;district_pharmacist;;;;oui\n`);
    const errors = panel.getByTestId("sheet-errors");
    await expect.poll(() => errors.locator("tbody tr").count()).toBe(1);
    expect(await errors.textContent()).toContain("Ce rôle demande ce champ.");
    expect(await panel.getByRole("button", { name: "Appliquer l'import" }).isDisabled()).toBe(true);

    await upload(`${header}\npharma.tableur;Pharmacien Tableur;district_pharmacist;;kati;;oui\n`);
    await expect.poll(() => panel.getByTestId("sheet-changes").locator("tbody tr").count()).toBe(1);
    await panel.getByRole("button", { name: "Appliquer l'import" }).click();
    const passwords = panel.getByTestId("sheet-passwords-table");
    await expect.poll(() => passwords.locator("tbody tr").count()).toBe(1);
    expect(await passwords.textContent()).toMatch(/pharma\.tableur\s*[A-Za-z2-9]{12}/);
    await page.screenshot({ path: join(SHOTS, "sheet-users-passwords.png"), fullPage: true });
    await panel.getByRole("button", { name: "J'ai noté les mots de passe" }).click();
    await expect.poll(() => panel.getByTestId("sheet-passwords").count()).toBe(0);
    const found = await browserGet<{ items: { username: string; mustChangePassword: boolean }[] }>(
      "/users?q=pharma.tableur",
    );
    expect(found.items).toEqual([expect.objectContaining({ username: "pharma.tableur", mustChangePassword: true })]);
    expect(consoleErrors).toEqual([]);
  });
});
