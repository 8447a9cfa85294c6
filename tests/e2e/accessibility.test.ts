/**
 * Accessibility sweep in chromium with axe-core (WCAG 2.1 A and AA rules): every main screen of each role,
 * once loaded, has no serious or critical violation (labels, names, contrast, landmarks, keyboard roles…),
 * and speaks French throughout (no raw i18n key or code, dates dd/mm/yyyy, decimal commas).
 * The map canvas and Leaflet's own controls are excluded: they are a third-party widget with its own
 * keyboard support, and the facilities they show are also listed in tables on the same pages.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiSession } from "./api";
import { launchBrowser, startServer, untranslatedText, type RunningServer } from "./harness";

/** Texts that look like codes but are data: the demo usernames, the data sources' web sites. */
const NOT_CODES = [/^[a-z]+\.kati$/, /^(www\.)?[a-z]+\.(io|org|com)$/];

const require = createRequire(import.meta.url);
/** axe-core's source, evaluated through the DevTools protocol (the app's CSP rightly refuses injected script tags). */
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let server: RunningServer | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
let page: Page;

/** One violation as axe reports it, reduced to what a failure message needs. */
interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe on the page and returns the serious and critical violations. The script runs as text: tsx would wrap a function with helpers the page lacks. */
async function audit(): Promise<Violation[]> {
  await page.evaluate(AXE);
  const found = (await page.evaluate(`(async () => {
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, exclude: [[".leaflet-container"]] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  })()`)) as Violation[];
  return found.filter((v) => v.impact === "serious" || v.impact === "critical");
}

async function signIn(username: string, password = "fura-demo-2026") {
  await page.context().clearCookies();
  await page.goto(`${server!.baseUrl}/connexion`);
  await page.getByLabel("Identifiant").fill(username);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
}

/** Opens a screen and waits until its loading states are gone. */
async function open(path: string) {
  await page.goto(`${server!.baseUrl}${path}`);
  await page.locator("main h1").first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"], .loading').length === 0, null, {
    timeout: 15_000,
  });
}

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const SCREENS: [user: string, paths: string[]][] = [
  ["ppm.achats", ["/", "/situation", "/allocations", "/a-propos", "/commandes"]],
  ["pharmacien.kati", ["/revue", "/depot", "/tournees", "/mouvements", "/flotte"]],
  ["cscom.kati", ["/", "/rapport", "/mes-commandes"]],
];

describe("accessibility (axe-core, WCAG 2.1 AA)", () => {
  it("finds no serious or critical violation on the sign-in page", async () => {
    await page.goto(`${server!.baseUrl}/connexion`);
    await page.getByLabel("Identifiant").waitFor();
    expect(await audit()).toEqual([]);
    // The sweep does catch a fault: an unlabelled field added to the page is reported.
    await page.evaluate(
      `document.querySelector("main").insertAdjacentHTML("beforeend", '<input id="axe-probe" type="text">')`,
    );
    expect((await audit()).map((v) => [v.id, v.nodes])).toContainEqual(["label", ["#axe-probe"]]);
    await page.evaluate(`document.getElementById("axe-probe").remove()`);
  });

  it("finds no serious or critical violation on a depot's page and on an order's page", async () => {
    const storekeeper = await ApiSession.login(server!.baseUrl, "magasin.kati", "fura-demo-2026");
    const officer = await ApiSession.login(server!.baseUrl, "ppm.achats", "fura-demo-2026");
    const orders = await officer.get<{ items: { id: number }[] }>("/orders?limit=1");
    expect(orders.items.length).toBe(1);
    await signIn("ppm.achats");
    const found: Record<string, Violation[]> = {};
    const untranslated: Record<string, string[]> = {};
    for (const path of [`/facilities/${storekeeper.me.scopeFacilityId}`, `/commandes/${orders.items[0]!.id}`]) {
      await open(path);
      const v = await audit();
      if (v.length > 0) found[path] = v;
      // Every line's explanation open: its numbers are written in French too.
      for (const why of (await page.getByRole("button", { name: /^Pourquoi/ }).all()).slice(0, 6)) await why.click();
      const text = await untranslatedText(page, NOT_CODES);
      if (text.length > 0) untranslated[path] = text;
    }
    expect(found).toEqual({});
    expect(untranslated).toEqual({});
  });

  it("finds no serious or critical violation on the quantification screens, an ACT chosen", async () => {
    const officer = await ApiSession.login(server!.baseUrl, "ppm.achats", "fura-demo-2026");
    const products = await officer.get<{ items: { id: number; code: string }[] }>("/products?q=MAL-AL-20120-12");
    const act = products.items.find((p) => p.code === "MAL-AL-20120-12")!;
    await signIn("ppm.achats");
    const found: Record<string, Violation[]> = {};
    // The forecast and the plan are audited once drawn, not while they load.
    const tabs: [string, string | null][] = [
      ["", "forecast-result"],
      ["/plan", "plan-result"],
      ["/pipeline", null],
      ["/scenarios", null],
      ["/catalogue", null],
      ["/import", null],
    ];
    for (const [tab, result] of tabs) {
      const path = `/quantification${tab}?produit=${act.id}`;
      await open(path);
      if (result) await page.getByTestId(result).waitFor({ timeout: 60_000 });
      const v = await audit();
      if (v.length > 0) found[path] = v;
    }
    expect(found).toEqual({});
  });

  it("finds no serious or critical violation on the interoperability tabs and the API documentation", async () => {
    await signIn("admin", "fura-admin-2026");
    const found: Record<string, Violation[]> = {};
    const paths = ["export", "mapping", "orgUnits", "settings", "gtins"].map((tab) => `/interop?onglet=${tab}`);
    for (const path of [...paths, "/documentation-api"]) {
      await open(path);
      const v = await audit();
      if (v.length > 0) found[path] = v;
    }
    expect(found).toEqual({});
  });

  for (const [user, paths] of SCREENS) {
    it(`finds no serious or critical violation on the screens of ${user}`, async () => {
      await signIn(user);
      const found: Record<string, Violation[]> = {};
      const untranslated: Record<string, string[]> = {};
      for (const path of paths) {
        await open(path);
        const v = await audit();
        if (v.length > 0) found[path] = v;
        // The credits page names licences with their versions ("CC BY 4.0"): its numbers are not checked.
        const text = await untranslatedText(page, path === "/a-propos" ? [...NOT_CODES, /^\d+\.\d+$/] : NOT_CODES);
        if (text.length > 0) untranslated[path] = text;
      }
      expect(found).toEqual({});
      expect(untranslated).toEqual({});
    });
  }
});
