// The key (docs/security.md, "The key"): `ksk_` + 30 base62 characters from a CSPRNG (~178 bits) + 6 base62
// characters of CRC32 over what precedes. The checksum lets scanners recognise a real key offline and
// lets the API refuse a mistyped one without touching the database. Plain Node: used on the hot path.
import { createHash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

export const KEY_PREFIX = "ksk_";
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
export const KEY_LENGTH = KEY_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY_PATTERN = /^ksk_[0-9A-Za-z]{36}$/;

/** Uniform base62 characters: bytes >= 248 are discarded so no character is likelier than another. */
export function randomBase62(length: number, source: (size: number) => Buffer = randomBytes): string {
  let out = "";
  while (out.length < length) {
    for (const byte of source(length * 2)) {
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

function checksum(body: string): string {
  let value = crc32(body);
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function generateKey(): string {
  const body = KEY_PREFIX + randomBase62(RANDOM_LENGTH);
  return body + checksum(body);
}

/** Format and checksum, without any lookup: a typo or a foreign token fails here. */
export function isWellFormedKey(candidate: string): boolean {
  if (!KEY_PATTERN.test(candidate)) return false;
  const body = candidate.slice(0, KEY_PREFIX.length + RANDOM_LENGTH);
  return checksum(body) === candidate.slice(-CHECKSUM_LENGTH);
}

/**
 * SHA-256 of the whole key, hex: what keys stored before the pepper hold (hashAlgorithm `sha256`).
 * New keys are stored peppered (lib/api-keys/key-hash.ts); a fast hash suffices for a 178-bit secret
 * (ASVS 6.5.2).
 */
export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** The parts shown later: `ksk_AbCd` and the last 4, so `ksk_AbCd…wxyz` identifies a key without revealing it. */
export function displayParts(key: string): { prefix: string; last4: string } {
  return { prefix: key.slice(0, KEY_PREFIX.length + 4), last4: key.slice(-4) };
}

export function maskedKey(parts: { prefix: string; last4: string }): string {
  return `${parts.prefix}…${parts.last4}`;
}
