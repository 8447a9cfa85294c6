import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Unit tests sit next to pure code; API and browser tests live in tests/. */
export default defineConfig({
  resolve: { alias: { "@shared": here("./shared"), "@db": here("./db") } },
  test: {
    include: [
      "shared/**/*.test.ts",
      "db/**/*.test.ts",
      "server/**/*.test.ts",
      "web/**/*.test.{ts,tsx}",
      "tests/**/*.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
