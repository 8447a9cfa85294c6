/**
 * The OpenAPI document as the reader shows it (pure, tested): operations grouped by tag, and schemas resolved
 * through `$ref` (with a depth limit, so a recursive schema stops instead of looping).
 */

/** A JSON Schema object as found in the document. */
export type JsonSchema = Record<string, unknown>;

/** One operation of the document. */
export interface OperationView {
  method: string;
  path: string;
  operationId: string;
  summary: string | null;
  action: string;
  kind: string;
  parameters: { name: string; in: string; required: boolean; description: string | null; schema: JsonSchema }[];
  body: JsonSchema | null;
  responses: { status: string; description: string; content: { type: string; schema: JsonSchema | null }[] }[];
}

/** The operations of a tag. */
export interface TagView {
  tag: string;
  operations: OperationView[];
}

const METHODS = ["get", "post", "put", "patch", "delete"];
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** Operations grouped by their first tag, tags in the document's order, operations by path then method. */
export function operationsByTag(doc: unknown): TagView[] {
  const paths = obj(obj(doc).paths);
  const byTag = new Map<string, OperationView[]>();
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = obj(obj(item)[method]);
      if (Object.keys(op).length === 0) continue;
      const tag = str((op.tags as unknown[] | undefined)?.[0]) ?? "";
      const content = (c: unknown) =>
        Object.entries(obj(c)).map(([type, v]) => ({
          type,
          schema: Object.keys(obj(obj(v).schema)).length ? obj(obj(v).schema) : null,
        }));
      const view: OperationView = {
        method,
        path,
        operationId: str(op.operationId) ?? `${method} ${path}`,
        summary: str(op.summary),
        action: str(op["x-fura-action"]) ?? "",
        kind: str(op["x-fura-kind"]) ?? "",
        parameters: ((op.parameters as unknown[] | undefined) ?? []).map((p) => ({
          name: str(obj(p).name) ?? "",
          in: str(obj(p).in) ?? "",
          required: obj(p).required === true,
          description: str(obj(p).description),
          schema: obj(obj(p).schema),
        })),
        body: obj(obj(obj(obj(op.requestBody).content)["application/json"]).schema),
        responses: Object.entries(obj(op.responses)).map(([status, r]) => ({
          status,
          description: str(obj(r).description) ?? "",
          content: content(obj(r).content),
        })),
      };
      if (Object.keys(view.body ?? {}).length === 0) view.body = null;
      byTag.set(tag, [...(byTag.get(tag) ?? []), view]);
    }
  }
  const order = ((obj(doc).tags as unknown[] | undefined) ?? []).map((t) => str(obj(t).name) ?? "");
  const tags = [...new Set([...order, ...byTag.keys()])].filter((t) => byTag.has(t));
  return tags.map((tag) => ({ tag, operations: byTag.get(tag)! }));
}

/** The schema a `$ref` points to (`#/components/schemas/Name`), or the schema itself. */
export function resolveRef(doc: unknown, schema: JsonSchema): { schema: JsonSchema; name: string | null } {
  const ref = str(schema.$ref);
  if (!ref) return { schema, name: null };
  const name = ref.replace(/^#\/components\/schemas\//, "");
  return { schema: obj(obj(obj(obj(doc).components).schemas)[name]), name };
}

/** A short type label: "string", "integer", "array", "string | null", an enum's values… */
export function typeLabel(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if ("const" in schema) return JSON.stringify(schema.const);
  const type = schema.type;
  if (Array.isArray(type)) return type.join(" | ");
  if (typeof type === "string") return str(schema.format) ? `${type} (${String(schema.format)})` : type;
  if (schema.anyOf || schema.oneOf) return "";
  return schema.$ref ? "" : "any";
}

/** Operations whose method, path, summary or action contain every word of the filter (case-insensitive). */
export function filterOperations(tags: TagView[], filter: string): TagView[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return tags;
  const hit = (o: OperationView) => {
    const text = `${o.method} ${o.path} ${o.summary ?? ""} ${o.action}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  return tags.map((t) => ({ ...t, operations: t.operations.filter(hit) })).filter((t) => t.operations.length > 0);
}
