import { defineConfig } from "drizzle-kit";

/** drizzle-kit generates SQL migrations from db/schema into db/migrations. */
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
