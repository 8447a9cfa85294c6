/**
 * npm run restore -- FILE [--db data/fura.db] [--without-manifest]
 * Restores a backup into a stopped instance (server/ops/restore.ts): checks the file (checksum from its
 * manifest, integrity_check, row counts, schema version not newer than this code), refuses while any
 * process has the database open, then moves the current database aside and puts the backup in its place.
 */
import { parseArgs } from "node:util";
import { restoreBackup, RestoreRefused } from "../server/ops/restore";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: "string", default: process.env.FURA_DB ?? "data/fura.db" },
    "without-manifest": { type: "boolean", default: false },
  },
});

const file = positionals[0];
if (!file) {
  console.error("Usage: npm run restore -- FILE [--db data/fura.db] [--without-manifest]");
  process.exit(2);
}
try {
  const r = await restoreBackup({ file, dbFile: values.db!, withoutManifest: values["without-manifest"] });
  console.log(`Restored ${r.restored}${r.createdAt ? ` (snapshot of ${r.createdAt})` : ""} into ${values.db}.`);
  console.log(`  schema ${r.schema.latest}: migrations newer than it are applied when the server starts.`);
  console.log(r.previous ? `  The previous database is kept as ${r.previous}.` : "  There was no database before.");
} catch (e) {
  if (!(e instanceof RestoreRefused)) throw e;
  console.error(`Restore refused, nothing changed: ${e.message}`);
  process.exit(1);
}
