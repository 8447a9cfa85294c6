/** Accent- and case-insensitive search text, so "paracetamol" finds "Paracétamol" (pure). */

/** Lower case without accents. */
export function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** Whether every word of the query is found in the text, accents and case ignored. */
export function matchesWords(text: string, query: string): boolean {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  const haystack = normalise(text);
  return words.every((w) => haystack.includes(w));
}
