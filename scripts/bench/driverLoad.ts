/**
 * The driver's first load on a fresh tablet, in Chromium: the real server on a fresh demo database, today's
 * shipments of the Kati depot published on chauffeur.kati's route (tests/e2e/driverSetup), a browser profile
 * with nothing cached. From the sign-in page to "Ma tournée" showing the day's route with the service worker
 * active and its precache complete, it adds up the bytes that crossed the network (Resource Timing
 * `transferSize` of the page — requests the worker did not answer — and of the service worker: the app shell it
 * precaches and the API answers it fetched). Then the driver screen's JavaScript: every script a cold start of
 * /ma-tournee loads in a new tab (nothing of the sign-in page; the lazy chunks the screen shows — map, boundaries,
 * towns — included), then with the delivery form open, gzipped from dist/web, and whether each is precached.
 * Targets: first load ≤ 1.5 MB, driver screen JS ≤ 150 KB gzipped. Prints figures; asserts nothing. Needs a build
 * and /usr/bin/chromium.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page, Worker } from "playwright-core";
import { prepareDriverRoute } from "../../tests/e2e/driverSetup";
import { launchBrowser, signInPage, startServer } from "../../tests/e2e/harness";

const DIST = process.env.FURA_WEB_DIR ?? "dist/web";
const PASSWORD = "fura-demo-2026";
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

type Entry = { name: string; transferSize: number; workerStart: number };
/** Runs in the page or the worker: its navigation and resource timings. */
const collect = () =>
  [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((e) => ({
    name: e.name,
    transferSize: (e as PerformanceResourceTiming).transferSize,
    workerStart: (e as PerformanceResourceTiming).workerStart,
  }));
const entriesOf = (target: Page | Worker): Promise<Entry[]> =>
  "mainFrame" in target ? target.evaluate(collect) : target.evaluate(collect);

/** Scripts the page loaded (paths under /assets), gzipped from the build, largest first. */
function gzippedScripts(entries: Entry[]): { files: string[]; bytes: number; sizes: [string, number][] } {
  const files = [...new Set(entries.map((e) => new URL(e.name).pathname).filter((p) => /^\/assets\/.+\.js$/.test(p)))];
  const sizes = files
    .map((f): [string, number] => [f.replace(/^\/assets\//, ""), gzipSync(readFileSync(join(DIST, f))).length])
    .sort((a, b) => b[1] - a[1]);
  return { files, bytes: sizes.reduce((n, [, b]) => n + b, 0), sizes };
}

/** "index 104.9 KB, States 40.4 KB, …" (files of 2 KB or more). */
const largest = (sizes: [string, number][]) =>
  sizes
    .filter(([, b]) => b >= 2048)
    .map(([f, b]) => `${f.replace(/-[\w-]{8}\.js$/, "")} ${kb(b)}`)
    .join(", ");

if (!existsSync(join(DIST, "index.html"))) execFileSync("npx", ["vite", "build"], { stdio: "ignore" });
const server = await startServer();
const browser = await launchBrowser();
try {
  const setup = await prepareDriverRoute(server.baseUrl, PASSWORD, { ship: true });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const t0 = performance.now();
  await signInPage(page, server.baseUrl, "chauffeur.kati", PASSWORD);
  await page.getByTestId("driver-route").first().waitFor();
  const shown = performance.now() - t0;
  // The worker has installed (precache complete) and controls the page; the day's plan went through it.
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  await page.waitForFunction(
    async (id) =>
      (await (await caches.open("fura-driver-api")).keys()).some((r) => r.url.endsWith(`/route-plans/${id}`)),
    setup.plan.id,
    { timeout: 30_000 },
  );
  const worker = browser.context.serviceWorkers()[0];
  const pageEntries = await entriesOf(page);
  const workerEntries = worker ? await entriesOf(worker) : [];
  // A request the worker answered is counted once, where it crossed the network (in the worker's entries).
  const direct = pageEntries.filter((e) => e.workerStart === 0);
  const sum = (es: Entry[]) => es.reduce((n, e) => n + e.transferSize, 0);
  const api = (es: Entry[]) => es.filter((e) => new URL(e.name).pathname.startsWith("/api/"));
  const total = sum(direct) + sum(workerEntries);
  console.log(
    `driver's first load: ${kb(total)} transferred (target ≤ 1,536 KB) — page ${kb(sum(direct))} in ${direct.length} requests, ` +
      `service worker ${kb(sum(workerEntries))} in ${workerEntries.length} (app shell precache and API); ` +
      `API answers ${kb(sum(api(direct)) + sum(api(workerEntries)))}; route on screen after ${(shown / 1000).toFixed(2)} s`,
  );
  // The driver's screen as the driver opens it every morning: a cold start of /ma-tournee (signed in, the worker
  // installed), in a new tab, so that nothing of the sign-in page counts and every script the screen needs does —
  // also the lazy ones (the map, the bundled boundaries and towns, the outbox), whether from network or precache.
  const cold = await browser.context.newPage();
  await cold.goto(`${server.baseUrl}/ma-tournee`);
  await cold.getByTestId("driver-route").first().waitFor();
  await cold.locator(".driver-map .leaflet-container").first().waitFor();
  await cold.waitForLoadState("networkidle");
  const day = gzippedScripts(await entriesOf(cold));
  console.log(
    `driver screen JS (gzip), cold start of /ma-tournee: ${kb(day.bytes)} in ${day.files.length} files (target ≤ 150 KB): ${largest(day.sizes)}`,
  );
  await cold.locator('[data-testid="stop-record"]').first().click();
  await cold.getByTestId("delivery-form").waitFor();
  await cold.waitForLoadState("networkidle");
  const withForm = gzippedScripts(await entriesOf(cold));
  console.log(
    `with the delivery form (signature pad, outbox): ${kb(withForm.bytes)} in ${withForm.files.length} files: ` +
      largest(withForm.sizes.filter(([f]) => !day.sizes.some(([g]) => g === f))),
  );
  // Everything the driver's screens loaded must be in the worker's precache, or it would be missing offline.
  const precached = await cold.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys())
      if (name.includes("precache")) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
    return urls.map((u) => new URL(u).pathname);
  });
  const missing = withForm.files.filter((f) => !precached.includes(f));
  console.log(
    missing.length === 0
      ? `all ${withForm.files.length} scripts are in the service worker's precache`
      : `NOT precached (missing offline): ${missing.join(", ")}`,
  );
} finally {
  await browser.close();
  await server.stop();
}
