// Reads behind the usage views, always within one workspace: requests over time, by resource and by
// key (from the hourly rollup), and the recent requests (from the raw rows, by keyset). Results are
// plain JSON (dates as ISO strings): the same object is rendered by the server page and refreshed by
// React Query through app/api/internal/usage.
import { maskedKey } from "@/lib/api-keys/key-format";
import { resolveDatabase } from "@/lib/database-url.mjs";
import { db } from "@/lib/db";
import { decodeCursor, encodeCursor } from "@/lib/keyset-cursor";
import { findResource } from "@/lib/scopes/catalog";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { type UsageQuery, utcDate } from "@/lib/validation/usage";
import type { Prisma } from "@/prisma/generated/sqlite/client";
import { namedKeys } from "./key-names";
import { noRequests, OUTCOME_DECISIONS, type OutcomeCounts, outcomeOf, totalOf } from "./outcomes";
import { bucketsOf } from "./ranges";

export const REQUEST_PAGE_SIZE = 25;
const TOP_KEYS = 10;

type Scope = { workspaceId: string; keyId?: string; resource?: string };

export function requestWhere({ workspaceId, keyId, resource }: Scope): Prisma.ApiRequestWhereInput {
  return { workspaceId, ...(keyId ? { keyId } : {}), ...(resource ? { resource } : {}) };
}

function rollupWhere({ workspaceId, keyId, resource }: Scope, from: Date): Prisma.UsageRollupWhereInput {
  return { workspaceId, hour: { gte: from }, ...(keyId ? { keyId } : {}), ...(resource ? { resource } : {}) };
}

function addCount(counts: OutcomeCounts, decision: string, n: number) {
  counts[outcomeOf(decision)] += n;
}

export type UsageSummary = Awaited<ReturnType<typeof usageSummary>>;

/**
 * Requests over the range (allowed, denied, errors per bucket), by resource and, across keys, by key.
 * Read from the hourly rollup: a bucket is a whole number of hours, and the cost follows the hours
 * and keys shown, not the number of requests.
 */
export async function usageSummary(workspaceId: string, query: Pick<UsageQuery, "range" | "keyId" | "resource">, now = new Date()) {
  const scope: Scope = { workspaceId, keyId: query.keyId, resource: query.resource };
  const { from, starts, bucketSeconds } = bucketsOf(query.range, now);
  const where = rollupWhere(scope, from);
  const [hours, resources, keys] = await Promise.all([
    db.usageRollup.groupBy({ by: ["hour", "decision"], where, _sum: { count: true } }),
    db.usageRollup.groupBy({ by: ["resource", "decision"], where, _sum: { count: true } }),
    query.keyId ? [] : db.usageRollup.groupBy({ by: ["keyId", "decision"], where, _sum: { count: true } }),
  ]);

  const series = starts.map((start) => ({ start: start.toISOString(), ...noRequests() }));
  const totals = noRequests();
  for (const row of hours) {
    const slot = series[Math.floor((row.hour.getTime() - from.getTime()) / (bucketSeconds * 1000))];
    if (!slot) continue; // a clock a little ahead of this one
    addCount(slot, row.decision, row._sum.count ?? 0);
    addCount(totals, row.decision, row._sum.count ?? 0);
  }

  const byResource = new Map<string, OutcomeCounts>();
  for (const row of resources) {
    const counts = byResource.get(row.resource) ?? noRequests();
    addCount(counts, row.decision, row._sum.count ?? 0);
    byResource.set(row.resource, counts);
  }

  return {
    range: query.range,
    from: from.toISOString(),
    to: now.toISOString(),
    bucketSeconds,
    series,
    totals,
    byResource: mostRequestedFirst(
      [...byResource].map(([resource, counts]) => ({
        resource: resource || null,
        label: resource ? (findResource(loadedCatalog(), resource)?.label ?? resource) : "No endpoint",
        ...counts,
      })),
    ),
    byKey: await requestsByKey(
      workspaceId,
      keys.map((row) => ({ keyId: row.keyId || null, decision: row.decision, count: row._sum.count ?? 0 })),
    ),
  };
}

function mostRequestedFirst<T extends OutcomeCounts>(rows: T[]): T[] {
  return rows.sort((a, b) => totalOf(b) - totalOf(a));
}

