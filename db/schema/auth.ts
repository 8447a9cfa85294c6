/** Users, server-side sessions, sign-in attempts and the audit log. */
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ROLES } from "../../shared/contracts/auth";

/** A person who signs in. passwordHash is "scrypt$N$r$p$salt$hash" (base64). */
export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: ROLES }).notNull(),
  /** Scope: a region, district or facility id depending on the role; null = national */
  scopeRegionId: text("scope_region_id"),
  scopeDistrictId: text("scope_district_id"),
  scopeFacilityId: text("scope_facility_id"),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  /** Set for a temporary password (new account, reset): the session may only change the password until it is */
  mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
  createdAt: text("created_at").notNull(),
});

/**
 * Server-side session. The cookie carries a random token; the row is keyed by the token's SHA-256 (hex),
 * so that a copy of the database does not hand out live sessions.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 (hex) of the session cookie's value; the value itself is never stored */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    /** Token the client echoes in X-CSRF-Token on every state-changing request */
    csrfToken: text("csrf_token").notNull(),
    createdAt: text("created_at").notNull(),
    /** Absolute end of the session */
    expiresAt: text("expires_at").notNull(),
    /** Last request; the session also ends after a period of inactivity */
    lastSeenAt: text("last_seen_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Failed sign-ins per username × client address (usernames known or not, so that throttling reveals
 * nothing about accounts). The pair's count sets its growing delay; the sum over a username's
 * addresses sets the username's slow-down (server/auth/throttle.ts).
 */
export const signInFailures = sqliteTable(
  "sign_in_failures",
  {
    /** The username as tried (normalised like every sign-in) */
    username: text("username").notNull(),
    /** The client's address as the app sees it (behind a trusted proxy: X-Forwarded-For); "unknown" when none */
    clientIp: text("client_ip").notNull(),
    /** Failures in a row from this address for this username */
    failures: integer("failures").notNull(),
    lastFailureAt: text("last_failure_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.username, t.clientIp] }), index("sign_in_failures_at_idx").on(t.lastFailureAt)],
);

/** Append-only record of every state change (triggers refuse UPDATE and DELETE). */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    userId: integer("user_id"),
    username: text("username"),
    /** What happened, e.g. "stock.movement.create", "auth.login", "auth.password.change" */
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id"),
    beforeJson: text("before_json"),
    afterJson: text("after_json"),
    clientIp: text("client_ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
  },
  (t) => [
    index("audit_object_idx").on(t.objectType, t.objectId),
    index("audit_user_idx").on(t.userId, t.at),
    index("audit_at_idx").on(t.at),
  ],
);
