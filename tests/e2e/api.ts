/** A signed-in API session for browser tests: sets up data through the real API (never the database) and checks what the pages did. */
import { randomUUID } from "node:crypto";

/** One user's session against a running server. */
export class ApiSession {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrf: string,
    /** The signed-in user */
    readonly me: {
      id: number;
      username: string;
      role: string;
      scopeDistrictId: string | null;
      scopeFacilityId: string | null;
    },
  ) {}

  /** Signs in with POST /auth/login and keeps the session cookie and CSRF token. */
  static async login(baseUrl: string, username: string, password: string): Promise<ApiSession> {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    const body = (await res.json()) as { user: ApiSession["me"]; csrfToken: string };
    return new ApiSession(baseUrl, cookie, body.csrfToken, body.user);
  }

  /** GET and parse JSON; throws with the answer on any non-2xx. */
  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, { headers: { Cookie: this.cookie } });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** POST with CSRF token and a fresh Idempotency-Key; throws with the answer on any non-2xx. */
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.write<T>("POST", path, body);
  }

  /** PATCH, as POST. */
  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.write<T>("PATCH", path, body);
  }

  private async write<T>(method: "POST" | "PATCH", path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      Cookie: this.cookie,
      "X-CSRF-Token": this.csrf,
      "Idempotency-Key": randomUUID(),
    };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

/** "YYYY-MM" of the month before the server's current month (the seed's "last complete month"). */
export async function lastCompleteMonth(baseUrl: string): Promise<string> {
  const { time } = (await (await fetch(`${baseUrl}/api/v1/health`)).json()) as { time: string };
  const d = new Date(time);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}
