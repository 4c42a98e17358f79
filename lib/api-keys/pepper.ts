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
import { createHash, createSecretKey, type KeyObject, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type Pepper = { id: string; key: KeyObject };
export type Peppers = { current: Pepper; previous: Pepper[]; generatedFile: string | null };

export const MIN_PEPPER_LENGTH = 32;
const FILE_NAME = "key-pepper";

function pepperOf(secret: string, source: string): Pepper {
  if (secret.length < MIN_PEPPER_LENGTH)
    throw new Error(`${source} must be at least ${MIN_PEPPER_LENGTH} characters (openssl rand -base64 32 makes one).`);
  const id = createHash("sha256").update("keysmith key pepper id\0").update(secret).digest("hex").slice(0, 8);
  return { id, key: createSecretKey(Buffer.from(secret, "utf8")) };
}

/** A generated pepper, created once with the data folder; an existing file is never overwritten. */
function generatedPepper(dataDir: string): { secret: string; file: string } {
  const file = path.join(dataDir, FILE_NAME);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return { secret: fs.readFileSync(file, "utf8").trim(), file };
}

export function loadPeppers(env: Record<string, string | undefined> = process.env, dataDir = path.resolve("data")): Peppers {
  const configured = env.KEY_PEPPER?.trim();
  const generated = configured ? null : generatedPepper(dataDir);
  const current = pepperOf(configured || generated!.secret, configured ? "KEY_PEPPER" : generated!.file);
  const previous = (env.KEY_PEPPER_PREVIOUS ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean)
    .map((secret) => pepperOf(secret, "Each KEY_PEPPER_PREVIOUS entry"))
    .filter((pepper) => pepper.id !== current.id);
  return { current, previous, generatedFile: generated?.file ?? null };
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
