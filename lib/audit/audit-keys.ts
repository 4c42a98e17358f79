// The audit key: what each link of the audit chain is an HMAC under (lib/audit/hash.ts). It is never in
// the database, so whoever can write the database cannot re-link an edited chain. AUDIT_KEY sets it
// (at least 32 characters, or the start is refused); without it one is generated into the data folder
// beside the auth secret, with a warning. Rotation: the new key in AUDIT_KEY, the old one(s) in
// AUDIT_KEY_PREVIOUS; each event records its key's id (AuditEvent.linkAlgorithm), so old links verify.
// Plain Node: the CLI (scripts/audit-verify.ts) and the server bundle read it.
import fs from "node:fs";
import path from "node:path";
import { loadVersionedSecrets, type VersionedSecrets } from "@/lib/secrets/versioned-secrets";

export type AuditKeys = VersionedSecrets;

const AUDIT_KEY_FILE = "audit-key";

export function loadAuditKeys(env: Record<string, string | undefined> = process.env, dataDir = path.resolve("data")): AuditKeys {
  return loadVersionedSecrets({ env, dataDir, variable: "AUDIT_KEY", fileName: AUDIT_KEY_FILE, idLabel: "keysmith audit key id" });
}

/** Whether this host holds an audit key (set, or generated before), without generating one: an auditor's does not. */
export function auditKeyPresent(env: Record<string, string | undefined> = process.env, dataDir = path.resolve("data")): boolean {
  return Boolean(env.AUDIT_KEY?.trim()) || fs.existsSync(path.join(dataDir, AUDIT_KEY_FILE));
}

// One per process, shared by both bundled copies of this module (like lib/db.ts).
const shared = globalThis as unknown as { __keysmithAuditKeys?: AuditKeys };

export function auditKeys(): AuditKeys {
  shared.__keysmithAuditKeys ??= loadAuditKeys();
  return shared.__keysmithAuditKeys;
}

/** Reads AUDIT_KEY and AUDIT_KEY_PREVIOUS again on next use (after the environment changed). */
export function reloadAuditKeys(): void {
  shared.__keysmithAuditKeys = undefined;
}
