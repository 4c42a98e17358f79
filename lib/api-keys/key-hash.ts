// What is stored for a key: HMAC-SHA-256 under the current pepper (lib/api-keys/pepper.ts) of the
// key's SHA-256 digest, `hmac-sha256:<pepper id>` in hashAlgorithm. Keys stored before the pepper hold
// the bare SHA-256 (`sha256`); they keep working and move to the current scheme on their next use or
// through `npm run keys:rehash`.
//
// Why HMAC over the digest rather than over the key itself: the database holds only digests of old
// keys, never the keys, so HMAC(pepper, key) could be computed for them only when each is next
// presented, and a key unused for months would keep its bare SHA-256, confirmable from a stolen
// database. HMAC(pepper, sha256(key)) can be computed from the stored digest alone, so the rehash
// command moves every old key at once. Security is the same: the digest is a 256-bit function of a
// 178-bit secret, and without the pepper the stored value confirms nothing.
// Plain Node: on the API's hot path.
import { createHmac, hash } from "node:crypto";
import { keyPeppers, type Pepper } from "./pepper";

export const LEGACY_ALGORITHM = "sha256";
const HMAC_PREFIX = "hmac-sha256:";

export type StoredHash = { hash: string; hashAlgorithm: string };

function digest(key: string): Buffer {
  return hash("sha256", key, "buffer");
}

function hmac(pepper: Pepper, keyDigest: Buffer): string {
  return createHmac("sha256", pepper.key).update(keyDigest).digest("hex");
}

export function algorithmOf(pepper: Pepper): string {
  return HMAC_PREFIX + pepper.id;
}

/** The stored form of a key under the current pepper. */
export function storedHash(key: string): StoredHash {
  const { current } = keyPeppers();
  return { hash: hmac(current, digest(key)), hashAlgorithm: algorithmOf(current) };
}

/**
 * The forms a key may have been stored under, current first: the hot path looks the first one up, and
 * only on a miss the others (the bare SHA-256, then each previous pepper), so a current key costs one
 * HMAC and one lookup.
 */
export function candidateHashes(key: string): { current: StoredHash; older: () => StoredHash[] } {
  const keyDigest = digest(key);
  const { current, previous } = keyPeppers();
  return {
    current: { hash: hmac(current, keyDigest), hashAlgorithm: algorithmOf(current) },
    older: () => [
      { hash: keyDigest.toString("hex"), hashAlgorithm: LEGACY_ALGORITHM },
      ...previous.map((pepper) => ({ hash: hmac(pepper, keyDigest), hashAlgorithm: algorithmOf(pepper) })),
    ],
  };
}

/** A legacy SHA-256 row's hash under the current pepper, from the stored digest alone (the rehash command). */
export function rehashLegacy(sha256Hex: string): StoredHash {
  const { current } = keyPeppers();
  return { hash: hmac(current, Buffer.from(sha256Hex, "hex")), hashAlgorithm: algorithmOf(current) };
}
