/** Quantification scenarios and procurement budgets: writes inside the route's transaction, checked against the catalogue. */
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { procurementBudgets, quantificationScenarios } from "../../db/schema";
import { ScenarioSettings, type BudgetsPut, type Scenario, type ScenarioWrite } from "../../shared/contracts/scenarios";
import { AppError } from "../../shared/errors";
import { unknownScenarioCodes } from "../quantification/inputs";
import type { WriteContext } from "./stock";

type Row = typeof quantificationScenarios.$inferSelect;

/** A stored scenario as the API shows it. */
export function scenarioView(row: Row): Scenario {
  return {
    id: row.id,
    name: row.name,
    settings: ScenarioSettings.parse(JSON.parse(row.settings)),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Every scenario, by name. */
export function listScenarios(db: Db): Scenario[] {
  return db.select().from(quantificationScenarios).orderBy(quantificationScenarios.name).all().map(scenarioView);
}

/** One scenario (404 when unknown). */
export function getScenario(db: Db | Tx, id: number): Row {
  const row = db.select().from(quantificationScenarios).where(eq(quantificationScenarios.id, id)).get();
  if (!row) throw new AppError("not_found", `Unknown scenario ${id}`);
  return row;
}

/** Refuses products and funding sources the database does not know, and a name another scenario has. */
function checkScenario(tx: Tx, body: ScenarioWrite, id: number | null): void {
  const issues = unknownScenarioCodes(tx, body.settings);
  const same = tx
    .select({ id: quantificationScenarios.id })
    .from(quantificationScenarios)
    .where(eq(quantificationScenarios.name, body.name))
    .get();
  if (same && same.id !== id) issues.unshift({ path: "name", message: "another scenario has this name" });
  if (issues.length > 0)
    throw new AppError("validation_failed", `${issues[0]!.path}: ${issues[0]!.message}`, { issues });
}

/** Saves a new scenario. */
export function createScenario(tx: Tx, body: ScenarioWrite, ctx: WriteContext): Row {
  checkScenario(tx, body, null);
  const at = ctx.now.toISOString();
  return tx
    .insert(quantificationScenarios)
    .values({
      name: body.name,
      settings: JSON.stringify(body.settings),
      createdBy: ctx.userId,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
    .get();
}

/** Replaces a scenario's name and settings. */
export function updateScenario(
  tx: Tx,
  id: number,
  body: ScenarioWrite,
  ctx: WriteContext,
): { before: Row; after: Row } {
  const before = getScenario(tx, id);
  checkScenario(tx, body, id);
  const after = tx
    .update(quantificationScenarios)
    .set({ name: body.name, settings: JSON.stringify(body.settings), updatedAt: ctx.now.toISOString() })
    .where(eq(quantificationScenarios.id, id))
    .returning()
    .get();
  return { before, after };
}

/** Deletes a scenario. */
export function deleteScenario(tx: Tx, id: number): Row {
  const before = getScenario(tx, id);
  tx.delete(quantificationScenarios).where(eq(quantificationScenarios.id, id)).run();
  return before;
}

/** Every budget row, by funding source and year. */
export function listBudgets(db: Db | Tx) {
  return db
    .select({
      fundingSource: procurementBudgets.fundingSource,
      year: procurementBudgets.year,
      amountXof: procurementBudgets.amountXof,
      updatedAt: procurementBudgets.updatedAt,
    })
    .from(procurementBudgets)
    .orderBy(procurementBudgets.fundingSource, procurementBudgets.year)
    .all();
}

/** Sets each funding source × year given (unknown funding sources refused, all or nothing); returns the rows before. */
export function putBudgets(tx: Tx, body: BudgetsPut, ctx: WriteContext) {
  const known = new Set(tx.all<{ code: string }>(sql`select code from funding_sources`).map((r) => r.code));
  const issues = body.budgets.flatMap((b, i) =>
    known.has(b.fundingSource)
      ? []
      : [{ path: `budgets.${i}.fundingSource`, message: `unknown funding source ${b.fundingSource}` }],
  );
  if (issues.length > 0)
    throw new AppError("validation_failed", `${issues[0]!.path}: ${issues[0]!.message}`, { issues });
  const before = tx.select().from(procurementBudgets).all();
  const at = ctx.now.toISOString();
  for (const b of body.budgets)
    tx.insert(procurementBudgets)
      .values({ ...b, updatedBy: ctx.userId, updatedAt: at })
      .onConflictDoUpdate({
        target: [procurementBudgets.fundingSource, procurementBudgets.year],
        set: { amountXof: b.amountXof, updatedBy: ctx.userId, updatedAt: at },
      })
      .run();
  return before.filter((r) => body.budgets.some((b) => b.fundingSource === r.fundingSource && b.year === r.year));
}
