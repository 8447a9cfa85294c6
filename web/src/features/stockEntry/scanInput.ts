/**
 * What a USB barcode scanner does to a text field (pure rules, tested): it types the code as keystrokes, much
 * faster than a person, usually ending with Enter. FNC1 — the separator after a variable-length GS1 value — is
 * sent as the GS character (ASCII 29), which most keyboard-wedge scanners type as Ctrl+]: a browser inserts no
 * character for it, so the field inserts GS itself. The server's parser also reads the usual text stand-ins
 * (`<GS>`, `|`, `~`…) for scanners set up without it.
 */

/** The group separator that stands for FNC1. */
export const GS = "\u001d";

/** The character a key press stands for that the browser would not insert itself: GS for Ctrl+], else null. */
export function insertedByKey(e: { key: string; code?: string; ctrlKey: boolean; altKey?: boolean }): string | null {
  if (e.ctrlKey && !e.altKey && (e.key === "]" || e.code === "BracketRight" || e.key === "GroupSeparator")) return GS;
  if (e.key === "GroupSeparator") return GS;
  return null;
}

/** Milliseconds between two characters below which typing is a scanner's (people type 100–300 ms apart). */
export const SCANNER_GAP_MS = 40;
/** Characters that must come that fast before the field reads the code on its own (a scanner set without Enter). */
export const SCANNER_MIN_CHARS = 8;

/**
 * Follows how fast the field fills: `typed(length, at)` after each change, `isScan()` says whether the text came
 * as a scanner burst (or a paste) — then the field reads it after a short pause even without Enter.
 */
export class BurstMeter {
  private lastAt = 0;
  private lastLength = 0;
  private fast = 0;

  /** Records a change of the field's text to `length` characters at `at` ms. */
  typed(length: number, at: number): void {
    const added = length - this.lastLength;
    if (length === 0 || added < 0) this.fast = 0;
    else if (added > 1) this.fast += added;
    else if (added === 1 && at - this.lastAt <= SCANNER_GAP_MS) this.fast += 1;
    else if (added === 1) this.fast = 1;
    this.lastAt = at;
    this.lastLength = length;
  }

  /** True when the text so far came as a burst. */
  isScan(): boolean {
    return this.fast >= SCANNER_MIN_CHARS;
  }

  /** Forgets the text (after it was read). */
  reset(): void {
    this.fast = 0;
    this.lastLength = 0;
  }
}
