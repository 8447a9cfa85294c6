/**
 * Browser test of the staff screens against the real server (one server for every flow): the district
 * pharmacist reviews and approves a CSCom order with a corrected line, the depot storekeeper picks and
 * ships it (escalating the shortfall), the CSCom records the proof of delivery and the receipt, the
 * administrator finds the approval in the audit log, and the pharmacist previews a free-care allocation
 * and creates the district order. Screenshots go to test-results/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiSession, lastCompleteMonth } from "./api";
import { launchBrowser, ROOT, startServer, type RunningServer } from "./harness";
import { prepareReview, type OrderDetail, type ReviewTarget } from "./staffSetup";

const SHOTS = join(ROOT, "test-results");
const DEMO_PASSWORD = "fura-demo-2026";
const ADMIN_PASSWORD = process.env.FURA_ADMIN_PASSWORD ?? "fura-admin-2026";
const REASON = "Stock du dépôt limité : moitié approuvée";

let server: RunningServer | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
let target: ReviewTarget;
const consoleErrors: string[] = [];

/** The session check before each sign-in answers 401 (Chromium logs it as an error); nothing else may. */
function isExpected401(message: ConsoleMessage): boolean {
  return /status of 401/.test(message.text()) && /\/api\/v1\/auth\/me$/.test(message.location().url);
}

/** Signs in through the sign-in page and waits to leave it. */
async function signIn(username: string, password: string) {
  await browser!.context.clearCookies();
  await page.goto(`${server!.baseUrl}/connexion`);
  await page.getByLabel("Identifiant").fill(username);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
}

/** Signs out with the header button. */
async function signOut() {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.waitForURL(/\/connexion/);
}

