import { describe, expect, it } from "vitest";
import { filterOperations, operationsByTag, resolveRef, typeLabel } from "./openApiModel";

const doc = {
  tags: [{ name: "stock" }, { name: "interop/gs1" }],
  paths: {
    "/interop/gs1/parse": {
      post: {
        operationId: "post_interop_gs1_parse",
        tags: ["interop/gs1"],
        summary: "Reads a barcode",
        "x-fura-action": "stock:write",
        "x-fura-kind": "compute",
        parameters: [{ name: "X-CSRF-Token", in: "header", required: true, schema: { type: "string" } }],
        requestBody: { content: { "application/json": { schema: { type: "object", required: ["code"] } } } },
        responses: {
          "200": { description: "OK" },
          "400": {
            description: "Error",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
          },
        },
      },
    },
    "/facilities/{id}/stock": { get: { tags: ["stock"], responses: { "200": { description: "OK" } } } },
  },
  components: { schemas: { Error: { type: "object", required: ["error"] } } },
};

describe("the OpenAPI reader's model", () => {
  it("groups operations by tag in the document's order, with parameters, body and responses", () => {
    const tags = operationsByTag(doc);
    expect(tags.map((t) => t.tag)).toEqual(["stock", "interop/gs1"]);
    const parse = tags[1]!.operations[0]!;
    expect(parse).toMatchObject({ method: "post", path: "/interop/gs1/parse", action: "stock:write", kind: "compute" });
    expect(parse.parameters[0]).toMatchObject({ name: "X-CSRF-Token", in: "header", required: true });
    expect(parse.body).toEqual({ type: "object", required: ["code"] });
    expect(parse.responses.map((r) => r.status)).toEqual(["200", "400"]);
    expect(tags[0]!.operations[0]!.body).toBeNull();
  });

  it("resolves references and labels types", () => {
    expect(resolveRef(doc, { $ref: "#/components/schemas/Error" })).toEqual({
      schema: { type: "object", required: ["error"] },
      name: "Error",
    });
    expect(typeLabel({ type: ["string", "null"] })).toBe("string | null");
    expect(typeLabel({ enum: ["json", "adx"] })).toBe('"json" | "adx"');
    expect(typeLabel({ type: "string", format: "date" })).toBe("string (date)");
    expect(typeLabel({})).toBe("any");
  });

  it("filters on every word of the search", () => {
    const tags = operationsByTag(doc);
    expect(filterOperations(tags, "gs1 post").flatMap((t) => t.operations.map((o) => o.path))).toEqual([
      "/interop/gs1/parse",
    ]);
    expect(filterOperations(tags, "nothing")).toEqual([]);
  });
});
