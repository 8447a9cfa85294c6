/**
 * Messages for people, as keys and values (STYLE.md rule 16): the domain and the server say what happened with a
 * key and its numbers; web/src/i18n turns them into French, English (or any other language) and formats the
 * numbers there. Nothing in shared/ or server/ builds a sentence a person reads.
 */

/** A value of a message: a number (formatted by the reader's language), a code, a list of numbers, or nothing. */
export type MessageValue = number | string | null | (number | null)[];

/** A message: a key the web's i18n knows, with its values. */
export interface Message<K extends string = string> {
  key: K;
  values: Record<string, MessageValue>;
}

/** The key and values of a stored message, without what older versions stored beside them (fr and en sentences). */
export function keyAndValues<K extends string>(m: Message<K>): Message<K> {
  return { key: m.key, values: m.values };
}
