/**
 * Zod issues → i18n keys (pure, tested). The shared contracts speak zod's English; a form shows the
 * key of `forms.invalid.*` (French first) with its values. A field error carries the key and values
 * encoded in its message, so the text follows the interface language even after a switch.
 */
import type { TFunction } from "i18next";
import { isTextKey } from "../../i18n/keys";

/** An i18n key and the values it interpolates. */
export interface FieldMessage {
  key: string;
  values?: Record<string, string | number>;
}

/** The parts of a zod 4 issue the mapping reads (the resolver hands raw issues to the error map). */
export interface IssueLike {
  code: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

const invalid = (name: string, values?: FieldMessage["values"]): FieldMessage => ({
  key: `forms.invalid.${name}`,
  ...(values ? { values } : {}),
});

/** A missing value: undefined, null or an empty string / list. */
const isEmpty = (input: unknown) =>
  input === undefined || input === null || input === "" || (Array.isArray(input) && input.length === 0);

function tooSmall(issue: IssueLike): FieldMessage {
  const min = Number(issue.minimum ?? 0);
  if (issue.origin === "string") return min <= 1 ? invalid("required") : invalid("tooShort", { min });
  if (issue.origin === "array" || issue.origin === "set") return invalid("required");
  if ((min === 0 && issue.inclusive === false) || (min === 1 && issue.inclusive !== false)) return invalid("positive");
  if (min === 0) return invalid("notNegative");
  return invalid("tooSmall", { min });
}

function tooBig(issue: IssueLike): FieldMessage {
  const max = Number(issue.maximum ?? 0);
  if (issue.origin === "string") return invalid("tooLong", { max });
  if (issue.origin === "array" || issue.origin === "set") return invalid("tooMany", { max });
  return invalid("tooLarge", { max });
}

/** The message of one issue: "required" for a missing value, else by the check that failed. */
export function issueMessage(issue: IssueLike): FieldMessage {
  switch (issue.code) {
    case "invalid_type":
      if (isEmpty(issue.input)) return invalid("required");
      if (issue.expected === "int") return invalid("wholeNumber");
      return issue.expected === "number" ? invalid("number") : invalid("invalid");
    case "too_small":
      return isEmpty(issue.input) && issue.origin === "string" ? invalid("required") : tooSmall(issue);
    case "too_big":
      return tooBig(issue);
    case "invalid_format":
      return issue.format === "date" || issue.format === "datetime" ? invalid("date") : invalid("format");
    case "invalid_value":
    case "invalid_union":
      return isEmpty(issue.input) ? invalid("required") : invalid("choose");
    default:
      return invalid("invalid");
  }
}

/** A message as a field error's text: the key and its values, decoded by `messageText`. */
export function encodeMessage(message: FieldMessage): string {
  return JSON.stringify([message.key, message.values ?? {}]);
}

/** The message a field error carries: an encoded key, a bare i18n key ("stockEntry.invalid.x"), or null. */
export function decodeMessage(text: string | undefined): FieldMessage | null {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && typeof parsed[0] === "string")
      return { key: parsed[0], values: (parsed[1] ?? {}) as FieldMessage["values"] };
  } catch {
    // Not encoded: a bare key below.
  }
  return /^[A-Za-z]+(\.[A-Za-z0-9_]+)+$/.test(text) ? { key: text } : null;
}

/** The text of a field error in the interface language (a message that is no key at all is shown as "invalid"). */
export function messageText(t: TFunction, text: string | undefined): string {
  const message = decodeMessage(text);
  // A key that is no text (a typo in a custom message table) reads "invalid" rather than showing the raw key.
  if (!message || !isTextKey(message.key)) return t("forms.invalid.invalid");
  return t(message.key, message.values ?? {});
}

/** The zod error map the form resolver passes to the contracts: every issue becomes an encoded key. */
export const zodErrorMap = (issue: unknown) => encodeMessage(issueMessage(issue as IssueLike));
