/**
 * Writes GS1 element strings: the bracketed human-readable form, or the raw form a scanner transmits
 * (FNC1 as GS after every element whose length is not predefined, except the last). The inverse of parseGs1,
 * used by the tests (build → parse round trip) and by anything that prints or simulates a barcode.
 */
import { AI_TABLE, needsSeparator } from "./ais";
import { GS } from "./parse";

/** An AI and its value as it would be encoded. */
export interface Gs1ElementInput {
  ai: string;
  value: string;
}

/** How to write the string. */
export interface Gs1BuildOptions {
  form: "bracketed" | "raw";
  /** Raw form only: a symbology identifier to lead with (`]d2`, `]C1`, `]Q3`…) */
  symbology?: string;
  /** Raw form only: what stands for FNC1 between elements (default GS, U+001D) */
  separator?: string;
}

/** The element string of `elements`, in the given order. Unknown AIs throw (a programming error, not input). */
export function buildGs1(elements: Gs1ElementInput[], options: Gs1BuildOptions): string {
  for (const e of elements) if (!AI_TABLE.has(e.ai)) throw new Error(`buildGs1: unknown AI ${e.ai}`);
  if (options.form === "bracketed") return elements.map((e) => `(${e.ai})${e.value}`).join("");
  const separator = options.separator ?? GS;
  let out = options.symbology ?? "";
  elements.forEach((e, i) => {
    out += e.ai + e.value;
    if (i < elements.length - 1 && needsSeparator(e.ai)) out += separator;
  });
  return out;
}
