// Tokens that travel in links and cookies (reset links, the sign-in challenge): 256 random bits,
// base64url. Only their SHA-256 is stored, so a copy of the database opens nothing; with that much
// entropy a plain hash is enough (nothing to brute-force, no need for a slow hash or a salt).
import { createHash, randomBytes } from "node:crypto";

export function newOneTimeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashOneTimeToken(token) };
}

export function hashOneTimeToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Only what newOneTimeToken makes: anything else is refused before a database lookup. */
export function isOneTimeTokenShape(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}
