/**
 * Browser test of the CSCom manager's month against the real server: cscom.kati opens the report of a
 * month that has none (chosen through the API), creates it pre-filled from the ledger, types a closing
 * stock that breaks the balance and sees the difference flagged (and bad input refused in French),
 * saves and submits it with the mismatch kept; generates the order, changes one requested quantity and
 * submits; finds it on "Mes commandes" and asks for an emergency order; the district pharmacist
 * reads the report, read-only, from the order. Every step is checked against
 * the API (GET /reports/:id, GET /orders/:id, the audit log). Screenshots go to test-results/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiSession } from "./api";
import { launchBrowser, recordConsoleErrors, signInPage, ROOT, startServer, type RunningServer } from "./harness";

const SHOTS = join(ROOT, "test-results");
const DEMO_PASSWORD = "fura-demo-2026";
const ADMIN_PASSWORD = process.env.FURA_ADMIN_PASSWORD ?? "fura-admin-2026";

type ReportLine = {
  id: number;
  productId: number;
  opening: number;
  received: number;
  consumed: number;
  adjustments: number;
  closing: number;
  stockoutDays: number;
  mismatch: number;
  days: number;
};
type Report = {
  id: number;
  period: string;
  status: string;
  source: string;
  dueDate: string;
  onTime: boolean | null;
  mismatches: number;
  lines: ReportLine[];
};
type OrderLine = {
  id: number;
  genericName: string;
  amc: number;
  suggestedQty: number;
  requestedQty: number;
  packSize: number;
  emergency: boolean;
};
type Order = {
  id: number;
  status: string;
  flow: string;
  kind: string;
  reportId: number | null;
  facilityId: string;
  lines: OrderLine[];
  events: { changes: unknown }[];
};

let server: RunningServer | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
let cscom: ApiSession;
let facilityId: string;
let period: string;
let today: string;
const consoleErrors: string[] = [];
const fr = (n: number) => new Intl.NumberFormat("fr-FR").format(n);

/** The session check before sign-in answers 401, and an emergency order with nothing to order answers 409: expected, nothing else. */
function isExpected(message: ConsoleMessage): boolean {
  const url = message.location().url;
  return (
    (/status of 401/.test(message.text()) && /\/api\/v1\/auth\/me$/.test(url)) ||
    (/status of 409/.test(message.text()) && /\/api\/v1\/orders\/emergency$/.test(url))
  );
}

/** The newest complete month (of the last twelve) for which the CSCom has no report. */
async function monthWithoutReport(): Promise<string> {
  const { time } = (await (await fetch(`${server!.baseUrl}/api/v1/health`)).json()) as { time: string };
  today = time.slice(0, 10);
  const d = new Date(time);
  const months = Array.from({ length: 12 }, (_, i) =>
    new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1 - i, 1)).toISOString().slice(0, 7),
  );
  const reports = await cscom.get<{ items: { period: string }[] }>(`/reports?facilityId=${facilityId}&limit=100`);
  const taken = new Set(reports.items.map((r) => r.period));
  const free = months.find((m) => !taken.has(m));
  if (!free) throw new Error(`${facilityId} has a report for each of the last twelve months`);
  return free;
}

