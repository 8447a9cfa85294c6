/**
 * A small HTTP client for tests and benchmarks against a server process: keep-alive connections,
 * a signed-in session (cookie and CSRF token), JSON bodies, and a latency per request. Network
 * failures (a killed server) come back as status 0 instead of throwing, so callers can count them.
 */
import http from "node:http";

/** One request. */
export interface RequestSpec {
  method: "GET" | "POST" | "PUT" | "PATCH";
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One answer: status 0 when the connection failed or timed out. */
export interface Answer {
  status: number;
  text: string;
  ms: number;
  headers?: http.IncomingHttpHeaders;
  error?: string;
}

/** A session against one server. */
export class HttpClient {
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;
  private cookie = "";
  private csrf = "";

  constructor(
    private readonly base: string,
    o: { maxSockets?: number; timeoutMs?: number } = {},
  ) {
    // Idle connections are closed after 4 s, before the server's keep-alive timeout (5 s) closes them
    // under a request being sent (which would fail with ECONNRESET through no fault of the server).
    this.agent = new http.Agent({ keepAlive: true, maxSockets: o.maxSockets ?? 64, timeout: 4_000 });
    this.timeoutMs = o.timeoutMs ?? 30_000;
  }

  /** Signs in; later requests carry the session cookie and CSRF token. */
  async login(username: string, password: string): Promise<void> {
    const res = await this.send({ method: "POST", path: "/api/v1/auth/login", body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.error ?? res.text}`);
    this.csrf = (JSON.parse(res.text) as { csrfToken: string }).csrfToken;
  }

  /** Sends a request; never throws. */
  send(spec: RequestSpec): Promise<Answer> {
    const started = performance.now();
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    return new Promise((resolve) => {
      const req = http.request(
        `${this.base}${spec.path}`,
        {
          method: spec.method,
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: {
            ...(payload ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {}),
            ...(this.cookie ? { Cookie: this.cookie } : {}),
            ...(this.csrf && spec.method !== "GET" ? { "X-CSRF-Token": this.csrf } : {}),
            ...spec.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const setCookie = res.headers["set-cookie"]?.find((c) => c.startsWith("fura_session="));
            if (setCookie) this.cookie = setCookie.split(";")[0]!;
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString(),
              ms: performance.now() - started,
              headers: res.headers,
            });
          });
          res.on("error", (e) => resolve({ status: 0, text: "", ms: performance.now() - started, error: e.message }));
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", (e) => resolve({ status: 0, text: "", ms: performance.now() - started, error: e.message }));
      if (payload) req.write(payload);
      req.end();
    });
  }

  /** Sends and parses a JSON answer, throwing on an unexpected status (for setup steps). */
  async json<T>(spec: RequestSpec, expected = [200, 201]): Promise<T> {
    const res = await this.send(spec);
    if (!expected.includes(res.status)) throw new Error(`${spec.method} ${spec.path}: ${res.status} ${res.text}`);
    return JSON.parse(res.text) as T;
  }

  /** Closes the keep-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}
