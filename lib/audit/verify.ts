// One verification of an audit chain, whatever holds the events: the database (the "Verify integrity"
// button, `npm run audit:verify -- --workspace`, the tail check at start) or an exported file
// (`--file`). It walks the events in sequence order and recomputes every link under the key its event
// names, and compares the walk with the signed checkpoints (lib/audit/checkpoints.ts) and, for the
// database, with the head the workspace row records. The answer names the first event where the chain
// breaks and what was found there.
import type { AuditKeys } from "./audit-keys";
import { type ChainHead, checkpointSignatureValid, type SignedCheckpoint } from "./checkpoints";
import { type ChainedFields, expectedLink, UNKEYED_ALGORITHM } from "./hash";
import type { CheckpointSigner } from "./signing-key";

export type ChainRow = ChainedFields & { prevHash: string; hash: string; linkAlgorithm: string };

export type BreakKind = "altered" | "missing" | "reordered" | "truncated" | "unknown key" | "forged checkpoint";

export type ChainVerification =
  | { ok: true; throughSeq: number; checkpointSeq: number | null }
  | { ok: false; brokenAtSeq: number; kind: BreakKind; checkpointSeq: number | null; detail: string };

export type ChainSource = {
  workspaceId: string;
  /** Events after `from.seq`, in ascending sequence order. */
  events: AsyncIterable<ChainRow>;
  /** Where the walk starts: {0, ""} for the whole chain, or a checkpoint already trusted. */
  from: { seq: number; link: string };
  /** The workspace's checkpoints, any order. */
  checkpoints: SignedCheckpoint[];
  /** The head the database records, or null when there is none to compare (an exported file). */
  head: ChainHead | null;
  keys: AuditKeys;
  signer: CheckpointSigner;
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
  for await (const event of source.events) {
    if (event.seq > expectedSeq) return broken(expectedSeq, "missing", null, `event ${expectedSeq} is missing`);
    const link = expectedLink(event.linkAlgorithm, source.keys, prevLink, event);
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
    const checkpoint = signed.get(event.seq);
    if (checkpoint && checkpoint.link !== event.hash)
      return broken(
        event.seq,
        "altered",
        checkpoint.seq,
        `the chain up to event ${event.seq} differs from signed checkpoint ${checkpoint.seq}`,
      );
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
  const covered = [...signed.keys()].filter((seq) => seq <= lastSeq);
  return { ok: true, throughSeq: lastSeq, checkpointSeq: covered.length ? Math.max(...covered) : source.from.seq || null };

  function broken(seq: number, kind: BreakKind, checkpointSeq: number | null, detail: string): ChainVerification {
    return { ok: false, brokenAtSeq: seq, kind, checkpointSeq, detail };
  }
}

/** The answer in the words the issue gives: "Chain intact through event N" or "Chain broken at event N: ...". */
export function describeVerification(result: ChainVerification): string {
  if (result.ok) return `Chain intact through event ${result.throughSeq}`;
  const found = result.kind === "truncated" ? `truncated after checkpoint ${result.checkpointSeq}` : result.kind;
  return `Chain broken at event ${result.brokenAtSeq}: ${found}`;
}
