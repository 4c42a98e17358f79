// A server-held HMAC secret with rotation (the key pepper, the audit key): the current one from an
// environment variable, older ones from <VARIABLE>_PREVIOUS (comma-separated) so what they keyed still
// verifies, and without the variable one generated into the data folder. Each is named by a short id
// derived from it (8 hex characters of a SHA-256 over a fixed label and the secret): what was keyed
// records that id, so rotating needs no numbering. 32 bits of a hash of a 256-bit secret reveal nothing
// usable about it.
import { createHash, createSecretKey, type KeyObject } from "node:crypto";
import { dataFileSecret } from "./data-file-secret";

export type VersionedSecret = { id: string; key: KeyObject };
export type VersionedSecrets = { current: VersionedSecret; previous: VersionedSecret[]; generatedFile: string | null };

export const MIN_SECRET_LENGTH = 32;

type Source = {
  env: Record<string, string | undefined>;
  dataDir: string;
  /** The environment variable, e.g. KEY_PEPPER; older secrets are in `${variable}_PREVIOUS`. */
  variable: string;
  /** The file in the data folder used when the variable is unset. */
  fileName: string;
  /** Mixed into the id, so the same secret used for two purposes gets two unrelated ids. */
  idLabel: string;
};

export function loadVersionedSecrets({ env, dataDir, variable, fileName, idLabel }: Source): VersionedSecrets {
  const secretOf = (secret: string, source: string): VersionedSecret => {
    if (secret.length < MIN_SECRET_LENGTH)
      throw new Error(`${source} must be at least ${MIN_SECRET_LENGTH} characters (openssl rand -base64 32 makes one).`);
    const id = createHash("sha256").update(`${idLabel}\0`).update(secret).digest("hex").slice(0, 8);
    return { id, key: createSecretKey(Buffer.from(secret, "utf8")) };
  };
  const configured = env[variable]?.trim();
  const generated = configured ? null : dataFileSecret(dataDir, fileName);
  const current = secretOf(configured || generated!.secret, configured ? variable : generated!.file);
  const previous = (env[`${variable}_PREVIOUS`] ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean)
    .map((secret) => secretOf(secret, `Each ${variable}_PREVIOUS entry`))
    .filter((secret) => secret.id !== current.id);
  return { current, previous, generatedFile: generated?.file ?? null };
}
