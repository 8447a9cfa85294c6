/**
 * A react-hook-form form validated by a shared zod contract (STYLE.md rule 2: the schema that checks the
 * request on the server checks the form in the browser). The form holds what was typed (text); a pure
 * `toRequest` turns it into the request, which the contract parses; zod's issues become French (or
 * English) field messages through `forms.invalid.*`. Submitting hands the parsed request to the handler.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo } from "react";
import {
  useForm,
  type DefaultValues,
  type FieldError,
  type FieldErrors,
  type FieldValues,
  type Resolver,
  type UseFormReturn,
} from "react-hook-form";
import { z } from "zod";
import { decodeMessage, encodeMessage, issueMessage, zodErrorMap, type IssueLike } from "./messages";

/** How a form maps to its contract. */
export interface ContractFormOptions<TValues extends FieldValues, TRequest> {
  /** The shared contract (zod) the request must satisfy */
  contract: z.ZodType<TRequest>;
  /** What was typed → the request candidate (numbers parsed with lib/forms/parse, empty optional text left out) */
  toRequest: (values: TValues) => unknown;
  defaultValues: DefaultValues<TValues>;
  /**
   * i18n keys for the contract's refinements (code "custom"), by form field ("quantity" →
   * "stockEntry.invalid.negativeForReason"); a function picks the key from the values when a field has several.
   * "field:code" keys reword any other issue of a field ("lines:too_small" → "stockEntry.invalid.noCount").
   * A "*" stands for a row index: "vehicles.*.shiftEnd"; "field:*" rewords every issue of the field.
   */
  customMessages?: Partial<Record<string, string | ((values: TValues) => string)>>;
  /** The form field of a contract path, when the names differ ("lines.0.countedQty" → "counted.12:malaria") */
  fieldOf?: (path: string, values: TValues) => string;
}

/** A form whose submit handler receives the parsed request. */
export type ContractForm<TValues extends FieldValues, TRequest = unknown> = UseFormReturn<TValues, unknown, TRequest>;

/** Every leaf error of a nested error object, with its dotted path. */
function flatten(errors: FieldErrors, prefix = ""): [string, FieldError][] {
  const out: [string, FieldError][] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== "object") continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if ("message" in value && typeof (value as FieldError).type === "string") out.push([path, value as FieldError]);
    else out.push(...flatten(value as FieldErrors, path));
  }
  return out;
}

/** Dotted paths → the nested object react-hook-form reads its errors from. */
function nest(entries: [string, FieldError][]): FieldErrors {
  const root: Record<string, unknown> = {};
  for (const [path, error] of entries) {
    const parts = path.split(".");
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] ??= error;
  }
  return root as FieldErrors;
}

/** The message rule of a field's issue: "field:code", else "field" for a refinement; row indexes may be written "*". */
function ruleFor<T>(rules: Partial<Record<string, T>>, field: string, code: string): T | undefined {
  // A row segment (an index "3", or a key with digits "7-12") may be written "*".
  const generic = field.replace(/\.[^.]*\d[^.]*(?=\.)/g, ".*");
  for (const name of [field, generic]) {
    const rule = rules[`${name}:${code}`] ?? rules[`${name}:*`] ?? (code === "custom" ? rules[name] : undefined);
    if (rule !== undefined) return rule;
  }
  return undefined;
}

/** The resolver: zod's resolver over `preprocess(toRequest, contract)`, issues renamed to form fields and refinements given their key. */
export function contractResolver<TValues extends FieldValues, TRequest>(
  options: Pick<ContractFormOptions<TValues, TRequest>, "contract" | "toRequest" | "customMessages" | "fieldOf">,
): Resolver<TValues, unknown, TRequest> {
  const { contract, toRequest, customMessages = {}, fieldOf } = options;
  // The form's values go in, the contract's request comes out.
  const schema = z.preprocess((values) => toRequest(values as TValues), contract) as unknown as z.ZodType<
    TRequest,
    TValues
  >;
  const base = zodResolver(schema, { error: zodErrorMap });
  return async (values, context, resolverOptions) => {
    const result = await base(values, context, resolverOptions as never);
    if (Object.keys(result.errors).length === 0) return result as never;
    // A contract may carry its own (English) message on a check, which wins over the error map: such an
    // issue is worded again from its code and limits.
    const issues = new Map(
      (schema.safeParse(values).error?.issues ?? []).map((i) => [i.path.map(String).join("."), i] as const),
    );
    const entries = flatten(result.errors).map(([path, raw]): [string, FieldError] => {
      const issue = issues.get(path);
      const error =
        decodeMessage(raw.message) === null && issue && issue.code !== "custom"
          ? { ...raw, message: encodeMessage(issueMessage(issue as unknown as IssueLike)) }
          : raw;
      const field = fieldOf ? fieldOf(path, values) : path;
      const rule = ruleFor(customMessages, field, String(error.type));
      const custom = typeof rule === "function" ? rule(values) : rule;
      return [field, custom ? { ...error, message: encodeMessage({ key: custom }) } : error];
    });
    return { values: {}, errors: nest(entries) as FieldErrors<TValues> };
  };
}

/**
 * The form: validated as typed once a field was changed (mode onChange), every field on submit; the
 * submit handler (form.handleSubmit) receives the contract's parsed output.
 */
export function useContractForm<TValues extends FieldValues, TRequest>(
  options: ContractFormOptions<TValues, TRequest>,
): ContractForm<TValues, TRequest> {
  const { contract, toRequest, customMessages, fieldOf } = options;
  // The resolver is rebuilt when its inputs change (toRequest usually closes over the page's data).
  const resolver = useMemo(
    () => contractResolver({ contract, toRequest, customMessages, fieldOf }),
    [contract, toRequest, customMessages, fieldOf],
  );
  return useForm<TValues, unknown, TRequest>({
    mode: "onChange",
    defaultValues: options.defaultValues,
    resolver,
  });
}
