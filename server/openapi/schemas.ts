/**
 * A zod contract → a JSON Schema (2020-12, the dialect of OpenAPI 3.1) through zod 4's `z.toJSONSchema()`. What
 * JSON Schema cannot say (a transform's output, a custom check) becomes `{}` — any value — rather than an error;
 * the definitions zod emits for recursive schemas are moved to `components.schemas`, since `#/$defs/…` would point
 * at the root of the OpenAPI document.
 */
import { z } from "zod";

/** A JSON Schema object. */
export type JsonSchema = Record<string, unknown>;

/** The document's reusable schemas, filled while converting. */
export interface Components {
  schemas: Record<string, JsonSchema>;
}

/** Rewrites `#/$defs/name` references (and the root `#`) to the hoisted components, in place. */
function rewriteRefs(node: unknown, names: Map<string, string>, root: string): void {
  if (Array.isArray(node)) return node.forEach((n) => rewriteRefs(n, names, root));
  if (typeof node !== "object" || node === null) return;
  const obj = node as Record<string, unknown>;
  const ref = obj.$ref;
  if (typeof ref === "string") {
    const m = /^#\/\$defs\/(.+)$/.exec(ref);
    if (ref === "#") obj.$ref = `#/components/schemas/${root}`;
    else if (m && names.has(m[1]!)) obj.$ref = `#/components/schemas/${names.get(m[1]!)}`;
  }
  for (const value of Object.values(obj)) rewriteRefs(value, names, root);
}

/** Removes `additionalProperties: false` everywhere, in place: an answer may gain fields without breaking clients. */
function openObjects(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(openObjects);
  if (typeof node !== "object" || node === null) return;
  const obj = node as Record<string, unknown>;
  if (obj.additionalProperties === false) delete obj.additionalProperties;
  Object.values(obj).forEach(openObjects);
}

/**
 * The JSON Schema of a zod schema: what a client sends (`input`, with defaults optional; strict objects refuse
 * unknown keys) or receives (`output`; objects left open, since an answer may gain fields).
 */
export function toSchema(schema: z.ZodType, components: Components, io: "input" | "output" = "input"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  if (io === "output") openObjects(json);
  delete json.$schema;
  const defs = json.$defs as Record<string, JsonSchema> | undefined;
  delete json.$defs;
  const usesRoot = JSON.stringify(json).includes('"$ref":"#"');
  if (!defs && !usesRoot) return json;
  const n = Object.keys(components.schemas).length;
  const root = `Recursive${n}`;
  const names = new Map(Object.keys(defs ?? {}).map((name, i) => [name, `Def${n}_${i}`]));
  for (const [name, def] of Object.entries(defs ?? {})) {
    rewriteRefs(def, names, root);
    components.schemas[names.get(name)!] = def;
  }
  rewriteRefs(json, names, root);
  if (!usesRoot) return json;
  components.schemas[root] = json;
  return { $ref: `#/components/schemas/${root}` };
}
