import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Vite builds the web app from web/ into dist/web; the API serves that folder. */
export default defineConfig({
  root: here("./web"),
  plugins: [react()],
  resolve: { alias: { "@shared": here("./shared") } },
  build: {
    outDir: here("./dist/web"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
