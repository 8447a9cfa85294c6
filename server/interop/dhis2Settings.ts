/**
 * The DHIS2 connection settings. What any caller can read is the view (`hasSecret`, never the secret); the
 * secret is opened only into a `Dhis2Connection`, whose authorization header cannot leak through JSON or
 * logging (it is a private field; `toJSON` and `inspect` show it redacted).
 */
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { dhis2Settings } from "../../db/schema";
import type { Dhis2SettingsInput, Dhis2SettingsView } from "../../shared/contracts/interop";
import { AppError } from "../../shared/errors";
import { audit, type RequestOrigin } from "../audit";
import type { SecretBox } from "./secretBox";

/** The settings as shown back. */
export function getDhis2Settings(db: Db | Tx): Dhis2SettingsView {
  const row = db.select().from(dhis2Settings).where(eq(dhis2Settings.id, 1)).get();
  if (!row)
    return {
      configured: false,
      baseUrl: null,
      authKind: null,
      username: null,
      hasSecret: false,
      dataSetUid: null,
      timeoutS: 30,
      updatedAt: null,
    };
  return {
    configured: true,
    baseUrl: row.baseUrl,
    authKind: row.authKind,
    username: row.username,
    hasSecret: row.secretSealed !== null,
    dataSetUid: row.dataSetUid,
    timeoutS: row.timeoutS,
    updatedAt: row.updatedAt,
  };
}

/**
 * True when these settings name another server or account than the stored ones: the stored secret must then be
 * typed again, or whoever may edit the settings could send it to a server of theirs and read it in clear.
 */
export function changesAccount(
  stored: { baseUrl: string; authKind: string; username: string | null } | undefined,
  next: { baseUrl: string; authKind: string; username: string | null },
): boolean {
  if (!stored) return false;
  const user = (s: { authKind: string; username: string | null }) => (s.authKind === "basic" ? s.username : null);
  return stored.baseUrl !== next.baseUrl || stored.authKind !== next.authKind || user(stored) !== user(next);
}

/**
 * Saves the settings (command: call inside the write transaction). `secret` omitted keeps the stored one — only
 * for the same server and account (else `secret` is required: see changesAccount) —, null removes it; a new
 * secret is sealed with `box`. Audited without the secret (only whether it changed).
 */
export function saveDhis2Settings(
  tx: Tx,
  input: Dhis2SettingsInput,
  ctx: { now: Date; origin: RequestOrigin; box: SecretBox },
): Dhis2SettingsView {
  const before = getDhis2Settings(tx);
  const stored = tx.select().from(dhis2Settings).where(eq(dhis2Settings.id, 1)).get();
  if (input.secret === undefined && stored?.secretSealed && changesAccount(stored, input))
    throw new AppError("validation_failed", "secret: type the password or token again for another server or account", {
      issues: [{ path: "secret", message: "required when the server or the account changes" }],
      reason: "dhis2.secretRequired",
    });
  const secretSealed =
    input.secret === undefined
      ? (stored?.secretSealed ?? null)
      : input.secret === null
        ? null
        : ctx.box.seal(input.secret);
  const values = {
    baseUrl: input.baseUrl,
    authKind: input.authKind,
    username: input.authKind === "basic" ? input.username : null,
    secretSealed,
    dataSetUid: input.dataSetUid,
    timeoutS: input.timeoutS,
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.origin.userId,
  };
  tx.insert(dhis2Settings)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: dhis2Settings.id, set: values })
    .run();
  const after = getDhis2Settings(tx);
  audit(tx, ctx.now, ctx.origin, {
    action: "dhis2.settings.update",
    objectType: "dhis2_settings",
    objectId: "1",
    before,
    after: { ...after, secretChanged: input.secret !== undefined },
  });
  return after;
}

/** Where and how to reach DHIS2. The authorization header is kept out of JSON, logs and the inspector. */
export class Dhis2Connection {
  readonly #authorization: string;
  constructor(
    readonly baseUrl: string,
    readonly authKind: "basic" | "token",
    authorization: string,
    readonly timeoutMs: number,
    readonly dataSetUid: string | null,
  ) {
    this.#authorization = authorization;
  }
  /** The value of the Authorization header: `Basic …` or `ApiToken …` (DHIS2 personal access token). */
  authorization(): string {
    return this.#authorization;
  }
  toJSON() {
    return { baseUrl: this.baseUrl, authKind: this.authKind, authorization: "[redacted]" };
  }
  [Symbol.for("nodejs.util.inspect.custom")]() {
    return `Dhis2Connection(${this.baseUrl}, ${this.authKind}, [redacted])`;
  }
}

/** A connection from explicit credentials (tests, a "test the connection" button before saving). */
export function connectionFrom(s: {
  baseUrl: string;
  authKind: "basic" | "token";
  username: string | null;
  secret: string;
  timeoutS: number;
  dataSetUid: string | null;
}): Dhis2Connection {
  const authorization =
    s.authKind === "basic"
      ? `Basic ${Buffer.from(`${s.username ?? ""}:${s.secret}`, "utf8").toString("base64")}`
      : `ApiToken ${s.secret}`;
  return new Dhis2Connection(s.baseUrl.replace(/\/+$/, ""), s.authKind, authorization, s.timeoutS * 1000, s.dataSetUid);
}

/** The stored row (with its sealed secret), for callers that compare before opening it. */
export function storedDhis2Settings(db: Db | Tx) {
  return db.select().from(dhis2Settings).where(eq(dhis2Settings.id, 1)).get();
}

/**
 * The stored connection, for the push. Refused (409 conflict, details.reason) when DHIS2 is not configured, has
 * no secret, or the secret cannot be opened (sealed under another key: type it again).
 */
export function openDhis2Connection(db: Db | Tx, box: SecretBox): Dhis2Connection {
  const row = db.select().from(dhis2Settings).where(eq(dhis2Settings.id, 1)).get();
  if (!row) throw new AppError("conflict", "DHIS2 is not configured", { reason: "dhis2.notConfigured" });
  if (!row.secretSealed)
    throw new AppError("conflict", "No DHIS2 password or token is stored", { reason: "dhis2.noSecret" });
  const secret = box.open(row.secretSealed);
  if (secret === null)
    throw new AppError("conflict", "The stored DHIS2 secret cannot be read with this server's key", {
      reason: "dhis2.secretUnreadable",
    });
  return connectionFrom({ ...row, secret });
}

/**
 * The connection to test: the stored one, or `settings` before they are saved — with their own secret, or the
 * stored secret when they name the same server and account (never sent anywhere else).
 */
export function connectionForTest(
  db: Db | Tx,
  box: SecretBox,
  settings: Dhis2SettingsInput | undefined,
): Dhis2Connection {
  if (!settings) return openDhis2Connection(db, box);
  if (typeof settings.secret === "string") return connectionFrom({ ...settings, secret: settings.secret });
  const stored = storedDhis2Settings(db);
  if (settings.secret === null || !stored?.secretSealed || changesAccount(stored, settings))
    throw new AppError("validation_failed", "settings.secret: type the password or token to test", {
      issues: [{ path: "settings.secret", message: "required to test another server or account" }],
      reason: "dhis2.secretRequired",
    });
  const current = openDhis2Connection(db, box);
  return new Dhis2Connection(
    settings.baseUrl,
    current.authKind,
    current.authorization(),
    settings.timeoutS * 1000,
    settings.dataSetUid,
  );
}
