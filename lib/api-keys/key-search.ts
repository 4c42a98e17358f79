// What a search text names among a workspace's keys: a name containing it, or the key as people quote
// it from the screen. One definition for the key list (lib/api-keys/queries.ts) and the audit log's
// target filter (lib/audit/queries.ts), so both find the same keys for the same text.
import { resolveDatabase } from "@/lib/database-url.mjs";
import { db, textContains } from "@/lib/db";
import type { Prisma } from "@/prisma/generated/sqlite/client";

/**
 * Names containing the search text literally: `%` and `_` are LIKE wildcards, and a search for "%"
 * listed every key. PostgreSQL's LIKE takes backslash as its escape character. SQLite's LIKE has none
 * unless the query says ESCAPE, which Prisma's never does, so a text with a wildcard in it is matched
 * there by instr() over the workspace's names instead (rare: only such searches take this path).
 */
async function nameSearch(workspaceId: string, q: string): Promise<Prisma.ApiKeyWhereInput> {
  if (resolveDatabase().provider === "postgresql") return { name: textContains(q.replace(/[\\%_]/g, "\\$&")) };
  if (!/[%_]/.test(q)) return { name: textContains(q) };
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "ApiKey" WHERE "workspaceId" = ${workspaceId} AND instr(lower("name"), lower(${q})) > 0`;
  return { id: { in: rows.map((row) => row.id) } };
}

// A key as people quote it: its masked form (ksk_AbCd…wxyz, or with "..."), its prefix, or its last 4.
const MASKED_KEY = /^(ksk_[A-Za-z0-9]{4})(?:…|\.\.\.)([A-Za-z0-9]{4})$/;

/** The keys a search text names by how they are shown. */
function keyIdentifierWhere(q: string): Prisma.ApiKeyWhereInput[] {
  const masked = MASKED_KEY.exec(q);
  if (masked) return [{ prefix: masked[1], last4: masked[2] }];
  if (/^ksk_[A-Za-z0-9]{4}$/.test(q)) return [{ prefix: q }];
  if (/^[A-Za-z0-9]{4}$/.test(q)) return [{ last4: q }];
  return [];
}

/** The workspace's keys a search text names: by name, masked form, prefix or last four characters. */
export async function keySearchWhere(workspaceId: string, q: string): Promise<Prisma.ApiKeyWhereInput> {
  return { AND: [{ workspaceId }, { OR: [await nameSearch(workspaceId, q), ...keyIdentifierWhere(q)] }] };
}