/** GET through the browser's own session (the API as the signed-in user sees it). */
async function browserGet<T>(path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(`/api/v1${p}`)).json(), path) as Promise<T>;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  const pharmacist = await ApiSession.login(server.baseUrl, "pharmacien.kati", DEMO_PASSWORD);
  target = await prepareReview(server.baseUrl, await lastCompleteMonth(server.baseUrl), pharmacist, DEMO_PASSWORD);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error" && !isExpected401(message))
      consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("staff screens in chromium", () => {
  it("lets the district pharmacist review a CSCom order, explain a line, correct it with a reason and approve", async () => {
    const { order, line, newQty } = target;
    await signIn("pharmacien.kati", DEMO_PASSWORD);
    const nav = page.getByTestId("main-nav");
    expect(await nav.getByRole("link").allTextContents()).toEqual([
      "Carte du réseau",
      "Situation des stocks",
      "Revue du district",
      "Dépôt",
      "Mouvements de stock",
      "Tournées",
      "Flotte",
      "Allocations",
      "Interopérabilité",
      "À propos",
    ]);
    await nav.getByRole("link", { name: "Revue du district" }).click();
    await page.waitForURL(/\/revue/);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Revue du district — Kati");
    const table = page.getByTestId("review-table");
    await table.waitFor();
    await page.getByLabel("Commandes", { exact: true }).selectOption("to_review");
    await page.getByRole("searchbox", { name: "CSCom" }).fill(order.facilityName);
    const link = table.locator(`a[href="/commandes/${order.id}"]`);
    await link.waitFor();
    await expect
      .poll(() => table.locator(`tbody[data-facility-id="${order.facilityId}"] [data-report-state]`).textContent())
      .toMatch(/Soumis/);
    await page.screenshot({ path: join(SHOTS, "review.png"), fullPage: true });

    await link.click();
    await page.waitForURL(new RegExp(`/commandes/${order.id}$`));
    const row = page.locator(`tr[data-line-id="${line.id}"]`);
    await row.waitFor();
    await row.getByRole("button", { name: /^Pourquoi \?/ }).click();
    const why = page.locator(`#why-${line.id}`);
    await expect.poll(() => why.locator("li").count()).toBeGreaterThan(2);
    expect(await why.textContent()).toContain("CMM");

    await page.locator(`#qty-${line.id}`).fill(String(newQty));
    await page.locator(`#reason-${line.id}`).fill(REASON);
    await expect.poll(() => page.getByTestId("changes").textContent()).toContain(REASON);
    await why.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: join(SHOTS, "order.png") });

    await page.getByRole("button", { name: "Approuver avec 1 modification" }).click();
    await expect.poll(() => page.locator(".order-title [data-status]").textContent()).toBe("Approuvée");
    await expect.poll(() => page.getByTestId("notice").textContent()).toBe("Commande approuvée.");
    const approved = await browserGet<OrderDetail>(`/orders/${order.id}`);
    expect(approved.status).toBe("approved");
    const changed = approved.lines.find((l) => l.id === line.id)!;
    expect(changed.approvedQty).toBe(newQty);
    expect(changed.approvalReason).toBe(REASON);
    const other = approved.lines.find((l) => l.id !== line.id)!;
    expect(other.approvedQty).toBe(other.requestedQty);
    await signOut();
  });

  it("lets the depot storekeeper pick FEFO and ship the order, escalating the shortfall; the depot's stock goes down", async () => {
    const { order, depotId } = target;
    const storekeeper = await ApiSession.login(server!.baseUrl, "magasin.kati", DEMO_PASSWORD);
    const before = new Map(
      (
        await storekeeper.get<{ items: { productId: number; stockOnHand: number }[] }>(`/facilities/${depotId}/stock`)
      ).items.map((p) => [p.productId, p.stockOnHand]),
    );
    await signIn("magasin.kati", DEMO_PASSWORD);
    const nav = page.getByTestId("main-nav");
    expect(await nav.getByRole("link").allTextContents()).toEqual([
      "Carte du réseau",
      "Dépôt",
      "Mouvements de stock",
      "Tournées",
      "Flotte",
      "À propos",
    ]);
    await nav.getByRole("link", { name: "Dépôt" }).click();
    await page.waitForURL(/\/depot$/);
    const toPick = page.getByTestId("depot-orders").locator(`a[href="/commandes/${order.id}"]`);
    await toPick.waitFor();
    await toPick.click();
    await page.waitForURL(new RegExp(`/commandes/${order.id}$`));
    await page.getByRole("button", { name: "Lancer la préparation (FEFO)" }).click();
    const pickList = page.getByTestId("pick-list");
    await expect.poll(() => pickList.locator("tbody tr").count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator(".order-title [data-status]").textContent()).toBe("En préparation");
    await page.screenshot({ path: join(SHOTS, "fulfilment.png") });

    await page.getByRole("radio", { name: /Escalader/ }).check();
    await page.getByRole("button", { name: "Expédier" }).click();
    await expect.poll(() => page.locator(".order-title [data-status]").textContent()).toBe("Expédiée");

    const shipped = await storekeeper.get<OrderDetail & { status: string }>(`/orders/${order.id}`);
    expect(shipped.status).toBe("shipped");
    const moved = shipped.lines.find((l) => l.shippedQty > 0)!;
    expect(moved).toBeDefined();
    const after = new Map(
      (
        await storekeeper.get<{ items: { productId: number; stockOnHand: number }[] }>(`/facilities/${depotId}/stock`)
      ).items.map((p) => [p.productId, p.stockOnHand]),
    );
    expect(after.get(moved.productId)).toBe(before.get(moved.productId)! - moved.shippedQty);
    await signOut();
  });

  it("lets the CSCom record the proof of delivery lot by lot (one unit rejected with a reason) and confirm receipt", async () => {
    const { order } = target;
    await signIn("cscom.kati", DEMO_PASSWORD);
    expect(await page.getByTestId("main-nav").getByRole("link").allTextContents()).toEqual([
      "Mon CSCom",
      "Carte du réseau",
      "Mon rapport mensuel",
      "Mes commandes",
      "À propos",
    ]);
    await page.goto(`${server!.baseUrl}/commandes/${order.id}`);
    const pod = page.getByTestId("pod-table");
    await expect.poll(() => pod.locator("tbody tr").count()).toBeGreaterThan(0);
    const first = pod.locator("tbody tr").first();
    const lotId = Number(await first.getAttribute("data-lot-id"));
    const accepted = first.getByRole("textbox", { name: /^Quantité acceptée/ });
    const shippedQty = Number(await accepted.inputValue());
    // Each wrong entry gets its own message, in French.
    const problem = first.locator("[data-problem]");
    await accepted.fill("");
    await expect.poll(() => problem.textContent()).toBe("Saisissez la quantité acceptée (0 si tout est rejeté).");
    await accepted.fill("-3");
    await expect.poll(() => problem.textContent()).toBe("Saisissez un nombre entier positif ou nul.");
    await accepted.fill(String(shippedQty + 1));
    await expect
      .poll(() => problem.textContent())
      .toBe(`Plus que l'expédié (${new Intl.NumberFormat("fr-FR").format(shippedQty)}).`);
    await accepted.fill(String(shippedQty - 1));
    expect(await problem.count()).toBe(0);
    // The history names who did what (never "utilisateur n° 4").
    const history = (await page.locator(".timeline").textContent()) ?? "";
    expect(history).not.toMatch(/utilisateur n°/);
    await first.getByRole("textbox", { name: /^Motif du rejet/ }).fill("Emballage endommagé");
    await page.getByRole("button", { name: "Enregistrer la livraison" }).click();
    await expect.poll(() => page.locator(".order-title [data-status]").textContent()).toBe("Livrée");
    await page.getByRole("button", { name: "Confirmer la réception" }).click();
    await expect.poll(() => page.locator(".order-title [data-status]").textContent()).toBe("Réceptionnée");
    const received = await browserGet<{
      status: string;
      lines: {
        lots: {
          lotId: number;
          acceptedQty: number | null;
          rejectedQty: number | null;
          rejectionReason: string | null;
        }[];
      }[];
    }>(`/orders/${order.id}`);
    expect(received.status).toBe("received");
    const lot = received.lines.flatMap((l) => l.lots).find((l) => l.lotId === lotId)!;
    expect([lot.acceptedQty, lot.rejectedQty, lot.rejectionReason]).toEqual([shippedQty - 1, 1, "Emballage endommagé"]);
    await signOut();
  });

  it("lets the administrator find the pharmacist's approval in the audit log", async () => {
    await signIn("admin", ADMIN_PASSWORD);
    await page.getByTestId("main-nav").getByRole("link", { name: "Journal d'audit" }).click();
    await page.waitForURL(/\/audit$/);
    await page.getByLabel("Action (début)").fill("order.approve");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/action=order\.approve/);
    const row = page
      .locator(`[data-testid="audit-table"] tr[data-action="order.approve"]`)
      .filter({ hasText: `#${target.order.id}` });
    await row.waitFor();
    expect(await row.textContent()).toContain("pharmacien.kati");
    // Actions and objects are named in French, not shown as codes.
    expect(await row.textContent()).toContain("Approbation d'une commande");
    expect(await row.textContent()).not.toContain("order.approve");
    expect(
      await page
        .locator('[data-testid="audit-table"] tbody tr[data-action]')
        .evaluateAll((rows) => rows.every((r) => r.getAttribute("data-action")!.startsWith("order.approve"))),
    ).toBe(true);
    await row.getByRole("button", { name: "Avant / après" }).click();
    await expect.poll(() => page.locator(".before-after").textContent()).toContain(REASON);
    await page.screenshot({ path: join(SHOTS, "audit.png") });
    await signOut();
  });

  it("lets the district pharmacist preview a free-care allocation and create the district order from the depot page", async () => {
    await signIn("pharmacien.kati", DEMO_PASSWORD);
    await page.getByTestId("main-nav").getByRole("link", { name: "Allocations" }).click();
    await page.waitForURL(/\/allocations$/);
    await page.getByLabel("Programme").selectOption("malaria");
    const product = page.getByLabel("Produit", { exact: true });
    await expect.poll(() => product.locator("option").count()).toBeGreaterThan(1);
    await product.selectOption({ index: 1 });
    await page.getByRole("button", { name: "Calculer l'aperçu" }).click();
    const totals = page.getByTestId("allocation-totals");
    await totals.waitFor();
    const preview =
      (await page.evaluate(() => document.querySelector('[data-testid="allocation-totals"]')?.textContent)) ?? "";
    expect(preview).toContain("disponible au dépôt");
    await page.getByLabel("Afficher aussi les CSCom sans besoin").check();
    await expect.poll(() => page.getByTestId("allocation-table").locator("tbody tr").count()).toBeGreaterThan(0);
    // "Besoin couvert" means it: every CSCom gets at least its need, in whole packs (rounded up, never down to nothing).
    const covered = (await page.locator(".allocation-result .badge-adequate").count()) > 0;
    const num = (s: string) => Number(s.replace(/\s/g, ""));
    const rows = await page
      .getByTestId("allocation-table")
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
    for (const cells of rows) {
      const [need, quantity] = [num(cells[3]!), num(cells[4]!)];
      if (covered) expect(quantity).toBeGreaterThanOrEqual(need);
      if (need > 0 && covered) expect(quantity).toBeGreaterThan(0);
    }
    await page.screenshot({ path: join(SHOTS, "allocation.png"), fullPage: true });

    await page.getByTestId("main-nav").getByRole("link", { name: "Dépôt" }).click();
    await page.waitForURL(/\/depot$/);
    await page.getByRole("button", { name: "Nos commandes" }).click();
    await expect.poll(() => page.getByTestId("depot-orders").locator("tbody tr").count()).toBeGreaterThan(0);
    await page.getByLabel("Mois").selectOption(target.period);
    await page.getByRole("button", { name: "Créer la commande du district" }).click();
    await page.waitForURL(/\/commandes\/\d+$/);
    await expect.poll(() => page.locator(".order-title [data-status]").textContent()).toBe("Brouillon");
    await expect.poll(() => page.getByTestId("created-notice").textContent()).toContain("Commande créée.");
    const created = await browserGet<OrderDetail & { facilityId: string; period: string }>(
      new URL(page.url()).pathname.replace("/commandes/", "/orders/"),
    );
    expect(created.facilityId).toBe(target.depotId);
    expect(created.period).toBe(target.period);
    await signOut();
  });

  it("logged no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
