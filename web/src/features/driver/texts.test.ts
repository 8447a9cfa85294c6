/**
 * The driver's screens load only DRIVER_TEXTS: every key their code writes (`t("group.…")`, in the driver's files
 * and everything they import from web/src) must be in one of those files, or the tablet would show a raw key.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DRIVER_TEXTS } from "./texts";

const ROOT = fileURLToPath(new URL("../../../..", import.meta.url));
const SCREENS = ["MyRoutePage.tsx", "DeliveryPage.tsx", "DriverManifestsPage.tsx"].map((f) =>
  join(ROOT, "web/src/features/driver", f),
);
/** Helpers of many screens whose other keys the driver never reaches (explanations and audit names). */
const ELSEWHERE: Record<string, readonly string[]> = {
  "web/src/i18n/keys.ts": ["explain", "auditAction", "auditObject"],
};

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@shared/") ? join(ROOT, "shared", spec.slice(8)) : join(dirname(from), spec);
  for (const p of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")])
    if (/\.tsx?$/.test(p) && existsSync(p)) return p;
  return null;
}

/** Top-level text groups written by the screens' code → the files that write them. */
function groupsUsed(): Map<string, Set<string>> {
  const seen = new Set<string>();
  const groups = new Map<string, Set<string>>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    const name = relative(ROOT, file);
    for (const m of source.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;]*?from\s+)?"([^"]+)"/gm)) {
      const spec = m[2]!;
      if (m[1] || !(spec.startsWith(".") || spec.startsWith("@shared/")) || /i18n\/(fr|en)\b|^\.\/(fr|en)$/.test(spec))
        continue;
      const next = resolveImport(file, spec);
      if (next) walk(next);
    }
    for (const m of source.matchAll(/\bt\(\s*[`"']([a-zA-Z]+)\./g)) {
      if (ELSEWHERE[name]?.includes(m[1]!)) continue;
      groups.set(m[1]!, (groups.get(m[1]!) ?? new Set()).add(name));
    }
  };
  SCREENS.forEach(walk);
  return groups;
}

describe("the driver's texts", () => {
  it("has every group of keys the driver's screens write in the files they load", async () => {
    const loaded = new Set<string>();
    for (const feature of DRIVER_TEXTS) {
      const module = (await import(`../../i18n/fr/${feature}.ts`)) as Record<string, object>;
      for (const texts of Object.values(module)) Object.keys(texts).forEach((g) => loaded.add(g));
    }
    const used = groupsUsed();
    expect(used.size).toBeGreaterThan(5);
    const missing = [...used].filter(([g]) => !loaded.has(g)).map(([g, files]) => `${g} (${[...files].join(", ")})`);
    expect(missing).toEqual([]);
  });
});
