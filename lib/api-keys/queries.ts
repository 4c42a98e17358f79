// Reads for the dashboard, always within one workspace. The list pages by keyset (lib/keyset-cursor).
import { db } from "@/lib/db";
import { decodeCursor, encodeCursor, type KeysetCursor } from "@/lib/keyset-cursor";
import type { KeyListQuery } from "@/lib/validation/key-list";
import type { Prisma } from "@/prisma/generated/sqlite/client";
import { maskedKey } from "./key-format";
import { keySearchWhere } from "./key-search";
import { KEY_SELECT, type KeyView, toKeyView } from "./records";
import { livePredecessors } from "./rotation-chain";
import { EXPIRING_WITHIN_MS, type KeyStatus } from "./status";

export const KEY_PAGE_SIZE = 25;

/** The status filter as a query: the same rules as keyStatus, evaluated by the database. */
function statusWhere(status: KeyStatus, now: Date): Prisma.ApiKeyWhereInput {
  const live = { revokedAt: null };
  const notExpired = { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const soon = new Date(now.getTime() + EXPIRING_WITHIN_MS);
  switch (status) {
    case "revoked":
      return { revokedAt: { not: null } };
    case "rotated":
      return { ...live, expiresAt: { lte: now }, rotatedTo: { isNot: null } };
    case "expired":
      return { ...live, expiresAt: { lte: now }, rotatedTo: { is: null } };
    case "rotating":
      return { ...live, ...notExpired, rotatedTo: { isNot: null } };
    case "expiring":
      return { ...live, expiresAt: { gt: now, lte: soon }, rotatedTo: { is: null } };
    case "active":
      return { ...live, OR: [{ expiresAt: null }, { expiresAt: { gt: soon } }], rotatedTo: { is: null } };
  }
}

function keysetWhere(sort: KeyListQuery["sort"], cursor: KeysetCursor | null): Prisma.ApiKeyWhereInput {
  if (!cursor) return {};
  if (sort === "name") return { OR: [{ name: { gt: cursor.v } }, { name: cursor.v, id: { gt: cursor.id } }] };
  const at = new Date(cursor.v);
  if (Number.isNaN(at.getTime())) return {};
  const beyond = sort === "newest" ? { lt: at } : { gt: at };
  const idBeyond = sort === "newest" ? { lt: cursor.id } : { gt: cursor.id };
  return { OR: [{ createdAt: beyond }, { createdAt: at, id: idBeyond }] };
}

const ORDER: Record<KeyListQuery["sort"], Prisma.ApiKeyOrderByWithRelationInput[]> = {
  newest: [{ createdAt: "desc" }, { id: "desc" }],
  oldest: [{ createdAt: "asc" }, { id: "asc" }],
  name: [{ name: "asc" }, { id: "asc" }],
};

export async function listApiKeys(workspaceId: string, query: KeyListQuery, pageSize = KEY_PAGE_SIZE) {
  const now = new Date();
  const rows = await db.apiKey.findMany({
    where: {
      AND: [
        { workspaceId },
        query.status === "all" ? {} : statusWhere(query.status, now),
        query.q ? await keySearchWhere(workspaceId, query.q) : {},
        keysetWhere(query.sort, decodeCursor(query.cursor)),
      ],
    },
    orderBy: ORDER[query.sort],
    take: pageSize + 1,
    select: KEY_SELECT,
  });
  const page = rows.slice(0, pageSize).map((row) => toKeyView(row, now));
  const last = page.at(-1);
  const nextCursor =
    rows.length > pageSize && last
      ? encodeCursor({ v: query.sort === "name" ? last.name : last.createdAt.toISOString(), id: last.id })
      : null;
  return { keys: page, nextCursor };
}

export async function countApiKeys(workspaceId: string) {
  return db.apiKey.count({ where: { workspaceId } });
}

/** One key of the workspace, or null (another workspace's key is null too). */
export async function getApiKey(workspaceId: string, keyId: string) {
  const row = await db.apiKey.findFirst({ where: { id: keyId, workspaceId }, select: KEY_SELECT });
  return row ? toKeyView(row) : null;
}

/** The keys a revocation of this one would revoke with it: its predecessors still in their grace period. */
export async function revokedAlongWith(key: KeyView) {
  return livePredecessors(db, key.workspaceId, key);
}

/** Keys to filter usage by: the newest ones, named and masked (a select cannot usefully hold more). */
export async function keyChoices(workspaceId: string, take = 100) {
  const keys = await db.apiKey.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, name: true, prefix: true, last4: true },
  });
  return keys.map((key) => ({ id: key.id, name: key.name, masked: maskedKey(key) }));
}
