// One verification of an audit chain, whatever holds the events: the database (the "Verify integrity"
// button, `npm run audit:verify -- --workspace`, the tail check at start) or an exported file
// (`--file`). It walks the events in sequence order and recomputes every link under the key its event
// names, and compares the walk with the signed checkpoints (lib/audit/checkpoints.ts) and, for the
// database, with the head the workspace row records. The answer names the first event where the chain
// breaks and what was found there. Along the way it keeps the unkeyed content digest
// (lib/audit/content-digest.ts) and holds it against each checkpoint that signs one; without the audit
// key (an auditor's `--file --public-key`) those digests are the only check of what the events say, so
// only the events up to the latest such checkpoint count as verified.
import type { AuditKeys } from "./audit-keys";
import { type ChainHead, type CheckpointVerifier, checkpointSignatureValid, type SignedCheckpoint } from "./checkpoints";
import { nextContentDigest } from "./content-digest";
import { type ChainedFields, eventText, expectedLink, UNKEYED_ALGORITHM } from "./hash";

export type ChainRow = ChainedFields & { prevHash: string; hash: string; linkAlgorithm: string };

export type BreakKind =
  | "altered"
  | "missing"
  | "reordered"
  | "truncated"
  | "unknown key"
  | "forged checkpoint"
  | "unsealed"
  /** Only from an exported file whose export was filtered (lib/audit/verify-export.ts). */
  | "filtered";

export type ChainVerification =
  | {
      ok: true;
      throughSeq: number;
      checkpointSeq: number | null;
      /** The content digest at `throughSeq`, or null when the walk started where none was known. */
      digest: string | null;
      /** Events walked after `throughSeq` that no signed digest covers yet (only without the audit key). */
      unsealed: number;
    }
  | { ok: false; brokenAtSeq: number; kind: BreakKind; checkpointSeq: number | null; detail: string };

export type ChainSource = {
  workspaceId: string;
  /** Events after `from.seq`, in ascending sequence order. */
  events: AsyncIterable<ChainRow>;
  /**
   * Where the walk starts: {0, "", ""} for the whole chain, or a checkpoint already trusted, with its
   * content digest (null when it signed none: the digest is then not kept).
   */
  from: { seq: number; link: string; digest: string | null };
  /** The workspace's checkpoints, any order. */
  checkpoints: SignedCheckpoint[];
  /** The head the database records, or null when there is none to compare (an exported file). */
  head: ChainHead | null;
  /** The audit key(s), or null to verify with the checkpoint key's public half alone. */
  keys: AuditKeys | null;
  signer: CheckpointVerifier;
  /** The sequence number of the event whose link is `link`, to tell a reordering from an edit. */
  seqOfLink: (link: string) => Promise<number | null>;
};

