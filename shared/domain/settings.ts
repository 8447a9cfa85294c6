/**
 * The settings an administrator may change, with their defaults and bounds (one place: the server reads them
 * through server/queries/settings.ts, the settings screen and the contract use the same bounds).
 */

/** A whole-number setting stored under `key` in the settings table. */
export interface IntSetting {
  key: string;
  /** Used when the row is missing or unreadable */
  defaultValue: number;
  min: number;
  max: number;
}

/** The settings of the administration screen, by their name in the API. */
export const INT_SETTINGS = {
  /** Order calendar: a month's report is due this many days after the month ends (15: on the 16th of the next month) */
  reportDueDays: { key: "report.dueDays", defaultValue: 15, min: 0, max: 60 },
  /** Shelf-life threshold: a lot with fewer days than this before expiry is blocked from issue */
  minShelfLifeDays: { key: "issue.minShelfLifeDays", defaultValue: 30, min: 0, max: 730 },
} as const satisfies Record<string, IntSetting>;

export type IntSettingName = keyof typeof INT_SETTINGS;

/** The value of a setting from its stored text: the default when missing, not a whole number or out of bounds. */
export function intSettingValue(setting: IntSetting, stored: string | null | undefined): number {
  const n = stored === null || stored === undefined ? NaN : Number(stored);
  return Number.isInteger(n) && n >= setting.min && n <= setting.max ? n : setting.defaultValue;
}
