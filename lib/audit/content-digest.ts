// The unkeyed content digest of a workspace's chain: digest_n = SHA-256(digest_{n-1} || event text n),
// digest_0 = "". Unlike the keyed link (lib/audit/hash.ts) anyone can recompute it from an export, so a
// checkpoint that signs it (lib/audit/checkpoints.ts) lets an auditor holding only the checkpoint key's
// public half check every event up to that checkpoint, without the audit key.
import { createHash } from "node:crypto";

export const EMPTY_DIGEST = "";

/** `text` is the event's eventText (lib/audit/hash.ts), the same its link is taken over. */
export function nextContentDigest(previous: string, text: string): string {
  return createHash("sha256").update(previous).update(text).digest("hex");
}
