/**
 * National map benchmark in Chromium: a scaled network (1,760 CSComs by default, ~1,830 facilities
 * in all) served by the real server, the built web app driven by playwright-core. Measures the time
 * from navigation until every facility is drawn on the network map and on the stock picture of an
 * ACT, then how responsive the map stays: the longest frame and the main-thread long tasks while
 * zooming and panning with the mouse. Prints figures; asserts nothing about time.
 * Needs a build (`npx vite build`) and /usr/bin/chromium, like the browser tests.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { openDb } from "../../db/client";
import { seedDatabase } from "../../db/seed";
import { hashPassword } from "../../server/auth/password";
import { launchBrowser, startServer } from "../../tests/e2e/harness";

const { values } = parseArgs({
  options: {
    cscoms: { type: "string", default: "1760" },
    runs: { type: "string", default: "3" },
    db: { type: "string" },
  },
});
const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Seeds the scaled network with four months of history and reports (statuses need an AMC); --db reuses a database seeded before. */
function seed(file: string): { facilities: number; productId: number } {
  const open = openDb(file);
  const t0 = performance.now();
  const summary = values.db
    ? null
    : seedDatabase(open, {
        adminPassword: "bench-admin-pw",
        hashPassword,
        demo: true,
        cscoms: Number(values.cscoms),
        months: 4,
        reportMonths: 4,
      });
  open.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const facilities = open.sqlite.prepare("select count(*) from facilities").pluck().get() as number;
  const productId = open.sqlite
    .prepare("select id from products where code = 'MAL-AL-20120-6'")
    .pluck()
    .get() as number;
  open.close();
  console.log(
    `data: ${fmt(facilities)} facilities${summary ? `, ${summary.cscoms} CSComs seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s` : ` in ${file}`}`,
  );
  return { facilities, productId };
}

/** Navigates and returns the ms until the map holds `expected` markers (or any, when null) and the count stopped changing. */
async function timeToMarkers(
  page: Page,
  url: string,
  expected: number | null,
): Promise<{ ms: number; markers: number }> {
  const t0 = performance.now();
  await page.goto(url);
  const map = page.getByTestId("map");
  await map.waitFor();
  await page.waitForFunction(
    (want) => {
      const n = Number(document.querySelector("[data-testid=map]")?.getAttribute("data-marker-count") ?? 0);
      return want === null ? n > 0 : n >= want;
    },
    expected,
    { timeout: 60_000, polling: 16 },
  );
  const ms = performance.now() - t0;
  return { ms, markers: Number(await map.getAttribute("data-marker-count")) };
}

/**
 * Page scripts as plain text: tsx would wrap inline functions with a helper (__name) that does not
 * exist in the page.
 */
const START_RECORDING = `(() => {
  window.__frames = []; window.__longTasks = []; window.__stop = false;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(e.duration))).observe({ type: "longtask" });
  let last = performance.now();
  const tick = (t) => { window.__frames.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;
const STOP_RECORDING = `(() => {
  window.__stop = true;
  const frames = [...window.__frames].sort((a, b) => a - b);
  return { maxFrame: frames.at(-1) ?? 0, p95Frame: frames[Math.floor(frames.length * 0.95)] ?? 0, frames: frames.length, longTasks: window.__longTasks.length, longTaskMs: window.__longTasks.reduce((s, d) => s + d, 0) };
})()`;

/** Starts recording frames and long tasks in the page. */
async function startRecording(page: Page) {
  await page.evaluate(START_RECORDING);
}

/** Stops recording; the longest frame, the 95th percentile frame and the long tasks' total (ms). */
async function stopRecording(
  page: Page,
): Promise<{ maxFrame: number; p95Frame: number; frames: number; longTasks: number; longTaskMs: number }> {
  return page.evaluate(STOP_RECORDING);
}

/** Zooms in and out with the wheel and pans by dragging, over the map's centre. */
async function interact(page: Page) {
  const box = (await page.getByTestId("map").boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  for (const dy of [-240, -240, 240, 240]) {
    await page.mouse.wheel(0, dy);
    await page.waitForTimeout(350);
  }
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(cx + i * 12, cy + i * 6);
  await page.mouse.up();
  await page.waitForTimeout(300);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "fura-map-bench-"));
  const file = values.db ?? join(dir, "map.db");
  const { facilities, productId } = seed(file);
  const server = await startServer(180_000, { db: file });
  const browser = await launchBrowser();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByLabel("Identifiant").fill("ppm.achats");
    await page.getByLabel("Mot de passe").fill("fura-demo-2026");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));

    const runs = Number(values.runs);
    const network: number[] = [];
    const picture: number[] = [];
    let drawn = { network: 0, picture: 0 };
    for (let i = 0; i < runs; i++) {
      const n = await timeToMarkers(page, `${server.baseUrl}/`, facilities);
      const s = await timeToMarkers(page, `${server.baseUrl}/situation?product=${productId}`, null);
      network.push(n.ms);
      picture.push(s.ms);
      drawn = { network: n.markers, picture: s.markers };
    }
    console.log(
      `network map: ${fmt(drawn.network)} facilities drawn ${fmt(median(network))} ms after navigation (median of ${runs}; includes loading the page, the API call and the canvas)`,
    );
    console.log(
      `stock picture of an ACT: ${fmt(drawn.picture)} facilities coloured ${fmt(median(picture))} ms after navigation (median of ${runs})`,
    );

    await timeToMarkers(page, `${server.baseUrl}/`, facilities);
    await startRecording(page);
    await interact(page);
    const r = await stopRecording(page);
    console.log(
      `zoom ×4 and pan over ${fmt(drawn.network)} markers: ${r.frames} frames, longest ${fmt(r.maxFrame)} ms, 95th percentile ${fmt(r.p95Frame)} ms; ${r.longTasks} long tasks (> 50 ms) totalling ${fmt(r.longTaskMs)} ms`,
    );
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