/** The keys with the most requests, named; requests that presented no valid key count as "No key". */
async function requestsByKey(workspaceId: string, rows: { keyId: string | null; decision: string; count: number }[]) {
  const counts = new Map<string | null, OutcomeCounts>();
  for (const row of rows) {
    const entry = counts.get(row.keyId) ?? noRequests();
    addCount(entry, row.decision, row.count);
    counts.set(row.keyId, entry);
  }
  const top = mostRequestedFirst([...counts].map(([keyId, c]) => ({ keyId, ...c }))).slice(0, TOP_KEYS);
  const ids = top.flatMap((row) => (row.keyId ? [row.keyId] : []));
  const keys = await db.apiKey.findMany({
    where: { workspaceId, id: { in: ids } },
    select: { id: true, name: true, prefix: true, last4: true },
  });
  const byId = new Map(keys.map((key) => [key.id, key]));
  return top.map((row) => {
    const key = row.keyId ? byId.get(row.keyId) : undefined;
    return { ...row, name: key?.name ?? "No key", masked: key ? maskedKey(key) : null };
  });
}

export type RequestPage = Awaited<ReturnType<typeof recentRequests>>;
export type RecentRequest = RequestPage["requests"][number];
type RequestFilters = Pick<
  UsageQuery,
  "keyId" | "resource" | "outcome" | "cursor" | "from" | "to" | "status" | "path" | "ip" | "requestId"
>;

// "Starts with", literally: LIKE reads `%` and `_` as wildcards. PostgreSQL's LIKE escapes them with a
// backslash; SQLite's LIKE has no escape unless told (Prisma never does) and ignores case, but SQLite
// compares text byte by byte, so there "starts with p" is the range p <= path < p + U+10FFFF. (Not on
// PostgreSQL, whose collation may not order by code point.)
function pathStartsWith(prefix: string): Prisma.StringFilter {
  if (resolveDatabase().provider === "postgresql") return { startsWith: prefix.replace(/[\\%_]/g, "\\$&") };
  return { gte: prefix, lt: `${prefix}\u{10FFFF}` };
}

/** The request log's finer filters: a time range, a status, a path prefix, an address, one request id. */
function detailWhere({ from, to, status, path, ip, requestId }: RequestFilters): Prisma.ApiRequestWhereInput[] {
  return [
    from || to ? { createdAt: { ...(from ? { gte: utcDate(from) } : {}), ...(to ? { lte: utcDate(to) } : {}) } } : {},
    status ? { status } : {},
    path ? { path: pathStartsWith(path) } : {},
    ip ? { ip } : {},
    requestId ? { id: requestId } : {},
  ];
}

/** The newest requests first, filtered by key, resource, outcome and the finer filters, a page at a time. */
export async function recentRequests(workspaceId: string, query: RequestFilters, pageSize = REQUEST_PAGE_SIZE) {
  const cursor = decodeCursor(query.cursor);
  const at = cursor ? new Date(cursor.v) : null;
  // "Older than the cursor row", written so the createdAt bound is a range the index can seek to:
  // a deep page then costs what the first does.
  const after =
    at && !Number.isNaN(at.getTime()) ? { createdAt: { lte: at }, OR: [{ createdAt: { lt: at } }, { id: { lt: cursor!.id } }] } : {};
  const rows = await db.apiRequest.findMany({
    where: {
      AND: [
        requestWhere({ workspaceId, keyId: query.keyId, resource: query.resource }),
        query.outcome === "all" ? {} : { decision: { in: [...OUTCOME_DECISIONS[query.outcome]] } },
        ...detailWhere(query),
        after,
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  const byId = await namedKeys(workspaceId, [...new Set(page.flatMap((row) => (row.keyId ? [row.keyId] : [])))]);
  const last = page.at(-1);
  return {
    requests: page.map((row) => ({
      id: row.id,
      at: row.createdAt.toISOString(),
      method: row.method,
      path: row.path,
      resource: row.resource,
      requiredScope: row.requiredScope,
      decision: row.decision,
      outcome: outcomeOf(row.decision),
      status: row.status,
      latencyMs: row.latencyMs,
      ip: row.ip,
      field: row.field,
      // Gateway mode: the upstream's status (null when it never answered) and its time to headers.
      upstreamStatus: row.upstreamStatus,
      upstreamMs: row.upstreamMs,
      key: row.keyId ? (byId.get(row.keyId) ?? null) : null,
    })),
    nextCursor: rows.length > pageSize && last ? encodeCursor({ v: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
