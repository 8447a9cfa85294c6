/**
 * Seals secrets stored in the database (the DHIS2 password or personal access token) with AES-256-GCM.
 *
 * The key is not in the database: it comes from FURA_SECRET_KEY (32 bytes, base64), or else from a key file
 * next to the database (`<db file>.key`, created on first use with mode 0600, readable by the server's user
 * only). Why: the database file is what gets copied — backups, a support dump, a laptop carried to a meeting;
 * with the key elsewhere, a copied .db does not give away the DHIS2 account. What it does not protect against:
 * someone who can read both files as the server's user (or read FURA_SECRET_KEY from its environment) can
 * decrypt; that is the operating system's file-permission model, no more. Losing the key only loses the stored
 * secret: the administrator types it again. Tests pass a key in memory.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Seals and opens short secrets. */
export interface SecretBox {
  seal(plain: string): string;
  /** The secret, or null when it was sealed under another key or altered */
  open(sealed: string): string | null;
}

const b64 = (b: Buffer) => b.toString("base64url");

/** A box over a 32-byte key. */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error("secret key: 32 bytes expected");
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `v1.${b64(iv)}.${b64(cipher.getAuthTag())}.${b64(ct)}`;
    },
    open(sealed) {
      const [v, iv, tag, ct] = sealed.split(".");
      if (v !== "v1" || !iv || !tag || ct === undefined) return null;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
      } catch {
        return null;
      }
    },
  };
}

/**
 * The key: FURA_SECRET_KEY when set (base64 of 32 bytes), else the key file (created with 0600 when missing;
 * for ":memory:" databases a random key for the process).
 */
export function loadSecretKey(options: { envKey?: string | undefined; dbFile: string }): Buffer {
  if (options.envKey) {
    const key = Buffer.from(options.envKey, "base64");
    if (key.length !== 32) throw new Error("FURA_SECRET_KEY must be 32 bytes in base64 (openssl rand -base64 32)");
    return key;
  }
  if (options.dbFile === ":memory:") return randomBytes(32);
  const file = `${options.dbFile}.key`;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    } catch (e) {
      // Another process created it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== 32) throw new Error(`${file}: 32 bytes in base64 expected`);
  return key;
}
