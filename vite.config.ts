import { readFileSync } from "node:fs";
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

/**
 * Service worker (Workbox generateSW): precaches the app shell (HTML, JS, CSS — the boundaries are a
 * JS chunk) so a reload without network opens the app; at run time it caches only what the driver's
 * screen reads offline, network first: GET /api/v1/auth/me, and GET /api/v1/route-plans and
 * /route-plans/:id when the request carries `X-Fura-Offline: 1` (only the driver's screen sends it, so
 * a dispatcher's plans are never answered from a cache). Nothing else of /api is cached, no write is
 * (runtime routes match GET only), and navigations to /api never get the app shell.
 */
const pwa = VitePWA({
  strategies: "generateSW",
  registerType: "autoUpdate",
  injectRegister: false,
  manifest: false,
  workbox: {
    globPatterns: ["**/*.{js,css,html,svg,png,woff2}"],
    navigateFallback: "index.html",
    navigateFallbackDenylist: [/^\/api\//],
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    runtimeCaching: [
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

/** Vite builds the web app from web/ into dist/web; the API serves that folder. */
export default defineConfig({
  root: here("./web"),
  plugins: [react(), bundledBoundaries(), pwa],
  resolve: { alias: { "@shared": here("./shared") } },
  build: {
    outDir: here("./dist/web"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
