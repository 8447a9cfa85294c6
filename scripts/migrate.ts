/** npm run db:migrate — applies the migrations to FURA_DB (default data/fura.db). */
import { openDb } from "../db/client";

const file = process.env.FURA_DB ?? "data/fura.db";
openDb(file).close();
console.log(`migrated ${file}`);
