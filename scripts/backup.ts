/**
 * npm run backup -- [--out DIR] [--db FILE] [--keep-daily 7] [--keep-weekly 4] [--level 6]
 * Takes an online backup of the database while the server runs (server/ops/backup.ts): a consistent
 * snapshot through SQLite's backup API, verified (integrity_check, row counts), gzip-compressed, with a
 * manifest beside it; then rotates the folder. Exit code 1 (and nothing kept) when a check fails.
 */
import { parseArgs } from "node:util";
import { defaultBackupDir, takeBackup } from "../server/ops/backup";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: process.env.FURA_DB ?? "data/fura.db" },
    out: { type: "string" },
    "keep-daily": { type: "string", default: "7" },
    "keep-weekly": { type: "string", default: "4" },
    level: { type: "string", default: "6" },
  },
});

const dbFile = values.db!;
const outDir = values.out ?? process.env.FURA_BACKUP_DIR ?? defaultBackupDir(dbFile);
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

try {
  const { manifest, path, removed } = await takeBackup({
    dbFile,
    outDir,
    rotation: { daily: Number(values["keep-daily"]), weekly: Number(values["keep-weekly"]) },
    gzipLevel: Number(values.level),
  });
  const rows = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
  console.log(`backup ${path}`);
  console.log(
    `  snapshot ${manifest.createdAt}, schema ${manifest.schema.latest}, ${rows.toLocaleString("en-US")} rows in ${Object.keys(manifest.counts).length} tables, integrity_check ok`,
  );
  console.log(
    `  ${mib(manifest.dbBytes)} → ${mib(manifest.gzBytes)} gzip; copy ${manifest.ms.copy} ms, verify ${manifest.ms.verify} ms, compress ${manifest.ms.compress} ms`,
  );
  if (removed.length > 0) console.log(`  rotation removed ${removed.join(", ")}`);
} catch (e) {
  console.error(`Backup failed, nothing kept: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
