// The seal of a handover link. The link's token (256 random bits, lib/auth/one-time-token.ts) is the
// only way to the secret: the row stores the token's SHA-256, which finds the row, and the secret
// encrypted with AES-256-GCM under HKDF-SHA-256(token), which the hash cannot produce. So a copy of
// the database, or the server without the link, reveals nothing. The seal is bound (additional data)
// to the handover and the key, so a sealed value moved to another row does not open there.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const INFO = "keysmith handover v1";
const TAG_BYTES = 16;

type Binding = { handoverId: string; keyId: string };

function keyFrom(token: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", token, salt, INFO, 32));
}

function additionalData({ handoverId, keyId }: Binding): Buffer {
  return Buffer.from(`${VERSION}:${handoverId}:${keyId}`, "utf8");
}

/** "v1.<salt>.<iv>.<ciphertext and tag>", base64url parts. */
export function sealForHandover(secret: string, token: string, binding: Binding): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(token, salt), iv);
  cipher.setAAD(additionalData(binding));
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, salt, iv, sealed].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The secret, or null for a wrong token, another binding, an altered or an emptied seal. */
export function openHandoverSeal(sealed: string, token: string, binding: Binding): string | null {
  const [version, salt, iv, body, ...rest] = sealed.split(".");
  if (version !== VERSION || !salt || !iv || !body || rest.length) return null;
  try {
    const bytes = Buffer.from(body, "base64url");
    if (bytes.length <= TAG_BYTES) return null;
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(token, Buffer.from(salt, "base64url")), Buffer.from(iv, "base64url"));
    decipher.setAAD(additionalData(binding));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
