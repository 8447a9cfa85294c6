/**
 * Browser test of the stock entry screen against the real server: the Kati depot storekeeper records a
 * receipt of a new lot, then a physical count of that lot below its book quantity; the page confirms
 * each write, and the API (positions and stock card) shows the balances. Screenshots go to test-results/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiSession } from "./api";
import { launchBrowser, recordConsoleErrors, ROOT, signInPage, startServer, type RunningServer } from "./harness";

const SHOTS = join(ROOT, "test-results");
const DEMO_PASSWORD = "fura-demo-2026";
const RECEIVED = 240;
const MISSING = 7;

interface Positions {
  items: { productId: number; stockOnHand: number; lots: { lotId: number; lotCode: string; qtyOnHand: number }[] }[];
}
interface Card {
  stockOnHand: number;
  total: number;
  items: { type: string; reason: string | null; lotCode: string; qtyDelta: number; productBalanceAfter: number }[];
}

let server: RunningServer | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
let api: ApiSession;
const consoleErrors: string[] = [];

/** The product's stock at the facility (0 when it is not listed). */
async function stockOf(facilityId: string, productId: number): Promise<number> {
  const positions = await api.get<Positions>(`/facilities/${facilityId}/stock?includeEmpty=true`);
  return positions.items.find((p) => p.productId === productId)?.stockOnHand ?? 0;
}

