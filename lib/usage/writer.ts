// Writes usage batches through the driver: one multi-row INSERT per batch, and the batch's counts into
// the hourly rollup in the same transaction. Through Prisma, createMany
// of 500 rows cost tens of milliseconds of CPU on the event loop that also answers the API, and took
// throughput down to a fraction (measured by npm run bench).
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { resolveDatabase } from "@/lib/database-url.mjs";
import type { UsageEvent } from "./recorder";

const COLUMNS = [
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
] as const;

type KeyTouch = { keyId: string; at: Date; ip: string | null };

const ROLLUP_COLUMNS = ["workspaceId", "hour", "keyId", "resource", "requiredScope", "decision", "count"] as const;
const ROLLUP_KEY = ROLLUP_COLUMNS.slice(0, -1)
  .map((c) => `"${c}"`)
  .join(", ");
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
function rollup(events: UsageEvent[]): RollupRow[] {
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

function rollupValues(row: RollupRow, date: (d: Date) => unknown): unknown[] {
  return [row.workspaceId, date(row.hour), row.keyId, row.resource, row.requiredScope, row.decision, row.count];
}

const ROLLUP_UPSERT = (values: string) =>
  `INSERT INTO "UsageRollup" (${ROLLUP_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${values}
   ON CONFLICT (${ROLLUP_KEY}) DO UPDATE SET "count" = "UsageRollup"."count" + excluded."count"`;
export type UsageWriter = {
  insert(events: UsageEvent[]): Promise<void>;
  touchKeys(touches: KeyTouch[]): Promise<void>;
  close(): Promise<void>;
};

// Time-ordered ids: each insert lands at the end of the primary-key index instead of a random page.
function usageId(at: Date): string {
  return `${at.getTime().toString(36).padStart(9, "0")}${randomBytes(8).toString("hex")}`;
}

function values(event: UsageEvent, date: (d: Date) => unknown): unknown[] {
  return [
    usageId(event.createdAt),
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
  ];
}

// Prisma's SQLite adapter keeps DateTime as ISO text with an explicit offset; write the same form so
// Prisma reads these rows back and text comparison orders them.
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

function sqliteWriter(url: string): UsageWriter {
  const connection = new Database(url.slice("file:".length).split("?")[0]!, { timeout: 5000 });
  const insertOne = connection.prepare(
    `INSERT INTO "ApiRequest" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`,
  );
  const touch = connection.prepare(
    `UPDATE "ApiKey" SET "lastUsedAt" = ?, "lastUsedIp" = ? WHERE "id" = ? AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ?)`,
  );
  const countOne = connection.prepare(ROLLUP_UPSERT(`(${ROLLUP_COLUMNS.map(() => "?").join(", ")})`));
  const insertAll = connection.transaction((events: UsageEvent[]) => {
    for (const event of events) insertOne.run(...values(event, sqliteDate));
    for (const row of rollup(events)) countOne.run(...rollupValues(row, sqliteDate));
  });
  const touchAll = connection.transaction((touches: KeyTouch[]) => {
    for (const t of touches) touch.run(sqliteDate(t.at), t.ip, t.keyId, sqliteDate(t.at));
  });
  return {
    insert: async (events) => void insertAll(events),
    touchKeys: async (touches) => void touchAll(touches),
    close: async () => void connection.close(),
  };
}

/** A multi-row VALUES list with numbered parameters, for one statement. */
function placeholders<T>(rows: T[], width: number, valuesOf: (row: T) => unknown[]) {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const start = params.length;
    params.push(...valuesOf(row));
    return `(${Array.from({ length: width }, (_, i) => `$${start + i + 1}`).join(", ")})`;
  });
  return { sql: tuples.join(", "), params };
}

function postgresWriter(url: string): UsageWriter {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    async insert(events) {
      const raw = placeholders(events, COLUMNS.length, (event) => values(event, (d) => d));
      const counts = placeholders(rollup(events), ROLLUP_COLUMNS.length, (row) => rollupValues(row, (d) => d));
      // The raw rows and their counts land together or not at all (a retry must not count twice).
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query(`INSERT INTO "ApiRequest" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${raw.sql}`, raw.params);
        if (counts.params.length) await client.query(ROLLUP_UPSERT(counts.sql), counts.params);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async touchKeys(touches) {
      for (const t of touches) {
        await pool.query(
          `UPDATE "ApiKey" SET "lastUsedAt" = $1, "lastUsedIp" = $2 WHERE "id" = $3 AND ("lastUsedAt" IS NULL OR "lastUsedAt" < $1)`,
          [t.at, t.ip, t.keyId],
        );
      }
    },
    close: () => pool.end(),
  };
}

export function createUsageWriter(): UsageWriter {
  const database = resolveDatabase();
  return database.provider === "sqlite" ? sqliteWriter(database.url) : postgresWriter(database.url);
}
