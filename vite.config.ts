import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Module id of the bundled region boundaries (the driver's map works with no network: no API call, no tiles). */
const BOUNDARIES_ID = "virtual:fura-boundaries";

/** "Ségou" → "segou": the region ids the seed derives from the same names (db/seed/geography.ts). */
const slug = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/**
 * `virtual:fura-boundaries`: the Natural Earth region polygons of db/seed/data/mali as a JS module
 * shaped like GET /regions/boundaries, so it lands in a lazy chunk that the service worker precaches.
 */
function bundledBoundaries(): Plugin {
  const resolved = `\0${BOUNDARIES_ID}`;
  return {
    name: "fura-boundaries",
    resolveId: (id) => (id === BOUNDARIES_ID ? resolved : null),
    load(id) {
      if (id !== resolved) return null;
      const file = here("./db/seed/data/mali/mali_regions_ne10m.geojson");
      this.addWatchFile(file);
      const geo = JSON.parse(readFileSync(file, "utf8")) as {
        features: { properties: { region: string }; geometry: unknown }[];
      };
      const features = geo.features.map((f) => ({
        type: "Feature",
        properties: { id: slug(f.properties.region), name: f.properties.region },
        geometry: f.geometry,
      }));
      return `export default ${JSON.stringify({ type: "FeatureCollection", features })};`;
    },
  };
}

/** Module id of the bundled town names (GeoNames: region capitals and cercle seats), the driver's map labels. */
const PLACES_ID = "virtual:fura-places";

/** Rows of a small CSV with a header line (quoted fields may hold commas; doubled quotes escape a quote). */
function csvRows(text: string): Record<string, string>[] {
  const lines = text.trim().split(/\r?\n/);
  const split = (line: string) => {
    const out: string[] = [];
    let cur = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted && c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = !quoted;
      else if (c === "," && !quoted) {
        out.push(cur);
        cur = "";
      } else cur += c;
    }
    return [...out, cur];
  };
  const head = split(lines[0]!);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [head[i], v])));
}

/**
 * `virtual:fura-places`: the towns the driver's map labels — the 11 region capitals and the cercle seats of
 * db/seed/data/mali (GeoNames, CC BY 4.0) — as [name, lat, lon, capital?] rows in a small lazy chunk.
 */
function bundledPlaces(): Plugin {
  const resolved = `\0${PLACES_ID}`;
  return {
    name: "fura-places",
    resolveId: (id) => (id === PLACES_ID ? resolved : null),
    load(id) {
      if (id !== resolved) return null;
      const regions = here("./db/seed/data/mali/mali_regions.csv");
      const cercles = here("./db/seed/data/mali/mali_cercles.csv");
      this.addWatchFile(regions);
      this.addWatchFile(cercles);
      const byName = new Map<string, { name: string; lat: number; lon: number; capital: boolean }>();
      for (const r of csvRows(readFileSync(regions, "utf8")))
        byName.set(r.capital!, {
          name: r.capital!,
          lat: Number(r.capital_lat),
          lon: Number(r.capital_lon),
          capital: true,
        });
      for (const c of csvRows(readFileSync(cercles, "utf8")))
        if (!byName.has(c.seat_name!) && c.seat_lat)
          byName.set(c.seat_name!, {
            name: c.seat_name!,
            lat: Number(c.seat_lat),
            lon: Number(c.seat_lon),
            capital: false,
          });
      return `export default ${JSON.stringify([...byName.values()])};`;
    },
  };
}

/**
 * Service worker (Workbox generateSW): precaches the app shell (HTML, JS, CSS — the boundaries are a
 * JS chunk) so a reload without network opens the app; at run time it caches only what the driver's
 * screen reads offline, network first: GET /api/v1/auth/me, and GET /api/v1/route-plans and
 * /route-plans/:id when the request carries `X-Fura-Offline: 1` (only the driver's screen sends it, so
 * a dispatcher's plans are never answered from a cache). Nothing else of /api is cached, no write is
 * (runtime routes match GET only), and navigations to /api never get the app shell. The road layer
 * (GET /api/v1/roads, when a road network is configured) is served from the cache and refreshed behind (stale-while-revalidate).
 * The web app manifest makes the app installable (French name, standalone, icons in web/public/icons).
 */
