// The key check of every API request (docs/security.md, "Hashing"): Bearer header only, format and
// checksum before any lookup, the peppered hash (lib/api-keys/key-hash.ts), one indexed lookup, then
// revocation and expiry. Scope is the caller's next step (lib/api), since it depends on the route:
// the key it gets holds only its effective scopes, those the loaded catalog still has, so a scope
// whose resource or level was removed from the catalog grants nothing anywhere.
import { databaseOutageLog } from "@/lib/database-outage-log";
import { db } from "@/lib/db";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { effectiveScopes } from "@/lib/scopes/scopes";
import { isWellFormedKey } from "./key-format";
import { candidateHashes, type StoredHash } from "./key-hash";
import { findKeyByHash, type KeyRecord } from "./key-lookup";

export type Refusal = "missing" | "malformed" | "unknown" | "revoked" | "expired";

export type Verification = { ok: true; key: KeyRecord } | { ok: false; reason: Refusal; key?: KeyRecord };

const BEARER = /^Bearer +(\S+) *$/i;

/** The credential of an `Authorization: Bearer …` header, or "" (the verify endpoint's service token too). */
export function bearerCredential(header: string | undefined): string {
  return BEARER.exec(header ?? "")?.[1] ?? "";
}

/**
 * Moves a key found under an older scheme to the current one. Conditional on the old hash, so two
 * requests upgrading one key at once write once. Off the request's path: the caller does not wait.
 */
export async function upgradeStoredHash(keyId: string, from: StoredHash, to: StoredHash): Promise<void> {
  await db.apiKey.updateMany({ where: { id: keyId, hash: from.hash }, data: { hash: to.hash, hashAlgorithm: to.hashAlgorithm } });
}

async function findKey(candidate: string): Promise<KeyRecord | null> {
  const key = await findStoredKey(candidate);
  return key && { ...key, scopes: effectiveScopes(loadedCatalog(), key.scopes) };
}

async function findStoredKey(candidate: string): Promise<KeyRecord | null> {
  const hashes = candidateHashes(candidate);
  const key = await findKeyByHash(hashes.current.hash);
  if (key) return key;
  // Only a miss pays for the older schemes (a key stored before the pepper, or under a previous one).
  for (const older of hashes.older()) {
    const found = await findKeyByHash(older.hash);
    if (!found) continue;
    upgradeStoredHash(found.id, older, hashes.current).catch((error: unknown) =>
      databaseOutageLog.failed("keys", error, (message) =>
        console.error(`[keys] could not move key ${found.id} to the current hash scheme: ${message}`),
      ),
    );
    return found;
  }
  return null;
}

export async function verifyAuthorization(header: string | undefined, now = Date.now()): Promise<Verification> {
  if (!header) return { ok: false, reason: "missing" };
  return verifyKey(bearerCredential(header), now);
}

/** The same check on a key given as it is, not in a header (the verify endpoint, lib/api/verify-endpoint.ts). */
export async function verifyKey(candidate: string, now = Date.now()): Promise<Verification> {
  if (!isWellFormedKey(candidate)) return { ok: false, reason: "malformed" };
  const key = await findKey(candidate);
  if (!key) return { ok: false, reason: "unknown" };
  if (key.revokedAt) return { ok: false, reason: "revoked", key };
  // A rotated key's grace period is its expiry: it works until then, and not a moment after.
  if (key.expiresAt && key.expiresAt.getTime() <= now) return { ok: false, reason: "expired", key };
  return { ok: true, key };
}
