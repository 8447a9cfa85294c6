/**
 * Which backups to keep, by the rule restic calls --keep-daily / --keep-weekly: for each of the last
 * `daily` UTC days that have a backup, the newest backup of that day; for each of the last `weekly` ISO
 * weeks that have a backup, the newest of that week. The union is kept, the rest deleted; the newest
 * backup is always kept (it is the newest of its day). Mali is on UTC all year, so days are local days.
 */
/** How many days and weeks of backups to keep. */
export interface RotationPolicy {
  daily: number;
  weekly: number;
}

/** The rule: a week of daily backups and a month of weekly ones. */
export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4 };

/** A backup as rotation sees it: its name and when its snapshot was taken. */
export interface RotatedBackup {
  name: string;
  createdAt: Date;
}

/** ISO week of a date in UTC, e.g. "2026-W49" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekUtc(d: Date): string {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  day.setUTCDate(day.getUTCDate() + 3 - ((day.getUTCDay() + 6) % 7)); // the Thursday of d's week
  const jan4 = new Date(Date.UTC(day.getUTCFullYear(), 0, 4));
  const thursdayOfWeek1 = jan4.getTime() + (3 - ((jan4.getUTCDay() + 6) % 7)) * 86_400_000;
  const week = 1 + Math.round((day.getTime() - thursdayOfWeek1) / (7 * 86_400_000));
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** Newest backup of each of the `n` most recent buckets (days or weeks) that have one. */
function newestPerBucket(sorted: RotatedBackup[], bucket: (d: Date) => string, n: number): string[] {
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const b of sorted) {
    const key = bucket(b.createdAt);
    if (seen.has(key)) continue;
    if (seen.size >= n) break;
    seen.add(key);
    kept.push(b.name);
  }
  return kept;
}

/** Splits backups into those the policy keeps and those it deletes (names). */
export function rotate(backups: RotatedBackup[], policy: RotationPolicy): { keep: string[]; drop: string[] } {
  const sorted = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const keep = new Set([
    ...newestPerBucket(sorted, day, Math.max(1, policy.daily)),
    ...newestPerBucket(sorted, isoWeekUtc, policy.weekly),
  ]);
  return {
    keep: sorted.filter((b) => keep.has(b.name)).map((b) => b.name),
    drop: sorted.filter((b) => !keep.has(b.name)).map((b) => b.name),
  };
}
