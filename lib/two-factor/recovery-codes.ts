// Recovery codes: 10 per user, each 80 random bits written as 16 characters of Crockford's base32 in
// groups of four. Stored as a plain SHA-256: with 80 bits of entropy, guessing one from its hash is
// out of reach (2^80 hashes), so a slow hash (argon2) would only cost time at every use without
// adding safety, and no salt is needed because no two codes are alike to begin with.
import { createHash, randomBytes } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function newCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let i = 0; i < 16; i++) code = ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)] + code;
  return code.match(/.{4}/g)?.join("-") ?? code;
}

/** Case, spaces and dashes do not matter, and the letters people misread are read as meant. */
export function normalizeRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

export function hashRecoveryCode(input: string): string {
  return createHash("sha256").update(normalizeRecoveryCode(input)).digest("hex");
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
}
