/** Sends a read's answer as computed on a reader thread. */
import type { Response } from "express";
import type { JsonAnswer } from "./registry";

/** Sends the JSON bytes with their ETag: Express answers 304 Not Modified when the client already holds them. */
export function sendJson(res: Response, answer: JsonAnswer): void {
  const { body } = answer;
  res
    .set("ETag", answer.etag)
    .type("json")
    .send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}
