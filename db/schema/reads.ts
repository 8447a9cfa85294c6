/**
 * The data versions the server's read cache checks (server/reads/cache.ts): one counter per facility and one
 * for the reference data every answer depends on ('*'), raised by triggers on every write (db/dataVersions.ts),
 * whichever connection or process writes.
 */
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** A facility id, or '*' for the reference data (catalogue, prices, policies, settings, geography, users). */
export const dataVersions = sqliteTable("data_versions", {
  scope: text("scope").primaryKey(),
  version: integer("version").notNull(),
});
