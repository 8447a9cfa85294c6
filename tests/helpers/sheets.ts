/** What the spreadsheet tests share: a text file as the base64 an import sends, and a binary answer read whole. */
import type request from "supertest";

/** A CSV text as the `contentBase64` of a preview or import. */
export const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** Reads a binary answer (an .xlsx export) as a Buffer: supertest's `.buffer(true).parse(binary)`. */
export function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => done(null, Buffer.concat(chunks)));
}
