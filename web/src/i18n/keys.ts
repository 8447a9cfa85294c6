/**
 * Typed helpers for keys built at run time (a reason, a status, a message key from the API): each checks the
 * value against the shared list it comes from, so that `t()` only ever receives a key that exists in fr/, and
 * formats a message's numbers in the reader's language (messages from shared/ and server/ carry raw numbers).
 */
import i18n, { type ParseKeys, type TFunction } from "i18next";
import type { AUDIT_OBJECT_TYPES, AuditAction } from "@shared/contracts/audit";
import type { Message, MessageValue } from "@shared/domain/messages";
import type { ExplanationKey } from "@shared/domain/replenishment/orderQuantity";
import type { LotBlockReason } from "@shared/domain/stock/lots";
import { REPORT_D_KEYS, type ReportDKey } from "@shared/domain/stock/reasons";
import type { DetailKey } from "@shared/errors";
import { formatDate, formatDecimal, formatPeriod } from "./format";
import type { Messages } from "./fr";

/** Any key of the texts (checked against the French file by tsc). */
export type TextKey = ParseKeys;

/** `true` only when T is (compile-time checks below: a `false` fails `tsc`). */
export type Holds<T extends true> = T;

/** Compile-time check: a step or note key of shared/domain without a French text fails `tsc`. */
export type ExplainTextsComplete = Holds<
  Messages["explain"] extends Record<Exclude<ExplanationKey, "packs" | "relay">, string> & {
    packs_one: string;
    relay_one: string;
  }
    ? true
    : false
>;

/** The label of an adjustment reason or a key of a report's D ("Perte", "Transfert sortant"…); an unknown one as stored. */
export function reasonLabel(t: TFunction, reason: string): string {
  return (REPORT_D_KEYS as readonly string[]).includes(reason) ? t(`reason.${reason as ReportDKey}`) : reason;
}

/** One value of a message as the reader writes it: numbers grouped and with a decimal comma in French, "—" for nothing. */
export function formatValue(name: string, value: MessageValue, lang: string): string {
  if (value === null) return "—";
  if (Array.isArray(value)) return value.map((v) => formatValue(name, v, lang)).join(" ; ");
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}/.test(value)) return formatDate(value);
    return /^\d{4}-\d{2}$/.test(value) ? formatPeriod(value, lang) : value;
  }
  // Identifiers (orderId, reportId…) are written as they are, without thousands grouping.
  return /Id$/.test(name) ? String(value) : formatDecimal(value, lang);
}

/** A message's values formatted for interpolation, with `count` for the plural of its main number. */
export function formatValues(values: Message["values"], lang: string, count?: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) out[name] = formatValue(name, value, lang);
  if (count && typeof values[count] === "number") out.count = values[count];
  return out;
}

/** One step or note of a line's explanation, as a sentence in the reader's language. */
export function explanationText(t: TFunction, step: Message<ExplanationKey>, lang: string): string {
  const key = step.key === "allocation" && step.values.rationed === "yes" ? "allocation_rationed" : step.key;
  const count = key === "packs" ? "packs" : key === "relay" ? "facilities" : undefined;
  // A step stored by another version, with no text here, reads as nothing.
  return t(`explain.${key}`, { ...formatValues(step.values, lang, count), defaultValue: "" });
}

const BLOCK_REASONS: readonly string[] = ["expired", "short_dated"] satisfies LotBlockReason[];

/**
 * A message of the server (an error's detail) as a sentence: its numbers and dates formatted, its codes (a
 * reason of D, why a lot is blocked) in words; `count` names the value that chooses the plural.
 */
export function messageText(
  t: TFunction,
  ns: "apiDetail",
  m: Message<DetailKey>,
  lang: string,
  count?: string,
): string {
  const values = formatValues(m.values, lang, count);
  const reason = m.values.reason;
  if (typeof reason === "string")
    values.reason = BLOCK_REASONS.includes(reason) ? t(`blocked.${reason as LotBlockReason}`) : reasonLabel(t, reason);
  return t(`${ns}.${m.key}`, values);
}

/**
 * Whether a key read at run time (a form message carried in a field error, a key from a custom message table) is a
 * text of the loaded texts (the current language's, typed by the French file): a leaf, or a plural's base ("x" for
 * "x_one" / "x_other"). A screen's texts are loaded before it renders (see ./index.ts).
 */
export function isTextKey(key: string): key is TextKey {
  let node: unknown = (i18n.isInitialized && i18n.getResourceBundle(i18n.language, "translation")) || {};
  const parts = key.split(".");
  for (const [i, part] of parts.entries()) {
    if (typeof node !== "object" || node === null) return false;
    const texts = node as Record<string, unknown>;
    if (Object.hasOwn(texts, part)) node = texts[part];
    else return i === parts.length - 1 && typeof texts[`${part}_other`] === "string";
  }
  return typeof node === "string";
}

/**
 * A text whose key is built at run time from a feature's codes (an interop reason, a form field's name): checked
 * against the French texts, so an unknown code shows as itself rather than as a broken key.
 */
export function dynamicText(t: TFunction, key: string, values: Record<string, unknown> = {}): string {
  return isTextKey(key) ? t(key, values as Record<string, string | number>) : key;
}

/** A programme's name in the reader's language: the reference data carry French and English; any other reads French. */
export function programmeName(p: { nameFr: string; nameEn: string }, lang: string): string {
  return lang === "en" ? p.nameEn : p.nameFr;
}

/** A base unit of the catalogue ("comprimé") for a quantity: its plural in the reader's language; an unknown one as stored. */
export function unitLabel(t: TFunction, baseUnit: string, count = 2): string {
  return t(`unit.${baseUnit as BaseUnit}`, { count, defaultValue: baseUnit });
}
/** A base unit the texts know. */
type BaseUnit = { [K in keyof Messages["unit"]]: K extends `${infer U}_one` ? U : never }[keyof Messages["unit"]];

/** An audit action with its dots written "_" (the dot separates i18n keys). */
type Underscored<S extends string> = S extends `${infer A}.${infer B}` ? `${A}_${Underscored<B>}` : S;
/** The key of an audit action's name. */
type AuditActionKey = Underscored<AuditAction>;
/** Compile-time check: an audit action of shared/contracts/audit without a French name fails `tsc`. */
export type AuditNamesComplete = Holds<Messages["auditAction"] extends Record<AuditActionKey, string> ? true : false>;

/** The name of an audit action ("order.edit" → "Modification des quantités demandées"); an unknown one as its code. */
export function auditActionLabel(t: TFunction, action: string): string {
  // The names are typed by the shared list (above), so a name exists exactly for the actions of that list.
  const key = action.replaceAll(".", "_") as AuditActionKey;
  return t(`auditAction.${key}`, { defaultValue: action });
}

/** The name of the kind of object an audit entry is about; an unknown one as its code. */
export function auditObjectLabel(t: TFunction, objectType: string): string {
  return t(`auditObject.${objectType as (typeof AUDIT_OBJECT_TYPES)[number]}`, { defaultValue: objectType });
}
