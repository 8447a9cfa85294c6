/**
 * Prints the data-version triggers (db/dataVersions.ts) of the tables given, or of every classified table,
 * as migration SQL: `node --import tsx scripts/dataVersionTriggers.ts [TABLE…] > db/migrations/NNNN_x.sql`
 * (after `npx drizzle-kit generate --custom`).
 */
import { DATA_VERSION_RULES, dataVersionTriggers } from "../db/dataVersions";

const tables = process.argv.slice(2);
const statements = (tables.length ? tables : Object.keys(DATA_VERSION_RULES)).flatMap(dataVersionTriggers);
process.stdout.write(statements.join("\n--> statement-breakpoint\n") + "\n");
