// The bottom of lib/usage, imported by the recorder and by every writer and importing none of them:
// the event an API request becomes, what a writer does with a batch of events, and the rows and SQL a
// batch becomes in either database: one raw row per request (the request log) and the batch's counts
// per hour, key, resource, scope and decision (the rollup the charts read). Requests refused without
// a valid key are no row each but a count per hour, address and decision (AnonymousRefusalRollup).
import { randomBytes } from "node:crypto";
import type { PruneBefore } from "./retention";

export type Decision =
  | "allowed"
  | "missing_scope"
  | "revoked"
  | "expired"
  | "invalid"
  | "ip_not_allowed"
  | "rate_limited"
  | "not_found"
  | "bad_request";

export type UsageEvent = {
  /** The request id the API answered with (Request-Id); producers that answered nobody leave it to the writer. */
  id?: string;
  workspaceId: string | null;
  keyId: string | null;
  method: string;
  path: string;
  resource: string | null;
  requiredScope: string | null;
  decision: Decision;
  status: number;
  latencyMs: number;
  ip: string | null;
  createdAt: Date;
  /** Where a 422 put the blame: the JSON pointer of the field the API named. */
  field?: string | null;
  /** Gateway mode: the status the upstream answered with (null when it never answered). */
  upstreamStatus?: number | null;
  /** Gateway mode: the upstream's time to its response headers; latencyMs is then Keysmith's own time. */
  upstreamMs?: number | null;
};

/** What each database's writer does with a batch (lib/usage/writer.ts picks one). */
export type UsageWriter = {
  insert(events: UsageEvent[]): Promise<void>;
  touchKeys(touches: KeyTouch[]): Promise<void>;
  /** Deletes usage older than the retention allows; resolves with the request rows deleted. */
  prune(before: PruneBefore): Promise<number>;
  close(): Promise<void>;
};

export const REQUEST_COLUMNS = [
  "id",
  "workspaceId",
  "keyId",
  "method",
  "path",
  "resource",
  "requiredScope",
  "decision",
  "status",
  "latencyMs",
  "ip",
  "createdAt",
  "field",
  "upstreamStatus",
  "upstreamMs",
] as const;

export const INSERT_REQUESTS = (values: string) =>
  `INSERT INTO "ApiRequest" (${REQUEST_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${values}`;

/** A key's latest use in a batch: the writer moves lastUsedAt forward only. */
export type KeyTouch = { keyId: string; at: Date; ip: string | null };

// Time-ordered ids: each insert lands at the end of the primary-key index instead of a random page, and
// "older than" is a range of the primary key (what pruning deletes by).
function idTimePrefix(at: Date): string {
  return at.getTime().toString(36).padStart(9, "0");
}

/** A new request's id: sent to the caller as Request-Id, and the primary key of its usage row. */
export function newRequestId(at: Date): string {
  return `${idTimePrefix(at)}${randomBytes(8).toString("hex")}`;
}

/** Rows per DELETE when pruning: each chunk is a short transaction, so writes interleave. */
export const PRUNE_CHUNK = 5000;
export const PRUNE_REQUESTS_SQL = `DELETE FROM "ApiRequest" WHERE "id" IN (SELECT "id" FROM "ApiRequest" WHERE "id" < ? ORDER BY "id" LIMIT ${PRUNE_CHUNK})`;
export const PRUNE_ROLLUP_SQL = `DELETE FROM "UsageRollup" WHERE "hour" < ?`;

/** The smallest id a request made at `at` can have: every row with a smaller id is older. */
export function firstIdAt(at: Date): string {
  return idTimePrefix(at);
}

export function requestValues(event: UsageEvent, date: (d: Date) => unknown): unknown[] {
  return [
    event.id ?? newRequestId(event.createdAt),
    event.workspaceId,
    event.keyId,
    event.method,
    event.path,
    event.resource,
    event.requiredScope,
    event.decision,
    event.status,
    event.latencyMs,
    event.ip,
    date(event.createdAt),
    event.field ?? null,
    event.upstreamStatus ?? null,
    event.upstreamMs ?? null,
  ];
}

export const ROLLUP_COLUMNS = ["workspaceId", "hour", "keyId", "resource", "requiredScope", "decision", "count"] as const;
const HOUR_MS = 3600 * 1000;
type RollupRow = {
  workspaceId: string;
  hour: Date;
  keyId: string;
  resource: string;
  requiredScope: string;
  decision: string;
  count: number;
};

