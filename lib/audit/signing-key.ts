// The Ed25519 key that signs audit checkpoints (lib/audit/checkpoints.ts). Like the audit key it is not
// in the database; unlike it, checking a signature needs only the public half, so a checkpoint proves
// what the chain's head was even to someone who may not hold the audit key. AUDIT_SIGNING_KEY holds a
// PKCS#8 private key, as PEM or as base64 of its DER; without it one is generated into the data folder
// (data/audit-signing-key, PEM), with a warning. Plain Node: the CLI and the server bundle read it.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import path from "node:path";
import { dataFileSecret } from "@/lib/secrets/data-file-secret";

export type CheckpointSigner = { id: string; privateKey: KeyObject; publicKey: KeyObject; generatedFile: string | null };

function privateKeyOf(text: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = text.includes("-----BEGIN")
      ? createPrivateKey(text)
      : createPrivateKey({ key: Buffer.from(text, "base64"), format: "der", type: "pkcs8" });
  } catch {
    throw new Error(`${source} is not a PKCS#8 private key (PEM, or base64 of DER): openssl genpkey -algorithm ed25519 makes one.`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`${source} must be an Ed25519 key, not ${key.asymmetricKeyType}.`);
  return key;
}

export function loadCheckpointSigner(
  env: Record<string, string | undefined> = process.env,
  dataDir = path.resolve("data"),
): CheckpointSigner {
  const configured = env.AUDIT_SIGNING_KEY?.trim();
  const generated = configured
    ? null
    : dataFileSecret(dataDir, "audit-signing-key", () =>
        generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      );
  const privateKey = privateKeyOf(configured || generated!.secret, configured ? "AUDIT_SIGNING_KEY" : generated!.file);
  return { ...checkpointVerifier(createPublicKey(privateKey)), privateKey, generatedFile: generated?.file ?? null };
}

/** The public half with its id: all an auditor needs to check checkpoints (`--public-key`). */
export function checkpointVerifier(publicKey: KeyObject): { id: string; publicKey: KeyObject } {
  // Names the key in each checkpoint, so a checkpoint signed by another key says so.
  const id = createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
  return { id, publicKey };
}

/** The public key as `--print-public-key` hands it out: SPKI PEM. */
export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ type: "spki", format: "pem" }).toString();
}

/** An Ed25519 public key as SPKI PEM, or base64 of its DER (the PEM's body on one line). */
export function parsePublicKey(text: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = text.includes("-----BEGIN")
      ? createPublicKey(text)
      : createPublicKey({ key: Buffer.from(text.trim(), "base64"), format: "der", type: "spki" });
  } catch {
    throw new Error(`${source} is not a public key (SPKI PEM, or base64 of DER): npm run audit:verify -- --print-public-key prints it.`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`${source} must be an Ed25519 key, not ${key.asymmetricKeyType}.`);
  return key;
}

const shared = globalThis as unknown as { __keysmithCheckpointSigner?: CheckpointSigner };

export function checkpointSigner(): CheckpointSigner {
  shared.__keysmithCheckpointSigner ??= loadCheckpointSigner();
  return shared.__keysmithCheckpointSigner;
}

/** Reads AUDIT_SIGNING_KEY again on next use (after the environment changed). */
export function reloadCheckpointSigner(): void {
  shared.__keysmithCheckpointSigner = undefined;
}
