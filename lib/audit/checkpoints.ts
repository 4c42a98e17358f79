// Signed checkpoints: the head of a workspace's chain {workspaceId, seq, link, digest, at}, signed with the
// checkpoint key (lib/audit/signing-key.ts) and appended, one JSON line each, to a file outside the
// database (AUDIT_CHECKPOINT_FILE, default data/audit-checkpoints.jsonl), fsynced, and printed to the
// log. The audit key already stops an edit from being re-linked; a checkpoint also stops the tail from
// being cut off after it, or the whole chain from being replaced, without verification noticing
// (lib/audit/verify.ts). The digest (lib/audit/content-digest.ts) is what an auditor without the audit
// key checks an export against; checkpoints written before it existed have none. Keep the file, or the log, where the database's owner cannot rewrite it.
// Plain Node: the CLI and the server bundle read it.
import { sign, verify } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { z } from "zod";
import { canonicalJson } from "./canonical";
import type { CheckpointSigner } from "./signing-key";

export const checkpointSchema = z.object({
  workspaceId: z.string(),
  seq: z.number().int().nonnegative(),
  link: z.string(),
  digest: z.string().optional(),
  at: z.string(),
  signingKeyId: z.string(),
  signature: z.string(),
});
export type SignedCheckpoint = z.infer<typeof checkpointSchema>;
export type ChainHead = { workspaceId: string; seq: number; link: string };
/** What checking a signature needs: the public half, and the id checkpoints name it by. */
export type CheckpointVerifier = Pick<CheckpointSigner, "id" | "publicKey">;

export function checkpointFile(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.AUDIT_CHECKPOINT_FILE || path.join("data", "audit-checkpoints.jsonl"));
}

// canonicalJson leaves out an undefined digest: a checkpoint from before digests signs the same text as then.
function signedText(checkpoint: Pick<SignedCheckpoint, "workspaceId" | "seq" | "link" | "digest" | "at">): string {
  const { workspaceId, seq, link, digest, at } = checkpoint;
  return canonicalJson({ workspaceId, seq, link, digest, at });
}

export function signCheckpoint(head: ChainHead & { digest: string }, signer: CheckpointSigner, at = new Date()): SignedCheckpoint {
  const unsigned = { workspaceId: head.workspaceId, seq: head.seq, link: head.link, digest: head.digest, at: at.toISOString() };
  const signature = sign(null, Buffer.from(signedText(unsigned)), signer.privateKey).toString("base64");
  return { ...unsigned, signingKeyId: signer.id, signature };
}

export function checkpointSignatureValid(checkpoint: SignedCheckpoint, signer: CheckpointVerifier): boolean {
  if (checkpoint.signingKeyId !== signer.id) return false;
  return verify(null, Buffer.from(signedText(checkpoint)), signer.publicKey, Buffer.from(checkpoint.signature, "base64"));
}

/** Appends and fsyncs one checkpoint line, so a checkpoint that was logged is also on disk. */
export function appendCheckpoint(checkpoint: SignedCheckpoint, file = checkpointFile()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, "a", 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Every checkpoint of the workspace in the file, in file order. A line that is not a checkpoint (a
 * write cut short by a crash) is skipped: whether the rest verifies is lib/audit/verify.ts's question.
 */
export async function readCheckpoints(workspaceId: string, file = checkpointFile()): Promise<SignedCheckpoint[]> {
  if (!fs.existsSync(file)) return [];
  const found: SignedCheckpoint[] = [];
  const lines = readline.createInterface({ input: fs.createReadStream(file, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (!line.includes(workspaceId)) continue;
    const parsed = parseLine(line);
    if (parsed?.workspaceId === workspaceId) found.push(parsed);
  }
  return found;
}

function parseLine(line: string): SignedCheckpoint | null {
  try {
    const parsed = checkpointSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The workspace's checkpoint with the highest sequence number (the last written among equals), or null. */
export async function latestCheckpoint(workspaceId: string): Promise<SignedCheckpoint | null> {
  return latestOf(await readCheckpoints(workspaceId));
}

export function latestOf(checkpoints: SignedCheckpoint[]): SignedCheckpoint | null {
  return checkpoints.reduce<SignedCheckpoint | null>(
    (latest, checkpoint) => (!latest || checkpoint.seq >= latest.seq ? checkpoint : latest),
    null,
  );
}