/** The batch counted per workspace, hour, key, resource, scope and decision (one row each). */
export function rollup(events: UsageEvent[]): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const event of events) {
    // Requests without a workspace (no valid key) appear on no dashboard.
    if (!event.workspaceId) continue;
    const hour = new Date(Math.floor(event.createdAt.getTime() / HOUR_MS) * HOUR_MS);
    const row = {
      workspaceId: event.workspaceId,
      hour,
      keyId: event.keyId ?? "",
      resource: event.resource ?? "",
      requiredScope: event.requiredScope ?? "",
      decision: event.decision,
      count: 0,
    };
    const id = [row.workspaceId, hour.getTime(), row.keyId, row.resource, row.requiredScope, row.decision].join("\u0000");
    const found = rows.get(id) ?? row;
    found.count += 1;
    rows.set(id, found);
  }
  return [...rows.values()];
}

export function rollupValues(row: RollupRow, date: (d: Date) => unknown): unknown[] {
  return [row.workspaceId, date(row.hour), row.keyId, row.resource, row.requiredScope, row.decision, row.count];
}

const ROLLUP_KEY = ROLLUP_COLUMNS.slice(0, -1)
  .map((c) => `"${c}"`)
  .join(", ");

/** Adds counts to the hours already there (both SQLite and PostgreSQL take this form). */
export const UPSERT_ROLLUP = (values: string) =>
  `INSERT INTO "UsageRollup" (${ROLLUP_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${values}
   ON CONFLICT (${ROLLUP_KEY}) DO UPDATE SET "count" = "UsageRollup"."count" + excluded."count"`;

/**
 * Refusals of requests that presented no key the API found (no key, not a key, an unknown one, a key in
 * the URL, an address over its failed authentications): no workspace's, so on no dashboard, and what a
 * flood is made of. They are counted per hour, address and decision instead of stored a row each.
 */
export const ANONYMOUS_DECISIONS: readonly Decision[] = ["invalid", "rate_limited"];

export function isAnonymousRefusal(event: UsageEvent): boolean {
  return event.keyId === null && ANONYMOUS_DECISIONS.includes(event.decision);
}

/** The events that become a request-log row each. */
export function requestRows(events: UsageEvent[]): UsageEvent[] {
  return events.filter((event) => !isAnonymousRefusal(event));
}

export const ANONYMOUS_COLUMNS = ["hour", "ip", "decision", "count"] as const;
type AnonymousRow = { hour: Date; ip: string; decision: string; count: number };

/** The batch's anonymous refusals counted per hour, address and decision (one row each). */
export function anonymousRollup(events: UsageEvent[]): AnonymousRow[] {
  const rows = new Map<string, AnonymousRow>();
  for (const event of events) {
    if (!isAnonymousRefusal(event)) continue;
    const hour = new Date(Math.floor(event.createdAt.getTime() / HOUR_MS) * HOUR_MS);
    const ip = event.ip ?? "unknown";
    const id = [hour.getTime(), ip, event.decision].join("\u0000");
    const found = rows.get(id) ?? { hour, ip, decision: event.decision, count: 0 };
    found.count += 1;
    rows.set(id, found);
  }
  return [...rows.values()];
}

export function anonymousValues(row: AnonymousRow, date: (d: Date) => unknown): unknown[] {
  return [date(row.hour), row.ip, row.decision, row.count];
}

export const UPSERT_ANONYMOUS = (values: string) =>
  `INSERT INTO "AnonymousRefusalRollup" ("hour", "ip", "decision", "count") VALUES ${values}
   ON CONFLICT ("hour", "ip", "decision") DO UPDATE SET "count" = "AnonymousRefusalRollup"."count" + excluded."count"`;

/** Kept as long as the request log they stand in for (USAGE_RETENTION_DAYS). */
export const PRUNE_ANONYMOUS_SQL = `DELETE FROM "AnonymousRefusalRollup" WHERE "hour" < ?`;

export const TOUCH_KEY_SQL = `UPDATE "ApiKey" SET "lastUsedAt" = ?, "lastUsedIp" = ? WHERE "id" = ? AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ?)`;
