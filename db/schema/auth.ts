/** Users and server-side sessions. */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const ROLES = [
  "admin",
  "procurement_officer",
  "regional_manager",
  "district_pharmacist",
  "storekeeper",
  "cscom_manager",
  "driver",
] as const;

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
  createdAt: text("created_at").notNull(),
});

/** Server-side session; the cookie carries only the random id. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
