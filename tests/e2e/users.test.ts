/**
 * Browser test of the accounts screen against the real server: the administrator creates a district pharmacist
 * for another district (Mopti) with a temporary password; that user signs in, is led to change the password before
 * anything else, then sees only their district (the area pickers offer Mopti alone, the API hides Kati); the audit
 * log finds the creation by a fragment of the administrator's name and shows it field by field.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, ROOT, startServer, type RunningServer } from "./harness";

const SHOTS = join(ROOT, "test-results");
const ADMIN_PASSWORD = process.env.FURA_ADMIN_PASSWORD ?? "fura-admin-2026";
const TEMPORARY = "provisoire-mopti-2026";
const CHOSEN = "mon-mot-de-passe-a-moi";

let server: RunningServer | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;
const consoleErrors: string[] = [];

/** The session check before each sign-in answers 401, and the refused reads of a temporary password 403, the hidden district 404 this test asks for. */
function isExpected(message: ConsoleMessage): boolean {
  return /status of 40[134]/.test(message.text()) && /\/api\/v1\//.test(message.location().url);
}

async function signIn(username: string, password: string) {
  await browser!.context.clearCookies();
  await page.goto(`${server!.baseUrl}/connexion`);
  await page.getByLabel("Identifiant").fill(username);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error" && !isExpected(message))
      consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("accounts screen in chromium", () => {
  it("creates a district pharmacist for Mopti, who must change the password and then sees only Mopti", async () => {
    await signIn("admin", ADMIN_PASSWORD);
    await page.getByTestId("main-nav").getByRole("link", { name: "Utilisateurs" }).click();
    await page.waitForURL(/\/admin\/utilisateurs/);
    await page.getByRole("button", { name: "Nouveau compte" }).click();
    const form = page.getByTestId("user-create");
    // Refused as typed, in French, before anything is sent: the role's district is missing.
    await form.getByLabel("Identifiant").fill("Pharmacien.Mopti.Bis");
    await form.getByLabel("Nom").fill("Oumou Sangaré");
    await form.getByLabel("Rôle").selectOption({ label: "Pharmacien de district" });
    await form.getByLabel("Mot de passe provisoire").fill(TEMPORARY);
    await form.getByRole("button", { name: "Créer le compte" }).click();
    await expect.poll(() => form.locator("#user-district-msg").textContent()).toBe("Ce rôle demande ce champ.");
    await form.getByLabel("Région").selectOption({ label: "Mopti" });
    await form.getByLabel("District").selectOption({ label: "Mopti" });
    await form.getByRole("button", { name: "Créer le compte" }).click();
    await expect.poll(() => page.getByTestId("notice").textContent()).toContain("pharmacien.mopti.bis");
    const row = page.getByTestId("users-table").locator('tr[data-username="pharmacien.mopti.bis"]');
    await expect.poll(() => row.textContent()).toContain("Mot de passe provisoire");
    await page.screenshot({ path: join(SHOTS, "users-created.png"), fullPage: true });

    // The audit log finds the creation by a fragment of the administrator's name, with before / after by field.
    await page.getByTestId("main-nav").getByRole("link", { name: "Journal d'audit" }).click();
    await page.waitForURL(/\/audit$/);
    await page.getByLabel("Utilisateur (nom ou identifiant)").fill("administ");
    await page.getByLabel("Type d'objet").fill("user");
    await page.getByRole("button", { name: "Rechercher" }).click();
    const entry = page.locator('[data-testid="audit-table"] tr[data-action="user.create"]').first();
    await entry.waitFor();
    expect(await entry.textContent()).toContain("Administrateur");
    await entry.getByRole("button", { name: "Avant / après" }).click();
    const fields = page.locator(".before-after-table");
    await expect.poll(() => fields.textContent()).toContain("districtName");
    expect(await fields.locator("tr", { hasText: "districtName" }).textContent()).toContain("Mopti");

    await signIn("pharmacien.mopti.bis", TEMPORARY);
    await page.waitForURL(/\/mot-de-passe/);
    await page.getByLabel("Mot de passe actuel").fill(TEMPORARY);
    await page.getByLabel("Nouveau mot de passe").fill(CHOSEN);
    await page.getByRole("button", { name: "Changer le mot de passe" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/mot-de-passe"));

    await page.getByTestId("main-nav").getByRole("link", { name: "Situation des stocks" }).click();
    await page.waitForURL(/\/situation/);
    const region = page.locator(".situation-area select").first();
    const district = page.locator(".situation-area select").nth(1);
    await expect.poll(() => region.locator("option").allTextContents()).toContain("Mopti");
    expect((await region.locator("option").allTextContents()).filter((o) => o === "Kati" || o === "Koulikoro")).toEqual(
      [],
    );
    await region.selectOption({ label: "Mopti" });
    await expect.poll(() => district.locator("option").allTextContents()).toContain("Mopti");
    expect(await district.locator("option").allTextContents()).not.toContain("Kati");
    const kati = await page.evaluate(async () => (await fetch("/api/v1/indicators?districtId=kati")).status);
    expect(kati).toBe(404);
    const mopti = await page.evaluate(async () => (await fetch("/api/v1/indicators?districtId=mopti")).status);
    expect(mopti).toBe(200);
    expect(consoleErrors).toEqual([]);
  });
});
