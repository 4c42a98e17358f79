// Walks a workspace's chain in order and recomputes every hash: an edited, deleted, inserted or
// reordered event shows up as the first sequence number where the chain breaks.
import { db } from "@/lib/db";
import { chainHash } from "./hash";

export type ChainVerification = { ok: true; events: number } | { ok: false; events: number; brokenAtSeq: number; reason: string };

const PAGE = 500;

export async function verifyAuditChain(workspaceId: string): Promise<ChainVerification> {
  const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { auditSeq: true, auditHeadHash: true } });
  if (!workspace) return { ok: false, events: 0, brokenAtSeq: 0, reason: "workspace not found" };
  let prevHash = "";
  let expectedSeq = 1;
  for (;;) {
    const events = await db.auditEvent.findMany({ where: { workspaceId, seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: PAGE });
    for (const event of events) {
      const { id: _id, prevHash: storedPrev, hash, ...fields } = event;
      if (event.seq !== expectedSeq) return broken(expectedSeq, `event ${expectedSeq} is missing`);
      if (storedPrev !== prevHash || chainHash(prevHash, fields) !== hash) return broken(event.seq, `event ${event.seq} was altered`);
      prevHash = hash;
      expectedSeq++;
    }
    if (events.length < PAGE) break;
  }
  const count = expectedSeq - 1;
  if (count !== workspace.auditSeq || prevHash !== workspace.auditHeadHash)
    return broken(count + 1, "events after the last one found are missing");
  return { ok: true, events: count };

  function broken(seq: number, reason: string): ChainVerification {
    return { ok: false, events: expectedSeq - 1, brokenAtSeq: seq, reason };
  }
}
