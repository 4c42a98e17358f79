// Encryption at rest for the TOTP secrets (AES-256-GCM). Unlike a password, a TOTP secret must be
// read back to check a code, so it cannot be hashed; encrypted, a copy of the database alone yields
// nothing. The key is derived from AUTH_SECRET with HKDF under a label of its own (key separation:
// it is never the key that signs tokens): production already has to set AUTH_SECRET and keep it
// safe, so no second secret can be forgotten on a redeploy. The price: changing AUTH_SECRET also
// invalidates every authenticator app (members then sign in with a recovery code or a passkey, which
// do not depend on it, and set the app up again). Values carry a version ("v1."), so the key can be
// rotated later by re-encrypting.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const LABEL = "keysmith totp secret encryption v1";

function key(): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: two-factor secrets cannot be encrypted");
  return Buffer.from(hkdfSync("sha256", secret, "", LABEL, 32));
}

export function sealSecret(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString("base64url")}.${sealed.toString("base64url")}`;
}

/** The plaintext, or null when the value was altered or sealed under another key. */
export function openSecret(sealed: string): string | null {
  const [version, iv, body] = sealed.split(".");
  if (version !== VERSION || !iv || !body) return null;
  try {
    const bytes = Buffer.from(body, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
