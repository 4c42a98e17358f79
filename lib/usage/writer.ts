// Writes usage batches through the driver: one multi-row INSERT per batch. Through Prisma, createMany
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
  const insertAll = connection.transaction((events: UsageEvent[]) => {
    for (const event of events) insertOne.run(...values(event, sqliteDate));
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

function postgresWriter(url: string): UsageWriter {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    async insert(events) {
      const params: unknown[] = [];
      const rows = events.map((event) => {
        const start = params.length;
        params.push(...values(event, (d) => d));
        return `(${COLUMNS.map((_, i) => `$${start + i + 1}`).join(", ")})`;
      });
      await pool.query(`INSERT INTO "ApiRequest" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${rows.join(", ")}`, params);
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
