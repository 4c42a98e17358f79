// Verifies a workspace's chain as the database holds it, against the checkpoint file: the whole chain,
// or only the tail after the latest checkpoint (what the server checks at start and before signing).
import { db } from "@/lib/db";
import { auditKeys } from "./audit-keys";
import { latestOf, readCheckpoints } from "./checkpoints";
import { EMPTY_DIGEST } from "./content-digest";
import { checkpointSigner } from "./signing-key";
import { type ChainRow, type ChainVerification, verifyChain } from "./verify";

// Keyset pages of the chained columns only: memory stays one page whatever the chain's length.
const PAGE = 5000;
const CHAIN_COLUMNS = {
  workspaceId: true,
  seq: true,
  actorType: true,
  actorId: true,
  actorLabel: true,
  action: true,
  targetType: true,
  targetId: true,
  targetLabel: true,
  metadata: true,
  ip: true,
  userAgent: true,
  createdAt: true,
  prevHash: true,
  hash: true,
  linkAlgorithm: true,
} as const;

async function* eventsBetween(workspaceId: string, afterSeq: number, throughSeq: number): AsyncGenerator<ChainRow> {
  let cursor = afterSeq;
  for (;;) {
    const page = await db.auditEvent.findMany({
      where: { workspaceId, seq: { gt: cursor, lte: throughSeq } },
      orderBy: { seq: "asc" },
      take: PAGE,
      select: CHAIN_COLUMNS,
    });
    yield* page;
    if (page.length < PAGE) return;
    cursor = page[page.length - 1]!.seq;
  }
}

export async function verifyAuditChain(workspaceId: string, scope: "all" | "tail" = "all"): Promise<ChainVerification> {
  const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { auditSeq: true, auditHeadHash: true } });
  if (!workspace) throw new Error(`workspace ${workspaceId} not found`);
  const checkpoints = await readCheckpoints(workspaceId);
  const signer = checkpointSigner();
  // The tail starts at the latest checkpoint, trusted only once its signature is (verifyChain checks
  // every checkpoint's signature, this one included). One signed before content digests has none to
  // continue from: the whole walk then computes it, once, for the next checkpoint to sign.
  const latest = scope === "tail" ? latestOf(checkpoints) : null;
  if (latest && latest.digest === undefined) return verifyAuditChain(workspaceId, "all");
  const from = latest ? { seq: latest.seq, link: latest.link, digest: latest.digest! } : { seq: 0, link: "", digest: EMPTY_DIGEST };
  if (latest) {
    const event = await db.auditEvent.findUnique({ where: { workspaceId_seq: { workspaceId, seq: latest.seq } }, select: { hash: true } });
    // The checkpointed event gone or changed: only the whole walk can say where the chain breaks.
    if (!event || event.hash !== latest.link) return verifyAuditChain(workspaceId, "all");
  }
  // The walk ends at the head read above: an event appended meanwhile (an export's own, a key change) is
  // the next walk's, not a head that "does not match its last event".
  const result = await verifyChain({
    workspaceId,
    events: eventsBetween(workspaceId, from.seq, workspace.auditSeq),
    from,
    checkpoints,
    head: { workspaceId, seq: workspace.auditSeq, link: workspace.auditHeadHash },
    keys: auditKeys(),
    signer,
    seqOfLink: async (link) =>
      link ? ((await db.auditEvent.findFirst({ where: { workspaceId, hash: link }, select: { seq: true } }))?.seq ?? null) : 0,
  });
  return result.ok ? ((await eventPastHead(workspaceId)) ?? result) : result;
}

/**
 * An event numbered past the recorded head, which no append writes: each commits its event with the
 * head that counts it, and the head only grows, so the last event read before the head can pass it
 * only if someone else wrote it.
 */
async function eventPastHead(workspaceId: string): Promise<ChainVerification | null> {
  const last = await db.auditEvent.findFirst({ where: { workspaceId }, orderBy: { seq: "desc" }, select: { seq: true } });
  const head = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { auditSeq: true } });
  if (!last || last.seq <= head.auditSeq) return null;
  return {
    ok: false,
    brokenAtSeq: Math.max(head.auditSeq, 1),
    kind: "altered",
    checkpointSeq: null,
    detail: `event ${last.seq} is past the workspace's recorded head, event ${head.auditSeq}`,
  };
}
