/**
 * Requests Node's HTTP parser refuses before Express sees them — headers over the size limit, a
 * malformed request line or header, a request that takes too long to arrive — get a 4xx in the API's
 * error shape instead of Node's bare answer, and the connection is closed.
 */
import { STATUS_CODES, type Server } from "node:http";
import type { Duplex } from "node:stream";
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from "../shared/errors";

/** The code and message for a parser error (Node's `err.code`). */
function describe(code: string | undefined): { code: ErrorCode; message: string } {
  if (code === "HPE_HEADER_OVERFLOW") return { code: "headers_too_large", message: "Request headers are too large" };
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") return { code: "request_timeout", message: "The request took too long" };
  return { code: "bad_request", message: "Malformed HTTP request" };
}

/** Answers parser errors on `server` (see the file comment). */
export function answerClientErrors(server: Server): void {
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A client that went away, or a socket already answered, needs nothing more.
    if (err.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const { code, message } = describe(err.code);
    const status = ERROR_STATUS[code];
    const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
