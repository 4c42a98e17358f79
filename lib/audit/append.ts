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
  const [event] = linkEvents(head.auditHeadHash, head.auditSeq, [entry]);
  await tx.workspace.update({ where: { id: entry.workspaceId }, data: { auditHeadHash: event!.hash } });
  return tx.auditEvent.create({ data: event! });
}

/**
 * Several events of one workspace, in the order given, in three statements whatever their number:
 * for writes committed together (lib/api/record-writes.ts). Each is linked to the one before exactly
 * as appendAuditEvent links it.
 */
export async function appendAuditEvents(tx: Tx, workspaceId: string, entries: Omit<AuditEntry, "workspaceId" | "at">[]): Promise<void> {
  if (!entries.length) return;
  const head = await tx.workspace.update({
    where: { id: workspaceId },
    data: { auditSeq: { increment: entries.length } },
    select: { auditSeq: true, auditHeadHash: true },
  });
  const events = linkEvents(
    head.auditHeadHash,
    head.auditSeq - entries.length + 1,
    entries.map((entry) => ({ ...entry, workspaceId })),
  );
  await tx.workspace.update({ where: { id: workspaceId }, data: { auditHeadHash: events.at(-1)!.hash } });
  await tx.auditEvent.createMany({ data: events });
}

/** The rows of consecutive events from firstSeq on, each linked to the one before, the first to prevHash. */
function linkEvents(prevHash: string, firstSeq: number, entries: AuditEntry[]) {
  const { current } = auditKeys();
  const now = new Date();
  let previous = prevHash;
  return entries.map((entry, i) => {
    const fields = {
      workspaceId: entry.workspaceId,
      seq: firstSeq + i,
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
      createdAt: entry.at ?? now,
    };
    const hash = chainLink(current.key, previous, fields);
    const row = { ...fields, prevHash: previous, hash, linkAlgorithm: keyedAlgorithm(current) };
    previous = hash;
    return row;
  });
}

async function assertNotBeforeLatest(tx: Tx, workspaceId: string, latestSeq: number, at: Date) {
  const latest = await tx.auditEvent.findUnique({
    where: { workspaceId_seq: { workspaceId, seq: latestSeq } },
    select: { createdAt: true },
  });
  if (latest && at < latest.createdAt)
    throw new Error(`An audit event at ${at.toISOString()} would precede event ${latestSeq} (${latest.createdAt.toISOString()}).`);
}
