// The key check of every API request (docs/security.md, "Hashing"): Bearer header only, format and
// checksum before any lookup, SHA-256, one indexed lookup, then revocation and expiry. Scope is the
// caller's next step (lib/api), since it depends on the route.
import { hashKey, isWellFormedKey } from "./key-format";
import { findKeyByHash, type KeyRecord } from "./key-lookup";

export type Refusal = "missing" | "malformed" | "unknown" | "revoked" | "expired";

export type Verification = { ok: true; key: KeyRecord } | { ok: false; reason: Refusal; key?: KeyRecord };

const BEARER = /^Bearer +(\S+) *$/i;

export async function verifyAuthorization(header: string | undefined, now = Date.now()): Promise<Verification> {
  if (!header) return { ok: false, reason: "missing" };
  const candidate = BEARER.exec(header)?.[1];
  if (!candidate || !isWellFormedKey(candidate)) return { ok: false, reason: "malformed" };
  const key = await findKeyByHash(hashKey(candidate));
  if (!key) return { ok: false, reason: "unknown" };
  if (key.revokedAt) return { ok: false, reason: "revoked", key };
  // A rotated key's grace period is its expiry: it works until then, and not a moment after.
  if (key.expiresAt && key.expiresAt.getTime() <= now) return { ok: false, reason: "expired", key };
  return { ok: true, key };
}
