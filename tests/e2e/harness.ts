/** Browser-test harness: the real server as a child process on a free port, and Debian's chromium via playwright-core. */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from "playwright-core";

/** Repository root (tests/e2e/../..). */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Debian's chromium; CI installs it with `apt-get install -y chromium`. */
export const CHROMIUM = "/usr/bin/chromium";

/** A free TCP port on 127.0.0.1, found by listening on port 0. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A running Fura server and how to stop it. */
export interface RunningServer {
  baseUrl: string;
  /** Last lines the server printed (kept for failure messages, never piped to the test's stdio) */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `node --import tsx server/index.ts` on a fresh database (or on `db`, a database prepared
 * beforehand and left in place), with extra environment `env` (e.g. FURA_SEED_MONTHS), and waits for /api/v1/health.
 */
export async function startServer(
  timeoutMs = 90_000,
  opts: { db?: string; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  // FURA_WEB_DIR lets parallel work build into its own folder (`npx vite build --outDir /tmp/x`).
  const webDir = process.env.FURA_WEB_DIR ?? join(ROOT, "dist/web");
  if (!existsSync(join(webDir, "index.html")))
    throw new Error(`${webDir}/index.html is missing: run \`npx vite build\` before the browser tests.`);
  const dir = mkdtempSync(join(tmpdir(), "fura-e2e-db-"));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      FURA_DB: opts.db ?? join(dir, "fura.db"),
      FURA_SEED_HISTORY_CSCOMS: "15",
      FURA_LOG_LEVEL: "warn",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Safety net if the test process ends without afterAll (the server must never outlive the test).
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server exited with code ${child.exitCode} before it was ready:\n${log}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) return { baseUrl, output: () => log, stop };
    } catch {
      // Not listening yet (seeding takes a few seconds).
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`The server did not answer /api/v1/health within ${timeoutMs / 1000} s:\n${log}`);
}

/** Launches headless chromium with a fresh profile; fails clearly when chromium is not installed. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} not found: install it with \`apt-get install -y chromium\` (the browser tests never skip).`,
    );
  const profile = mkdtempSync(join(tmpdir(), "fura-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: "fr-FR",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Collects the page's console errors and uncaught exceptions into `errors`, except those `expected`
 * (by default the 401 of the session check made before signing in).
 */
export function recordConsoleErrors(
  page: Page,
  errors: string[],
  expected: (m: ConsoleMessage) => boolean = isSessionCheck401,
): void {
  page.on("console", (m) => {
    if (m.type() === "error" && !expected(m)) errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
}

/** The 401 of GET /auth/me before signing in: Chromium logs it as an error, it is part of every flow. */
export function isSessionCheck401(m: ConsoleMessage): boolean {
  return /status of 401/.test(m.text()) && /\/api\/v1\/auth\/me$/.test(m.location().url);
}

/** Signs in through the sign-in page and waits to leave it. */
export async function signInPage(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel("Identifiant").fill(username);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
}

/**
 * What on the page is not written for a French reader: an i18n key left raw ("stock.packs"), a code
 * ("cost_recovery", "order.edit"), an ISO date instead of dd/mm/yyyy, a decimal point instead of a comma.
 * Reads the main content, leaving out the map's attribution (licence names) and `exempt` texts (user names).
 */
export async function untranslatedText(page: Page, exempt: RegExp[] = []): Promise<string[]> {
  const text = await page.evaluate(() => {
    const main = document.querySelector("main")?.cloneNode(true) as HTMLElement | undefined;
    main?.querySelectorAll(".leaflet-control-attribution, code, .lot-code").forEach((n) => n.remove());
    return main?.innerText ?? "";
  });
  const found = [
    ...(text.match(/\b[a-z][a-zA-Z]*(?:\.[a-z][a-zA-Z_]*)+\b/g) ?? []),
    ...(text.match(/\b[a-z]+(?:_[a-z]+)+\b/g) ?? []),
    ...(text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []),
    ...(text.match(/\b\d+\.\d+\b/g) ?? []),
  ];
  return [...new Set(found)].filter((s) => !exempt.some((e) => e.test(s)));
}
