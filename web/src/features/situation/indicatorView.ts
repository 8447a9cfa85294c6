/** Indicator figures as the panel shows them: shares in percent, money in FCFA, tones by thresholds. */
import type { Figure } from "@shared/contracts/indicators";
import { formatNumber } from "../../i18n/format";

/** A share 0–1 as "98,0 %" (null: no value). */
export function percent(value: number | null, lang: string): string | null {
  return value === null ? null : `${formatNumber(value * 100, lang, 1)}\u202f%`;
}

/**
 * Tone of a share where more is better: green from `good`, orange from `fair`, red below (e.g. availability
 * 95 % / 80 %, the usual targets of tracer availability and reporting rates).
 */
export function toneOf(f: Figure, good: number, fair: number): "ok" | "warn" | "danger" | undefined {
  if (f.value === null) return undefined;
  return f.value >= good ? "ok" : f.value >= fair ? "warn" : "danger";
}