/** GET through the browser's own session. */
async function browserGet<T>(path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(`/api/v1${p}`)).json(), path) as Promise<T>;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  cscom = await ApiSession.login(server.baseUrl, "cscom.kati", DEMO_PASSWORD);
  facilityId = cscom.me.scopeFacilityId!;
  period = await monthWithoutReport();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  recordConsoleErrors(page, consoleErrors, isExpected);
  await signInPage(page, server.baseUrl, "cscom.kati", DEMO_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the CSCom manager's month in chromium", () => {
  let report: Report;
  let line: ReportLine;
  let orderId: number;

  it("creates the report of a month that had none, flags a typed mismatch with its difference, saves and submits it", async () => {
    const nav = page.getByTestId("main-nav");
    expect(await nav.getByRole("link").allTextContents()).toEqual([
      "Mon CSCom",
      "Carte du réseau",
      "Mon rapport mensuel",
      "Mes commandes",
      "À propos",
    ]);
    // She lands on her own facility: its stock and her tasks, not the national map.
    expect(new URL(page.url()).pathname).toBe("/");
    await page.getByTestId("cscom-tasks").waitFor();
    await page.getByTestId("stock-table").waitFor();
    expect(await page.getByTestId("cscom-tasks").textContent()).toMatch(
      /Rapport de .*à remettre au plus tard le \d{2}\/\d{2}\/\d{4}/,
    );
    expect(await page.locator(".map-view, .leaflet-container").count()).toBe(0);
    await nav.getByRole("link", { name: "Mon rapport mensuel" }).click();
    await page.waitForURL(/\/rapport/);
    // The month opened by default (the newest without a report, when no draft waits) is pinned in the address.
    const monthSelect = page.getByLabel("Mois", { exact: true });
    await expect.poll(() => new URL(page.url()).searchParams.get("periode")).not.toBeNull();
    if ((await monthSelect.inputValue()) !== period) await monthSelect.selectOption(period);
    await expect
      .poll(() => page.getByTestId("period-state").getAttribute("data-report-state"))
      .toMatch(/^(missing|not_due)$/);
    await page.getByRole("button", { name: "Créer le rapport" }).click();
    const table = page.getByTestId("report-lines");
    await table.waitFor();

    const listed = await cscom.get<{ items: { id: number; status: string }[] }>(
      `/reports?facilityId=${facilityId}&period=${period}`,
    );
    expect(listed.items.map((r) => r.status)).toEqual(["draft"]);
    report = await cscom.get<Report>(`/reports/${listed.items[0]!.id}`);
    expect(report.source).toBe("ledger");
    expect(report.lines.length).toBeGreaterThan(0);
    expect(await page.getByTestId("lines-shown").textContent()).toBe(
      `${report.lines.length} ${report.lines.length > 1 ? "lignes" : "ligne"} sur ${report.lines.length}`,
    );
    expect(await page.getByTestId("mismatch-count").textContent()).toBe(String(report.mismatches));

    const firstId = Number(await table.locator("tbody.report-line").first().getAttribute("data-line-id"));
    line = report.lines.find((l) => l.id === firstId)!;
    const row = table.locator(`tbody[data-line-id="${line.id}"]`);
    // Bad input is refused as typed, in French, and nothing is flagged as a mismatch meanwhile.
    await page.locator(`#rl-${line.id}-consumed`).fill("-3");
    await expect
      .poll(() => row.locator(".field-error").first().textContent())
      .toBe("Saisissez un nombre entier positif ou nul.");
    await page.locator(`#rl-${line.id}-consumed`).fill(String(line.consumed));
    await page.locator(`#rl-${line.id}-stockoutDays`).fill(String(line.days + 1));
    await expect
      .poll(() => row.locator(".field-error").first().textContent())
      .toBe(`Au plus ${line.days} jours sur ce mois.`);
    await page.locator(`#rl-${line.id}-stockoutDays`).fill(String(line.stockoutDays));
    expect(await row.locator(".field-error").count()).toBe(0);

    await page.locator(`#rl-${line.id}-closing`).fill(String(line.closing + 7));
    const diff = row.locator("[data-mismatch]");
    await expect.poll(() => diff.getAttribute("data-mismatch")).toBe("7");
    expect(await diff.textContent()).toBe(`Écart +7attendu ${fr(line.closing)}`);
    expect(await page.getByTestId("mismatch-count").textContent()).toBe(String(report.mismatches + 1));
    await page.getByLabel("Seulement les lignes avec écart").check();
    await expect
      .poll(() => page.getByTestId("lines-shown").textContent())
      .toBe(`${report.mismatches + 1} ${report.mismatches + 1 > 1 ? "lignes" : "ligne"} sur ${report.lines.length}`);
    await page.screenshot({ path: join(SHOTS, "cscom-report.png"), fullPage: true });

    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await expect
      .poll(() => page.getByTestId("report-notice").textContent())
      .toBe(`Brouillon enregistré (1 ligne). Écarts de solde : ${report.mismatches + 1}.`);
    const saved = await cscom.get<Report>(`/reports/${report.id}`);
    expect(saved).toMatchObject({ status: "draft", source: "paper", mismatches: report.mismatches + 1 });
    expect(saved.lines.find((l) => l.id === line.id)).toMatchObject({
      closing: line.closing + 7,
      mismatch: 7,
      consumed: line.consumed,
      stockoutDays: line.stockoutDays,
    });

    // Kept as it is: the mismatch goes to the district with the report. Timeliness is announced, then recorded.
    const late = today > saved.dueDate;
    expect(await page.getByTestId("timeliness").textContent()).toContain(late ? "sera en retard" : "sera à temps");
    await page.getByRole("button", { name: "Soumettre le rapport" }).click();
    await expect
      .poll(() => page.getByTestId("report-status").getAttribute("data-report-state"))
      .toBe(late ? "late" : "on_time");
    const submitted = await browserGet<Report>(`/reports/${report.id}`);
    expect(submitted).toMatchObject({ status: "submitted", onTime: !late, mismatches: report.mismatches + 1 });
    expect(await page.getByTestId("report-notice").textContent()).toBe(
      late ? "Rapport soumis en retard." : "Rapport soumis à temps.",
    );
    expect(await page.getByLabel("Mois", { exact: true }).locator("option:checked").textContent()).toContain(
      late ? "Soumis en retard" : "Soumis à temps",
    );
    // The page stays on the month just submitted, with its report and the button to order from it.
    expect(await monthSelect.inputValue()).toBe(period);
    expect(await page.getByTestId("report-status").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Générer la commande" }).isVisible()).toBe(true);
  });

  it("generates the order, shows each line's explanation, changes one requested quantity and submits it", async () => {
    await page.getByRole("button", { name: "Générer la commande" }).click();
    await page.waitForURL(/\/commandes\/\d+$/);
    orderId = Number(new URL(page.url()).pathname.split("/").pop());
    const before = await cscom.get<Order>(`/orders/${orderId}`);
    expect(before).toMatchObject({ status: "draft", reportId: report.id, flow: "cost_recovery", facilityId });
    await expect.poll(() => page.locator(".order-title [data-status]").textContent()).toBe("Brouillon");

    const rows = page.getByTestId("order-lines").locator("tr[data-line-id]");
    await rows.first().waitFor();
    const lineId = Number(await rows.first().getAttribute("data-line-id"));
    const ol = before.lines.find((l) => l.id === lineId)!;
    const row = page.locator(`tr[data-line-id="${lineId}"]`);
    expect(await page.locator(`#req-${lineId}`).inputValue()).toBe(String(ol.requestedQty));
    expect(await row.locator("td").nth(1).textContent()).toBe(fr(ol.amc));
    await row.getByRole("button", { name: /^Pourquoi \?/ }).click();
    const why = page.locator(`#why-${lineId}`);
    await expect.poll(() => why.locator("li").count()).toBeGreaterThan(2);
    expect(await why.textContent()).toContain("CMM");

    const newQty = ol.requestedQty + ol.packSize;
    await page.locator(`#req-${lineId}`).fill(String(newQty));
    await expect
      .poll(() => page.getByTestId("request-changes").textContent())
      .toBe("1 quantité modifiée, pas encore enregistrée.");
    await page.screenshot({ path: join(SHOTS, "cscom-order.png") });
    await page.getByRole("button", { name: "Enregistrer et soumettre" }).click();
    await expect.poll(() => page.locator(".order-title [data-status]").textContent()).toBe("Soumise");
    await expect.poll(() => page.getByTestId("notice").textContent()).toBe("Commande soumise pour approbation.");

    const after = await browserGet<Order>(`/orders/${orderId}`);
    expect(after.status).toBe("submitted");
    expect(after.lines.find((l) => l.id === lineId)!.requestedQty).toBe(newQty);
    for (const l of after.lines.filter((x) => x.id !== lineId))
      expect(l.requestedQty).toBe(before.lines.find((b) => b.id === l.id)!.requestedQty);
    expect(
      after.events.some(
        (e) => JSON.stringify(e.changes) === JSON.stringify({ edited: [{ lineId, requestedQty: newQty }] }),
      ),
    ).toBe(true);
    const admin = await ApiSession.login(server!.baseUrl, "admin", ADMIN_PASSWORD);
    const audit = await admin.get<{ items: { username: string; action: string }[] }>(
      `/audit?objectType=order&objectId=${orderId}`,
    );
    expect(audit.items.map((a) => `${a.action}:${a.username}`).sort()).toEqual([
      "order.edit:cscom.kati",
      "order.submit:cscom.kati",
    ]);
  });

  it("lists the CSCom's orders with their status and asks for an emergency order", async () => {
    await page.getByTestId("main-nav").getByRole("link", { name: "Mes commandes" }).click();
    await page.waitForURL(/\/mes-commandes$/);
    const table = page.getByTestId("my-orders");
    await table.waitFor();
    const api = await cscom.get<{ items: { id: number; status: string }[] }>(
      `/orders?facilityId=${facilityId}&limit=20`,
    );
    expect(
      await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-order-id")))),
    ).toEqual(api.items.map((o) => o.id));
    expect(await table.locator(`tr[data-order-id="${orderId}"] [data-status]`).textContent()).toBe("Soumise");
    await page.screenshot({ path: join(SHOTS, "cscom-orders.png"), fullPage: true });

    const emergencies = async () =>
      (await cscom.get<{ items: { kind: string }[] }>(`/orders?facilityId=${facilityId}&limit=500`)).items.filter(
        (o) => o.kind === "emergency",
      ).length;
    const emergenciesBefore = await emergencies();
    const card = page.getByTestId("emergency-card");
    await card.getByRole("button", { name: "Créer une commande d'urgence" }).click();
    await expect
      .poll(async () =>
        page.url().includes("/commandes/") ? "order" : (await card.locator(".notice").count()) > 0 ? "none" : "waiting",
      )
      .not.toBe("waiting");
    if (page.url().includes("/commandes/")) {
      const emergency = await cscom.get<Order>(`/orders/${new URL(page.url()).pathname.split("/").pop()}`);
      expect(emergency).toMatchObject({ kind: "emergency", status: "draft", facilityId });
      expect(emergency.lines.every((l) => l.emergency)).toBe(true);
    } else {
      expect(await card.locator(".notice").textContent()).toContain(
        "Aucun produit n'est au point de commande d'urgence",
      );
      expect(await emergencies()).toBe(emergenciesBefore);
    }
  });

  it("lets the district pharmacist open the report from the order, read-only, with the mismatch flagged", async () => {
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL(/\/connexion/);
    await page.getByLabel("Identifiant").fill("pharmacien.kati");
    await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
    await page.goto(`${server!.baseUrl}/commandes/${orderId}`);
    await page.getByTestId("report-link").click();
    await page.waitForURL(/\/rapport\?/);
    const table = page.getByTestId("report-lines");
    await table.waitFor();
    expect(await page.getByLabel("CSCom", { exact: true }).inputValue()).toBe(facilityId);
    expect(await page.getByTestId("report-status").getAttribute("data-report-state")).toMatch(/^(late|on_time)$/);
    expect(await table.locator("input").count()).toBe(0);
    await page.getByLabel("Seulement les lignes avec écart").check();
    await expect
      .poll(() => table.locator(`tbody[data-line-id="${line.id}"] [data-mismatch]`).getAttribute("data-mismatch"))
      .toBe("7");
    expect(await page.getByRole("button", { name: "Générer la commande" }).count()).toBe(0);
    expect(await page.getByTestId("order-from-report").locator(`[data-order-id="${orderId}"]`).count()).toBe(1);
    expect(consoleErrors).toEqual([]);
  });
});
