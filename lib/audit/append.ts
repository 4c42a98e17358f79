// Appends one event to a workspace's keyed chain, inside the caller's transaction, so the event
// exists exactly when the change it records does.
import type { Tx } from "@/lib/db";
import { auditKeys } from "./audit-keys";
import { canonicalJson } from "./canonical";
import { chainLink, keyedAlgorithm } from "./hash";
import type { AuditAction, AuditActor, AuditTarget, RequestOrigin } from "./types";

export type AuditEntry = {
  workspaceId: string;
  actor: AuditActor;
  action: AuditAction;
  target: AuditTarget;
  /** Before/after and context. Never a secret: callers pass display fields only. */
  metadata?: Record<string, unknown>;
  origin?: RequestOrigin;
  /**
   * When it happened, for history replayed in order (the demo seed): defaults to now, and never
   * precedes the workspace's latest event, so the chain's order stays the order of time.
   */
  at?: Date;
};

const MAX_USER_AGENT = 512;

export async function appendAuditEvent(tx: Tx, entry: AuditEntry) {
  // The increment takes the workspace row's lock (PostgreSQL) or the write lock (SQLite) until commit:
  // concurrent appends to one workspace queue here instead of forking the chain.
  const head = await tx.workspace.update({
    where: { id: entry.workspaceId },
    data: { auditSeq: { increment: 1 } },
    select: { auditSeq: true, auditHeadHash: true },
  });
  if (entry.at) await assertNotBeforeLatest(tx, entry.workspaceId, head.auditSeq - 1, entry.at);
  const fields = {
    workspaceId: entry.workspaceId,
    seq: head.auditSeq,
    actorType: entry.actor.type,
    actorId: entry.actor.type === "system" ? null : entry.actor.id,
    actorLabel: entry.actor.label,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    targetLabel: entry.target.label,
    metadata: canonicalJson(entry.metadata ?? {}),
    ip: entry.origin?.ip ?? null,
    userAgent: entry.origin?.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
    createdAt: entry.at ?? new Date(),
  };
  const { current } = auditKeys();
  const hash = chainLink(current.key, head.auditHeadHash, fields);
  await tx.workspace.update({ where: { id: entry.workspaceId }, data: { auditHeadHash: hash } });
  return tx.auditEvent.create({ data: { ...fields, prevHash: head.auditHeadHash, hash, linkAlgorithm: keyedAlgorithm(current) } });
}

async function assertNotBeforeLatest(tx: Tx, workspaceId: string, latestSeq: number, at: Date) {
  const latest = await tx.auditEvent.findUnique({
    where: { workspaceId_seq: { workspaceId, seq: latestSeq } },
    select: { createdAt: true },
  });
  if (latest && at < latest.createdAt)
    throw new Error(`An audit event at ${at.toISOString()} would precede event ${latestSeq} (${latest.createdAt.toISOString()}).`);
}
