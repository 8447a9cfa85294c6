/**
 * Browser test of two-step transfers and of the implausible-quantity warning, against the real server: the Kati
 * depot storekeeper sends stock to the CSCom of cscom.kati from *Mouvements de stock → Transfert* (the stock is in
 * transit on both sides), then the CSCom manager receives it on the facility page with part of one lot rejected
 * (the accepted stock enters the CSCom, the rejected returns to the depot). Before that, a receipt far above the
 * depot's usual quantities shows the French warning and goes through once confirmed. Screenshots go to test-results/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
const SENT = 30;
const REJECTED = 5;

interface Position {
  productId: number;
  productCode: string;
  programmeCode: string;
  packSize: number;
  amc: number;
  stockOnHand: number;
  usableOnHand: number;
  inTransitIn: number;
  inTransitOut: number;
}
interface Transfer {
  id: number;
  status: string;
  quantity: number;
  lots: { lotId: number; lotCode: string; qty: number; acceptedQty: number | null; rejectedQty: number | null }[];
}

let server: RunningServer | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
let depot: ApiSession;
let cscom: ApiSession;
const consoleErrors: string[] = [];

/** The product's position at a facility (zeros when it is not listed). */
async function positionOf(api: ApiSession, facilityId: string, productId: number) {
  const positions = await api.get<{ items: Position[] }>(`/facilities/${facilityId}/stock?includeEmpty=true`);
  return (
    positions.items.find((p) => p.productId === productId) ?? {
      stockOnHand: 0,
      usableOnHand: 0,
      inTransitIn: 0,
      inTransitOut: 0,
    }
  );
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  depot = await ApiSession.login(server.baseUrl, "magasin.kati", DEMO_PASSWORD);
  cscom = await ApiSession.login(server.baseUrl, "cscom.kati", DEMO_PASSWORD);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  // The session check before signing in, and the one refusal this test provokes (the implausible receipt).
  recordConsoleErrors(
    page,
    consoleErrors,
    (m) =>
      isSessionCheck401(m) || (/status of 422/.test(m.text()) && /\/api\/v1\/stock\/movements$/.test(m.location().url)),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("transfers and plausible quantities in chromium", () => {
  it("warns in French about a receipt far above the depot's usual quantities, and records it once confirmed", async () => {
    const depotId = depot.me.scopeFacilityId!;
    const positions = await depot.get<{ items: Position[] }>(`/facilities/${depotId}/stock`);
    const product = positions.items.find((p) => p.amc > 0)!;
    // Far above ten times any maximum stock of a depot (at most a year of consumption) and ten packs.
    const quantity = product.amc * 150 + product.packSize * 20;
    const before = (await positionOf(depot, depotId, product.productId)).stockOnHand;

    await signInPage(page, server!.baseUrl, "magasin.kati", DEMO_PASSWORD);
    await page.goto(`${server!.baseUrl}/mouvements`);
    const receipt = page.getByTestId("receipt-form");
    await receipt.waitFor();
    await receipt.getByLabel("Rechercher un produit").fill(product.productCode);
    await receipt.getByLabel("Produit", { exact: true }).selectOption(String(product.productId));
    await receipt.getByLabel("Numéro de lot").fill(`E2E-BIG-${Date.now().toString(36).toUpperCase()}`);
    await receipt.getByLabel("Date de péremption").fill(`31/12/${new Date().getUTCFullYear() + 2}`);
    await receipt.getByLabel(/^Quantité reçue/).fill(String(quantity));
    await receipt.getByRole("button", { name: "Enregistrer la réception" }).click();

    const warning = page.getByTestId("implausible-warning");
    await warning.waitFor();
    expect(await warning.textContent()).toContain("Quantité inhabituelle pour cet établissement.");
    expect(await warning.textContent()).toMatch(/dépasse 10 fois le stock maximum/);
    expect((await positionOf(depot, depotId, product.productId)).stockOnHand).toBe(before);
    await page.screenshot({ path: join(SHOTS, "implausible-warning.png"), fullPage: true });
    await warning.getByRole("button", { name: "Confirmer la quantité et enregistrer" }).click();
    const done = page.getByTestId("entry-confirmation");
    await expect
      .poll(() => done.locator("h2").textContent())
      .toBe("Saisie enregistrée : 1 ligne écrite dans la fiche de stock.");
    expect((await positionOf(depot, depotId, product.productId)).stockOnHand).toBe(before + quantity);
  });

  it("sends a transfer from the depot and receives it at the CSCom with a rejection", async () => {
    const depotId = depot.me.scopeFacilityId!;
    const cscomId = cscom.me.scopeFacilityId!;
    const positions = await depot.get<{ items: Position[] }>(`/facilities/${depotId}/stock`);
    const destinations = await depot.get<{ items: { id: string }[] }>(
      `/facilities/${depotId}/transfer-destinations?programme=cost_recovery`,
    );
    expect(destinations.items.map((d) => d.id)).toContain(cscomId);
    const product = positions.items.find((p) => p.programmeCode === "cost_recovery" && p.usableOnHand >= SENT)!;
    const depotBefore = await positionOf(depot, depotId, product.productId);
    const cscomBefore = await positionOf(cscom, cscomId, product.productId);

    // The depot sends: Mouvements de stock → Transfert.
    await page.goto(`${server!.baseUrl}/mouvements`);
    await page.getByRole("button", { name: "Transfert", exact: true }).click();
    const form = page.getByTestId("transfer-form");
    await form.waitFor();
    await form.getByLabel("Rechercher un produit").fill(product.productCode);
    await form.getByLabel("Produit", { exact: true }).selectOption(String(product.productId));
    const destination = form.getByLabel("Destinataire");
    await expect.poll(() => destination.locator(`option[value="${cscomId}"]`).count()).toBe(1);
    await destination.selectOption(cscomId);
    await form.getByLabel(/^Quantité envoyée/).fill(String(SENT));
    await form.getByLabel("Référence").fill("BT-E2E");
    await page.screenshot({ path: join(SHOTS, "transfer-send.png"), fullPage: true });
    await form.getByRole("button", { name: "Envoyer le transfert" }).click();
    const inTransit = page.getByTestId("transfer-in-transit");
    await inTransit.waitFor();
    expect(await inTransit.textContent()).toMatch(/^Transfert n° \d+ en transit/);
    const transferId = Number(await inTransit.getAttribute("data-transfer-id"));

    // In transit on both sides; nothing written at the CSCom yet.
    expect(await positionOf(depot, depotId, product.productId)).toMatchObject({
      stockOnHand: depotBefore.stockOnHand - SENT,
      inTransitOut: depotBefore.inTransitOut + SENT,
    });
    expect(await positionOf(cscom, cscomId, product.productId)).toMatchObject({
      stockOnHand: cscomBefore.stockOnHand,
      inTransitIn: cscomBefore.inTransitIn + SENT,
    });
    const transfer = await cscom.get<Transfer>(`/transfers/${transferId}`);
    expect(transfer).toMatchObject({ status: "in_transit", quantity: SENT });

    // The CSCom manager receives it on the facility page, rejecting part of the first lot.
    await browser!.context.clearCookies();
    await signInPage(page, server!.baseUrl, "cscom.kati", DEMO_PASSWORD);
    await page.goto(`${server!.baseUrl}/facilities/${cscomId}`);
    const card = page.locator(`[data-testid="receive-transfer"][data-transfer-id="${transferId}"]`);
    await card.waitFor();
    const first = transfer.lots[0]!;
    await card.getByLabel(`Quantité acceptée — lot ${first.lotCode}`).fill(String(first.qty - REJECTED));
    // A rejection without a reason is refused as typed.
    await card.getByRole("button", { name: "Confirmer la réception" }).click();
    await expect.poll(() => card.locator(".field-error").count()).toBeGreaterThan(0);
    await card.getByLabel(`Motif du rejet — lot ${first.lotCode}`).fill("Cartons mouillés");
    await page.screenshot({ path: join(SHOTS, "transfer-receive.png"), fullPage: true });
    await card.getByRole("button", { name: "Confirmer la réception" }).click();
    await expect
      .poll(() => page.getByTestId("transfer-received").textContent())
      .toBe(`Transfert n° ${transferId} réceptionné : le stock accepté est entré, le rejeté retourne à l'expéditeur.`);

    const received = await cscom.get<Transfer>(`/transfers/${transferId}`);
    expect(received.status).toBe("received");
    expect(received.lots[0]).toMatchObject({ acceptedQty: first.qty - REJECTED, rejectedQty: REJECTED });
    expect(await positionOf(cscom, cscomId, product.productId)).toMatchObject({
      stockOnHand: cscomBefore.stockOnHand + SENT - REJECTED,
      inTransitIn: cscomBefore.inTransitIn,
    });
    expect(await positionOf(depot, depotId, product.productId)).toMatchObject({
      stockOnHand: depotBefore.stockOnHand - SENT + REJECTED,
      inTransitOut: depotBefore.inTransitOut,
    });
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
  });
});

describe("a depot's month close in chromium", () => {
  it("closes last month from Mouvements de stock; the ledger window follows", async () => {
    const depotId = depot.me.scopeFacilityId!;
    await browser!.context.clearCookies();
    await signInPage(page, server!.baseUrl, "magasin.kati", DEMO_PASSWORD);
    await page.goto(`${server!.baseUrl}/mouvements`);
    const card = page.getByTestId("period-close");
    await card.waitFor();
    expect(await card.getByTestId("closed-through").textContent()).toBe(
      "Aucun mois n'est clos : une saisie peut encore être datée d'un mois passé.",
    );
    const month = await card.getByLabel("Mois à clôturer").inputValue();
    await card.getByLabel(/^La clôture est définitive/).check();
    await card.getByRole("button", { name: /^Clôturer jusqu'à / }).click();
    await expect.poll(() => card.getByTestId("closed-through").textContent()).toMatch(/^Le registre est clos jusqu'à /);
    const window = await depot.get<{ closedPeriod: string; closedBy: string }>(`/facilities/${depotId}/ledger-window`);
    expect(window).toMatchObject({ closedPeriod: month, closedBy: "close" });
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
  });
});