export async function verifyChain(source: ChainSource): Promise<ChainVerification> {
  const signed = new Map<number, SignedCheckpoint>();
  for (const checkpoint of source.checkpoints) {
    if (checkpoint.workspaceId !== source.workspaceId) continue;
    if (!checkpointSignatureValid(checkpoint, source.signer))
      return broken(
        checkpoint.seq,
        "forged checkpoint",
        checkpoint.seq,
        `checkpoint ${checkpoint.seq} is not signed by this server's checkpoint key`,
      );
    if (checkpoint.seq > source.from.seq) signed.set(checkpoint.seq, checkpoint);
  }
  let prevLink = source.from.link;
  let expectedSeq = source.from.seq + 1;
  let keyedSeen = false;
  let digest = source.from.digest;
  let digestSealedSeq: number | null = null;
  let digestAtSealed: string | null = null;
  for await (const event of source.events) {
    if (event.seq > expectedSeq) return broken(expectedSeq, "missing", null, `event ${expectedSeq} is missing`);
    // Without the audit key the link is taken as given: it still has to join the chain, and the signed
    // digests vouch for the content.
    const text = eventText(event);
    const link = source.keys ? expectedLink(event.linkAlgorithm, source.keys, prevLink, text) : event.hash;
    if (link === null)
      return broken(
        event.seq,
        "unknown key",
        null,
        `event ${event.seq} is linked under "${event.linkAlgorithm}", a key this server does not hold`,
      );
    if (event.prevHash !== prevLink) {
      const linkedTo = await source.seqOfLink(event.prevHash);
      if (linkedTo !== null && linkedTo !== expectedSeq - 1)
        return broken(event.seq, "reordered", null, `event ${event.seq} follows event ${linkedTo} in the chain`);
      return broken(event.seq, "altered", null, `event ${event.seq} does not link to the event before it`);
    }
    if (link !== event.hash) return broken(event.seq, "altered", null, `event ${event.seq} was changed after it was written`);
    // The chain only ever moves from unkeyed links (before this version) to keyed ones; an unkeyed link
    // after a keyed one was written by someone without the audit key.
    if (event.linkAlgorithm === UNKEYED_ALGORITHM && keyedSeen)
      return broken(event.seq, "altered", null, `event ${event.seq} is unkeyed after keyed events`);
    if (digest !== null) digest = nextContentDigest(digest, text);
    const checkpoint = signed.get(event.seq);
    if (checkpoint && checkpoint.link !== event.hash)
      return broken(
        event.seq,
        "altered",
        checkpoint.seq,
        `the chain up to event ${event.seq} differs from signed checkpoint ${checkpoint.seq}`,
      );
    if (checkpoint?.digest !== undefined && digest !== null) {
      if (checkpoint.digest !== digest)
        return broken(
          event.seq,
          "altered",
          checkpoint.seq,
          `events up to ${event.seq} do not hash to the content digest signed in checkpoint ${checkpoint.seq}` +
            (source.keys ? "" : "; without the audit key the changed event cannot be named more closely"),
        );
      digestSealedSeq = event.seq;
      digestAtSealed = digest;
    }
    keyedSeen ||= event.linkAlgorithm !== UNKEYED_ALGORITHM;
    prevLink = event.hash;
    expectedSeq++;
  }
  const lastSeq = expectedSeq - 1;
  const beyond = [...signed.keys()].filter((seq) => seq > lastSeq);
  if (beyond.length) {
    const checkpointSeq = Math.max(...beyond);
    return broken(
      lastSeq + 1,
      "truncated",
      checkpointSeq,
      `the chain ends at event ${lastSeq}, but checkpoint ${checkpointSeq} was signed`,
    );
  }
  if (source.head && (source.head.seq !== lastSeq || source.head.link !== prevLink)) {
    if (source.head.seq > lastSeq) return broken(lastSeq + 1, "missing", null, `events ${lastSeq + 1} to ${source.head.seq} are missing`);
    return broken(Math.max(source.head.seq, 1), "altered", null, "the workspace's recorded head does not match its last event");
  }
  if (!source.keys) {
    // Only what a signed digest covers is verified without the audit key.
    if (digestSealedSeq === null)
      return broken(Math.max(source.from.seq, 1), "unsealed", null, "no signed checkpoint with a content digest covers these events");
    return {
      ok: true,
      throughSeq: digestSealedSeq,
      checkpointSeq: digestSealedSeq,
      digest: digestAtSealed,
      unsealed: lastSeq - digestSealedSeq,
    };
  }
  const covered = [...signed.keys()].filter((seq) => seq <= lastSeq);
  return {
    ok: true,
    throughSeq: lastSeq,
    checkpointSeq: covered.length ? Math.max(...covered) : source.from.seq || null,
    digest,
    unsealed: 0,
  };

  function broken(seq: number, kind: BreakKind, checkpointSeq: number | null, detail: string): ChainVerification {
    return { ok: false, brokenAtSeq: seq, kind, checkpointSeq, detail };
  }
}

/** The answer in the words the issue gives: "Chain intact through event N" or "Chain broken at event N: ...". */
export function describeVerification(result: ChainVerification): string {
  if (result.ok) return `Chain intact through event ${result.throughSeq}`;
  if (result.kind === "unsealed") return `Chain not verified from event ${result.brokenAtSeq}: no signed content digest covers it`;
  if (result.kind === "filtered") return "Chain not verified: the export is filtered, and only an export of all events verifies";
  const found = result.kind === "truncated" ? `truncated after checkpoint ${result.checkpointSeq}` : result.kind;
  return `Chain broken at event ${result.brokenAtSeq}: ${found}`;
}
