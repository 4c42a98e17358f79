// The pepper: a server-held secret that key hashes are keyed with (docs/security.md, "Hashing"; NIST SP
// 800-63B). It is never in the database, so a stolen database (or backup) alone cannot even confirm a
// guessed key. KEY_PEPPER sets it; without it a random one is generated into the data folder beside
// the auth secret, with a warning, so `npm start` works out of the box.
//
// Versions: a pepper is named by a short id derived from it (the first 8 hex characters of a SHA-256
// over a fixed label and the pepper), stored in ApiKey.hashAlgorithm as `hmac-sha256:<id>`. Rotating
// needs no numbering: put the new pepper in KEY_PEPPER and the old one(s) in KEY_PEPPER_PREVIOUS
// (comma-separated); keys hashed under an old one keep working and move to the new one on their next
// use. 32 bits of a hash of a 256-bit secret reveal nothing usable about it.
// Plain Node: read on the API's hot path (lib/api-keys/verify.ts).
import path from "node:path";
import { loadVersionedSecrets, type VersionedSecret, type VersionedSecrets } from "@/lib/secrets/versioned-secrets";

export type Pepper = VersionedSecret;
export type Peppers = VersionedSecrets;

export function loadPeppers(env: Record<string, string | undefined> = process.env, dataDir = path.resolve("data")): Peppers {
  return loadVersionedSecrets({ env, dataDir, variable: "KEY_PEPPER", fileName: "key-pepper", idLabel: "keysmith key pepper id" });
}

// One per process, shared by both bundled copies of this module (like lib/db.ts).
const shared = globalThis as unknown as { __keysmithPeppers?: Peppers };

export function keyPeppers(): Peppers {
  shared.__keysmithPeppers ??= loadPeppers();
  return shared.__keysmithPeppers;
}

/** Reads KEY_PEPPER and KEY_PEPPER_PREVIOUS again on next use (after the environment changed). */
export function reloadKeyPeppers(): void {
  shared.__keysmithPeppers = undefined;
}
