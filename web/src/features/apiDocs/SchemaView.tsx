/** A JSON Schema drawn as an expanded tree: each property with its type, whether it is required, its limits and description. */
import { useTranslation } from "react-i18next";
import { resolveRef, typeLabel, type JsonSchema } from "./openApiModel";

const MAX_DEPTH = 8;
const obj = (v: unknown): JsonSchema => (typeof v === "object" && v !== null ? (v as JsonSchema) : {});

/** Limits worth showing beside the type (lengths, bounds, pattern). */
function limits(s: JsonSchema): string {
  const parts: string[] = [];
  if (s.minLength !== undefined || s.maxLength !== undefined)
    parts.push(`|s| ${s.minLength ?? 0}–${s.maxLength ?? "∞"}`);
  if (typeof s.minimum === "number" && Math.abs(s.minimum) < 1e15) parts.push(`≥ ${s.minimum}`);
  if (typeof s.maximum === "number" && Math.abs(s.maximum) < 1e15) parts.push(`≤ ${s.maximum}`);
  if (s.minItems !== undefined || s.maxItems !== undefined) parts.push(`[${s.minItems ?? 0}–${s.maxItems ?? "∞"}]`);
  if (s.default !== undefined) parts.push(`= ${JSON.stringify(s.default)}`);
  return parts.join(", ");
}

/** One schema node. */
export function SchemaView({ doc, schema, depth = 0 }: { doc: unknown; schema: JsonSchema; depth?: number }) {
  const { t } = useTranslation();
  const { schema: s, name } = resolveRef(doc, schema);
  if (depth > MAX_DEPTH) return <span className="muted">…</span>;
  const label = typeLabel(s);
  const properties = obj(s.properties);
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const options = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  const extra = limits(s);
  return (
    <span className="schema-node">
      {name && <code className="schema-name">{name}</code>} {label && <code>{label}</code>}
      {extra && <span className="muted small"> ({extra})</span>}
      {typeof s.description === "string" && <span className="muted small"> — {s.description}</span>}
      {typeof s.pattern === "string" && <span className="muted small schema-pattern"> /{s.pattern}/</span>}
      {Object.keys(properties).length > 0 && (
        <ul className="schema-properties">
          {Object.entries(properties).map(([key, value]) => (
            <li key={key}>
              <code className="schema-key">{key}</code>{" "}
              <span className={required.has(key) ? "schema-required" : "muted small"}>
                {required.has(key) ? t("interop.apiDocs.required") : t("interop.apiDocs.optional")}
              </span>{" "}
              <SchemaView doc={doc} schema={obj(value)} depth={depth + 1} />
            </li>
          ))}
        </ul>
      )}
      {s.items !== undefined && (
        <span className="schema-items">
          {" "}
          {t("interop.apiDocs.items")} <SchemaView doc={doc} schema={obj(s.items)} depth={depth + 1} />
        </span>
      )}
      {typeof s.additionalProperties === "object" && s.additionalProperties !== null && (
        <span className="schema-items">
          {" "}
          {"{ * : "}
          <SchemaView doc={doc} schema={obj(s.additionalProperties)} depth={depth + 1} />
          {" }"}
        </span>
      )}
      {options && (
        <span className="schema-options">
          {" "}
          {t("interop.apiDocs.oneOf")}
          <ol>
            {options.map((o, i) => (
              <li key={i}>
                <SchemaView doc={doc} schema={o} depth={depth + 1} />
              </li>
            ))}
          </ol>
        </span>
      )}
    </span>
  );
}
