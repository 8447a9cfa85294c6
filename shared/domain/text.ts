/**
 * Searching names, the one normalisation: lower case without accents, so that "paracetamol" finds
 * "Paracétamol" and "segou" finds "Ségou". The web's filters use it in the browser; the server registers it in
 * SQLite as fold() (db/client) so that its searches (products, facilities) agree with them.
 */

/** Lower case without diacritics, with runs of spaces made one: "  Paracétamol  500 " → "paracetamol 500". */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The words of a search, folded (empty for a blank search). */
export function searchWords(query: string): string[] {
  return foldText(query).split(" ").filter(Boolean);
}

/** Whether every word of the search is found in the text, whatever the case and accents. */
export function matchesSearch(text: string, query: string): boolean {
  const folded = foldText(text);
  return searchWords(query).every((w) => folded.includes(w));
}
