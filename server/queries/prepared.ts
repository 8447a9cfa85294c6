/**
 * Prepared statements kept per connection, for the reads that run hundreds of times a second: preparing
 * (or building through drizzle) costs more than the query itself on a small answer.
 */
import type Database from "better-sqlite3";
import type { Db } from "../../db/client";

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The statement of `sqlText` on this connection, prepared once. */
export function prepared(db: Db, sqlText: string): Database.Statement {
  const sqlite = db.$client;
  let statements = cache.get(sqlite);
  if (!statements) cache.set(sqlite, (statements = new Map()));
  let statement = statements.get(sqlText);
  if (!statement) statements.set(sqlText, (statement = sqlite.prepare(sqlText)));
  return statement;
}
