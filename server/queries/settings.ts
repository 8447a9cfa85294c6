/** Reads and writes the administrator's settings (shared/domain/settings.ts gives their defaults and bounds). */
import { eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { settings } from "../../db/schema";
import type { SettingsUpdate, SettingsView } from "../../shared/contracts/policies";
import { INT_SETTINGS, intSettingValue, type IntSettingName } from "../../shared/domain/settings";

/** One whole-number setting (its default when unset). */
export function intSetting(db: Db | Tx, name: IntSettingName): number {
  const def = INT_SETTINGS[name];
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, def.key)).get();
  return intSettingValue(def, row?.value);
}

/** Every setting of the administration screen. */
export function readSettings(db: Db | Tx): SettingsView {
  const names = Object.keys(INT_SETTINGS) as IntSettingName[];
  const stored = new Map(
    db
      .select()
      .from(settings)
      .where(
        inArray(
          settings.key,
          names.map((n) => INT_SETTINGS[n].key),
        ),
      )
      .all()
      .map((r) => [r.key, r.value]),
  );
  return Object.fromEntries(
    names.map((n) => [n, intSettingValue(INT_SETTINGS[n], stored.get(INT_SETTINGS[n].key))]),
  ) as SettingsView;
}

/** Saves the settings given (command: inside the write transaction); returns before and after. */
export function saveSettings(tx: Tx, update: SettingsUpdate): { before: SettingsView; after: SettingsView } {
  const before = readSettings(tx);
  for (const [name, value] of Object.entries(update) as [IntSettingName, number][]) {
    const key = INT_SETTINGS[name].key;
    tx.insert(settings)
      .values({ key, value: String(value) })
      .onConflictDoUpdate({ target: settings.key, set: { value: String(value) } })
      .run();
  }
  return { before, after: readSettings(tx) };
}

/** Days after the end of the month by which a report is due (setting report.dueDays; GET /reports sends it). */
export function reportDueDays(db: Db | Tx): number {
  return intSetting(db, "reportDueDays");
}

/** Days of shelf life a lot must still have to be issued (the shelf-life threshold: setting issue.minShelfLifeDays). */
export function minShelfLifeDays(db: Db | Tx): number {
  return intSetting(db, "minShelfLifeDays");
}
