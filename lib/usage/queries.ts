// Reads behind the usage views, always within one workspace: requests over time, by resource and by
// key, and the recent requests. Results are plain JSON (dates as ISO strings): the same object is
// rendered by the server page and refreshed by React Query through app/api/internal/usage.
import { maskedKey } from "@/lib/api-keys/key-format";
import { databaseProvider, db } from "@/lib/db";
import { decodeCursor, encodeCursor } from "@/lib/keyset-cursor";
import { findResource } from "@/lib/scopes/catalog";
import type { UsageQuery } from "@/lib/validation/usage";
import type { Prisma } from "@/prisma/generated/sqlite/client";
import { noRequests, OUTCOME_DECISIONS, type OutcomeCounts, outcomeOf } from "./outcomes";
import { bucketsOf } from "./ranges";

export const REQUEST_PAGE_SIZE = 25;
const TOP_KEYS = 10;

type Scope = { workspaceId: string; keyId?: string; resource?: string };

function requestWhere({ workspaceId, keyId, resource }: Scope): Prisma.ApiRequestWhereInput {
  return { workspaceId, ...(keyId ? { keyId } : {}), ...(resource ? { resource } : {}) };
}

function addCount(counts: OutcomeCounts, decision: string, n: number) {
  counts[outcomeOf(decision)] += n;
}

/**
 * Requests per bucket and decision. Bucketing by time needs each database's own date arithmetic, so
 * this is the one raw query; it filters on the (workspaceId, createdAt) index like the rest.
 */
async function countsPerBucket(scope: Scope, from: Date, bucketSeconds: number) {
  const fromSeconds = from.getTime() / 1000;
  const postgres = databaseProvider() === "postgresql";
  const params: unknown[] = [fromSeconds, bucketSeconds, scope.workspaceId];
  // SQLite keeps DateTime as ISO text with an offset (see lib/usage/writer.ts), which compares as text.
  params.push(postgres ? fromSeconds : from.toISOString().replace("Z", "+00:00"));
  const filters = [`"workspaceId" = ?`, postgres ? `"createdAt" >= to_timestamp(?) AT TIME ZONE 'UTC'` : `"createdAt" >= ?`];
  if (scope.keyId) {
    filters.push(`"keyId" = ?`);
    params.push(scope.keyId);
  }
  if (scope.resource) {
    filters.push(`"resource" = ?`);
    params.push(scope.resource);
  }
  // extract(epoch) of a timestamp without time zone reads it as UTC, which is how Prisma stores it.
  const bucket = postgres
    ? `floor((extract(epoch from "createdAt") - ?::float8) / ?::float8)::int`
    : `CAST((unixepoch("createdAt") - ?) / ? AS INTEGER)`;
  let sql = `SELECT ${bucket} AS "bucket", "decision", COUNT(*) AS "n" FROM "ApiRequest" WHERE ${filters.join(" AND ")} GROUP BY 1, 2`;
  if (postgres) {
    let n = 0;
    sql = sql.replace(/\?/g, () => `$${++n}`);
  }
  const rows = await db.$queryRawUnsafe<{ bucket: number | bigint; decision: string; n: number | bigint }[]>(sql, ...params);
  return rows.map((row) => ({ bucket: Number(row.bucket), decision: row.decision, n: Number(row.n) }));
}

export type UsageSummary = Awaited<ReturnType<typeof usageSummary>>;

/** Requests over the range (allowed, denied, errors per bucket), by resource and, across keys, by key. */
export async function usageSummary(workspaceId: string, query: Pick<UsageQuery, "range" | "keyId" | "resource">, now = new Date()) {
  const scope: Scope = { workspaceId, keyId: query.keyId, resource: query.resource };
  const { from, starts, bucketSeconds } = bucketsOf(query.range, now);
  const inRange = { ...requestWhere(scope), createdAt: { gte: from } };
  const [buckets, resources, keys] = await Promise.all([
    countsPerBucket(scope, from, bucketSeconds),
    db.apiRequest.groupBy({ by: ["resource", "decision"], where: inRange, _count: true }),
    query.keyId ? [] : db.apiRequest.groupBy({ by: ["keyId", "decision"], where: inRange, _count: true }),
  ]);

  const series = starts.map((start) => ({ start: start.toISOString(), ...noRequests() }));
  const totals = noRequests();
  for (const { bucket, decision, n } of buckets) {
    const slot = series[bucket];
    if (!slot) continue; // a clock a little ahead of this one
    addCount(slot, decision, n);
    addCount(totals, decision, n);
  }

  const byResource = new Map<string, OutcomeCounts>();
  for (const row of resources) {
    const id = row.resource ?? "";
    const counts = byResource.get(id) ?? noRequests();
    addCount(counts, row.decision, row._count);
    byResource.set(id, counts);
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
        label: resource ? (findResource(resource)?.label ?? resource) : "No endpoint",
        ...counts,
      })),
    ),
    byKey: await requestsByKey(workspaceId, keys),
  };
}

const totalOf = (counts: OutcomeCounts) => counts.allowed + counts.denied + counts.errors;

function mostRequestedFirst<T extends OutcomeCounts>(rows: T[]): T[] {
  return rows.sort((a, b) => totalOf(b) - totalOf(a));
}

/** The keys with the most requests, named; requests that presented no valid key count as "No key". */
async function requestsByKey(workspaceId: string, rows: { keyId: string | null; decision: string; _count: number }[]) {
  const counts = new Map<string | null, OutcomeCounts>();
  for (const row of rows) {
    const entry = counts.get(row.keyId) ?? noRequests();
    addCount(entry, row.decision, row._count);
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

/** The newest requests first, filtered by key, resource and outcome, a page at a time. */
export async function recentRequests(
  workspaceId: string,
  query: Pick<UsageQuery, "keyId" | "resource" | "outcome" | "cursor">,
  pageSize = REQUEST_PAGE_SIZE,
) {
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
        after,
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  const keyIds = [...new Set(page.flatMap((row) => (row.keyId ? [row.keyId] : [])))];
  const keys = await db.apiKey.findMany({
    where: { workspaceId, id: { in: keyIds } },
    select: { id: true, name: true, prefix: true, last4: true },
  });
  const byId = new Map(keys.map((key) => [key.id, { id: key.id, name: key.name, masked: maskedKey(key) }]));
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
      key: row.keyId ? (byId.get(row.keyId) ?? null) : null,
    })),
    nextCursor: rows.length > pageSize && last ? encodeCursor({ v: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