const pwa = VitePWA({
  strategies: "generateSW",
  registerType: "autoUpdate",
  injectRegister: false,
  manifest: {
    name: "Fura — Ma tournée",
    short_name: "Fura",
    description: "Tournées de livraison des médicaments et preuve de livraison, même sans réseau.",
    lang: "fr",
    start_url: "/ma-tournee",
    scope: "/",
    display: "standalone",
    orientation: "any",
    background_color: "#ffffff",
    theme_color: "#0f4c5c",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  },
  workbox: {
    globPatterns: ["**/*.{js,css,html,svg,png,woff2}"],
    navigateFallback: "index.html",
    navigateFallbackDenylist: [/^\/api\//],
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    runtimeCaching: [
      {
        urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname === "/api/v1/roads",
        method: "GET",
        handler: "StaleWhileRevalidate",
        options: { cacheName: "fura-roads", cacheableResponse: { statuses: [200] } },
      },
      {
        // Serialised into the worker: must not refer to anything outside itself.
        urlPattern: ({ url, request, sameOrigin }) =>
          sameOrigin &&
          (url.pathname === "/api/v1/auth/me" ||
            (/^\/api\/v1\/route-plans(\/\d+)?$/.test(url.pathname) && request.headers.get("X-Fura-Offline") === "1")),
        method: "GET",
        handler: "NetworkFirst",
        options: {
          cacheName: "fura-driver-api",
          networkTimeoutSeconds: 6,
          cacheableResponse: { statuses: [200] },
          expiration: { maxEntries: 60, maxAgeSeconds: 14 * 24 * 3600 },
          plugins: [
            {
              // Marks an answer served from the cache, so the page can say it is offline and how old the data is.
              cachedResponseWillBeUsed: async ({ cachedResponse }) => {
                if (!cachedResponse) return cachedResponse;
                const headers = new Headers(cachedResponse.headers);
                headers.set("X-Fura-From-Cache", "1");
                return new Response(await cachedResponse.blob(), {
                  status: cachedResponse.status,
                  statusText: cachedResponse.statusText,
                  headers,
                });
              },
            },
          ],
        },
      },
    ],
  },
});

/**
 * Writes a gzipped copy (`X.gz`) of each text file of the build over 1 KB, which the API serves to clients that
 * accept gzip (server/middleware/precompressed.ts): the files cross the network compressed.
 */
function precompress(outDir: string): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: "fura-precompress",
    apply: "build",
    enforce: "post",
    closeBundle() {
      for (const file of walk(outDir).filter((f) => /\.(js|css|json|svg|webmanifest)$/.test(f))) {
        const raw = readFileSync(file);
        const gz = gzipSync(raw, { level: 9 });
        if (raw.length > 1024 && gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

/**
 * react-router's package exports point at its `development` build under every condition; its `production` build
 * (same API, without the development warnings) is what a build ships.
 */
const productionRouter = {
  find: /^react-router$/,
  replacement: here("./node_modules/react-router/dist/production/index.mjs"),
};

/**
 * The build renders with Preact (preact/compat: React's API, 10 KB instead of react-dom's 57 KB gzipped) so that the
 * driver's tablet screen loads ≤ 150 KB of JavaScript (issue 12, BENCHMARKS.md). The code, its types, the unit tests
 * and the dev server stay on React; the browser tests run the build, so they check what ships. A checkout whose
 * node_modules predates preact builds with React and says so (run `npm ci`).
 */
const hasPreact = existsSync(here("./node_modules/preact/package.json"));
const preactCompat = [
  { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
  { find: /^react-dom$/, replacement: "preact/compat" },
  { find: /^react\/jsx-runtime$/, replacement: "preact/jsx-runtime" },
  { find: /^react\/jsx-dev-runtime$/, replacement: "preact/jsx-runtime" },
  { find: /^react$/, replacement: "preact/compat" },
];

/** Vite builds the web app from web/ into dist/web; the API serves that folder. */
export default defineConfig(({ command }) => {
  const build = command === "build";
  if (build && !hasPreact)
    console.warn(
      "fura: preact is not installed (run `npm ci`): this build uses react-dom, and the driver's screen is over its 150 KB budget.",
    );
  return {
    root: here("./web"),
    plugins: [react(), bundledBoundaries(), bundledPlaces(), pwa, precompress(here("./dist/web"))],
    resolve: {
      alias: [
        { find: "@shared", replacement: here("./shared") },
        ...(build ? [productionRouter] : []),
        ...(build && hasPreact ? preactCompat : []),
      ],
    },
    build: {
      outDir: here("./dist/web"),
      emptyOutDir: true,
      chunkSizeWarningLimit: 600,
    },
    server: { proxy: { "/api": "http://127.0.0.1:3000" } },
  };
});