/** The whole stock card of the product at the facility. */
async function cardOf(facilityId: string, productId: number): Promise<Card> {
  return api.get<Card>(`/facilities/${facilityId}/stock/${productId}/card?limit=1000`);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  api = await ApiSession.login(server.baseUrl, "magasin.kati", DEMO_PASSWORD);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  recordConsoleErrors(page, consoleErrors);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("stock entry screen in chromium", () => {
  it("lets the depot storekeeper record a receipt of a new lot, a count below it, then a loss; the ledger follows", async () => {
    const depotId = api.me.scopeFacilityId!;
    const products = await api.get<{ items: { id: number; genericName: string; code: string; packSize: number }[] }>(
      "/products?limit=1000",
    );
    const product = products.items[0]!;
    const before = await stockOf(depotId, product.id);
    const cardBefore = await cardOf(depotId, product.id);
    const lotCode = `E2E-${Date.now().toString(36).toUpperCase()}`;
    const expiry = `${new Date().getUTCFullYear() + 3}-06-30`;

    await signInPage(page, server!.baseUrl, "magasin.kati", DEMO_PASSWORD);
    await page.getByTestId("main-nav").getByRole("link", { name: "Mouvements de stock" }).click();
    await page.waitForURL(/\/mouvements/);
    await expect.poll(() => page.locator("h1").textContent()).toMatch(/^Mouvements de stock — /);

    // Réception: validation as the user types, then a valid receipt.
    const receipt = page.getByTestId("receipt-form");
    await receipt.waitFor();
    // The search ignores accents and case: "paracetamol" finds "Paracétamol".
    await receipt.getByLabel("Rechercher un produit").fill("paracetamol");
    const found = await receipt.getByLabel("Produit", { exact: true }).locator("option").allTextContents();
    expect(found.some((o) => o.startsWith("Paracétamol"))).toBe(true);
    await receipt.getByLabel("Rechercher un produit").fill(product.code);
    await receipt.getByLabel("Produit", { exact: true }).selectOption(String(product.id));
    await expect.poll(() => receipt.getByTestId("pack-size").textContent()).toContain(String(product.packSize));
    await receipt.getByLabel(/^Quantité reçue/).fill("0");
    await expect
      .poll(() => receipt.locator("#receipt-qty-msg").textContent())
      .toBe("La quantité doit être supérieure à zéro.");
    await receipt.getByLabel(/^Quantité reçue/).fill(String(RECEIVED));
    await receipt.getByLabel("Numéro de lot").fill(lotCode);
    await receipt.getByLabel("Date de péremption").fill(expiry.split("-").reverse().join("/"));
    await receipt.getByLabel("Référence").fill("BL E2E");
    await page.screenshot({ path: join(SHOTS, "stock-entry-receipt.png"), fullPage: true });
    await receipt.getByRole("button", { name: "Enregistrer la réception" }).click();

    const done = page.getByTestId("entry-confirmation");
    await expect
      .poll(() => done.locator("h2").textContent())
      .toBe("Saisie enregistrée : 1 ligne écrite dans la fiche de stock.");
    expect(await done.locator("tbody tr").first().textContent()).toContain(lotCode);
    expect(await done.getByTestId("stock-card-link").getAttribute("href")).toBe(
      `/facilities/${depotId}?product=${product.id}`,
    );
    expect(await stockOf(depotId, product.id)).toBe(before + RECEIVED);
    const cardAfterReceipt = await cardOf(depotId, product.id);
    expect(cardAfterReceipt.total).toBe(cardBefore.total + 1);
    const receiptLine = cardAfterReceipt.items.at(-1)!;
    expect(receiptLine).toMatchObject({
      type: "receipt",
      lotCode,
      qtyDelta: RECEIVED,
      productBalanceAfter: before + RECEIVED,
    });

    // Inventaire: the new lot counted MISSING units short.
    await page.getByRole("button", { name: "Inventaire" }).click();
    const count = page.getByTestId("count-form");
    await count.waitFor();
    await count.getByLabel("Rechercher un produit").fill(product.code);
    await count.getByLabel("Produit", { exact: true }).selectOption(String(product.id));
    const row = count.locator(`tr[data-lot-code="${lotCode}"]`);
    await row.waitFor();
    await row.getByLabel(`Quantité comptée du lot ${lotCode}`).fill(String(RECEIVED - MISSING));
    await expect.poll(() => row.locator("[data-diff]").textContent()).toBe(`-${MISSING}`);
    await page.screenshot({ path: join(SHOTS, "stock-entry-count.png"), fullPage: true });
    await count.getByRole("button", { name: "Enregistrer l'inventaire (1 lot)" }).click();
    await expect
      .poll(() => done.locator("h2").textContent())
      .toBe("Saisie enregistrée : 1 ligne écrite dans la fiche de stock.");
    expect(await done.locator("[data-delta]").first().textContent()).toBe(`-${MISSING}`);

    expect(await stockOf(depotId, product.id)).toBe(before + RECEIVED - MISSING);
    const cardAfterCount = await cardOf(depotId, product.id);
    expect(cardAfterCount.items.at(-1)).toMatchObject({
      type: "adjustment",
      reason: "count",
      lotCode,
      qtyDelta: -MISSING,
      productBalanceAfter: before + RECEIVED - MISSING,
    });
    expect(cardAfterCount.stockOnHand).toBe(before + RECEIVED - MISSING);

    // Perte / ajustement: DAMAGED units of the lot found damaged.
    const DAMAGED = 4;
    await page.getByRole("button", { name: "Perte / ajustement" }).click();
    const adjust = page.getByTestId("adjustment-form");
    await adjust.waitFor();
    await adjust.getByLabel("Rechercher un produit").fill(product.code);
    await adjust.getByLabel("Produit", { exact: true }).selectOption(String(product.id));
    const lotOption = adjust.locator("#adjust-lot option", { hasText: lotCode });
    await adjust.getByLabel("Lot", { exact: true }).selectOption((await lotOption.getAttribute("value"))!);
    await adjust.getByLabel("Motif").selectOption("damage");
    await adjust.getByLabel(/^Quantité/).fill(String(-DAMAGED));
    await adjust.getByRole("button", { name: "Enregistrer l'ajustement" }).click();
    await expect.poll(() => done.locator("[data-delta]").first().textContent()).toBe(`-${DAMAGED}`);
    expect(await stockOf(depotId, product.id)).toBe(before + RECEIVED - MISSING - DAMAGED);
    const cardAfterLoss = await cardOf(depotId, product.id);
    expect(cardAfterLoss.items.at(-1)).toMatchObject({
      type: "adjustment",
      reason: "damage",
      lotCode,
      qtyDelta: -DAMAGED,
      productBalanceAfter: before + RECEIVED - MISSING - DAMAGED,
    });

    // The link leads to the product's stock card on the facility page.
    await done.getByTestId("stock-card-link").click();
    await page.waitForURL(new RegExp(`/facilities/${depotId}\\?product=${product.id}$`));
    expect(consoleErrors).toEqual([]);
  });
});
