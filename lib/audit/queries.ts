// Reads behind the audit log page and its export, always within one workspace: events newest first
// by keyset on the chain's sequence number, so a deep page costs what the first does (the filter
// indexes end in seq: prisma/models.prisma).
import { keySearchWhere } from "@/lib/api-keys/key-search";
import { db, textContains } from "@/lib/db";
import { decodeCursor, encodeCursor } from "@/lib/keyset-cursor";
import type { AuditFilters, AuditQuery } from "@/lib/validation/audit";
import type { Prisma } from "@/prisma/generated/sqlite/client";

export const AUDIT_PAGE_SIZE = 50;

/**
 * The ids a target search names: keys as the key list finds them (name, prefix, last four characters,
 * masked form); members by name or email (their membership and user ids, since member events name the
 * membership and account events the user). Labels are matched too, for objects that no longer exist.
 */
async function targetWhere(workspaceId: string, q: string): Promise<Prisma.AuditEventWhereInput> {
  const [keys, members] = await Promise.all([
    db.apiKey.findMany({ where: await keySearchWhere(workspaceId, q), select: { id: true }, take: 500 }),
    db.membership.findMany({
      where: { workspaceId, user: { OR: [{ email: textContains(q) }, { name: textContains(q) }] } },
      select: { id: true, userId: true },
      take: 500,
    }),
  ]);
  // By type and id, as the (workspaceId, targetType, targetId, seq) index is ordered.
  return {
    OR: [
      { targetType: "api_key", targetId: { in: keys.map((key) => key.id) } },
      { targetType: "member", targetId: { in: members.map((member) => member.id) } },
      { targetType: "user", targetId: { in: members.map((member) => member.userId) } },
      { targetLabel: textContains(q) },
    ],
  };
}

/** The filters as one query; the workspace always comes from the session, never from the URL. */
export async function auditWhere(workspaceId: string, filters: AuditFilters): Promise<Prisma.AuditEventWhereInput> {
  return {
    AND: [
      { workspaceId },
      filters.actor === "system" ? { actorType: "system" } : filters.actor ? { actorId: filters.actor } : {},
      filters.action ? { action: filters.action } : {},
      filters.target ? await targetWhere(workspaceId, filters.target) : {},
      filters.from || filters.to
        ? { createdAt: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lte: filters.to } : {}) } }
        : {},
    ],
  };
}

function olderThan(cursor: string | undefined): Prisma.AuditEventWhereInput {
  const seq = Number(decodeCursor(cursor)?.v);
  return Number.isSafeInteger(seq) ? { seq: { lt: seq } } : {};
}

export type AuditPage = Awaited<ReturnType<typeof listAuditEvents>>;
export type AuditEventRow = AuditPage["events"][number];

/** One page of the workspace's events, newest first, and the cursor of the next (older) page. */
export async function listAuditEvents(workspaceId: string, query: AuditQuery, pageSize = AUDIT_PAGE_SIZE) {
  const rows = await db.auditEvent.findMany({
    where: { AND: [await auditWhere(workspaceId, query), olderThan(query.cursor)] },
    orderBy: { seq: "desc" },
    take: pageSize + 1,
  });
  const events = rows.slice(0, pageSize);
  const last = events.at(-1);
  return {
    events,
    nextCursor: rows.length > pageSize && last ? encodeCursor({ v: String(last.seq), id: last.id }) : null,
  };
}

/**
 * Every matching event in chain order (oldest first, the order an offline verification walks), in
 * keyset batches: an export of a million events holds one batch at a time. `throughSeq` ends it where
 * the export's snapshot does, whatever is appended while it streams.
 */
export async function* auditEventBatches(
  workspaceId: string,
  filters: AuditFilters,
  { throughSeq, batchSize = 1000 }: { throughSeq?: number; batchSize?: number } = {},
) {
  const where = await auditWhere(workspaceId, filters);
  let after = 0;
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: { AND: [where, { seq: { gt: after, lte: throughSeq } }] },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    if (batch.length) yield batch;
    if (batch.length < batchSize) return;
    after = batch.at(-1)!.seq;
  }
}

/** Who can be picked in the actor filter: the workspace's members and its newest keys. */
export async function auditActorChoices(workspaceId: string) {
  const [members, keys] = await Promise.all([
    db.membership.findMany({
      where: { workspaceId },
      select: { user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
    }),
    db.apiKey.findMany({
      where: { workspaceId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 100,
      select: { id: true, name: true },
    }),
  ]);
  return {
    members: members.map(({ user }) => ({ id: user.id, label: `${user.name} (${user.email})` })),
    keys: keys.map((key) => ({ id: key.id, label: key.name })),
  };
}
