// Where usage batches go: through the database driver, never Prisma (createMany of 500 rows cost tens
// of milliseconds of CPU on the thread that answers the API; npm run bench). SQLite writes run in a
// worker thread when the server is built, PostgreSQL's are asynchronous already.
import { resolveDatabase } from "@/lib/database-url.mjs";
import { postgresWriter } from "./postgres-writer";
import type { UsageWriter } from "./rows";
import { openSqliteWriter, sqliteFileOf } from "./sqlite-writer";
import { usageWorkerBuilt, workerWriter } from "./worker-writer";

function inThreadSqliteWriter(file: string): UsageWriter {
  const writer = openSqliteWriter(file);
  return {
    insert: async (events) => writer.insert(events),
    touchKeys: async (touches) => writer.touchKeys(touches),
    prune: async (before) => writer.prune(before),
    close: async () => writer.close(),
  };
}

export function createUsageWriter(): UsageWriter {
  const database = resolveDatabase();
  if (database.provider === "postgresql") return postgresWriter(database.url);
  const file = sqliteFileOf(database.url);
  return usageWorkerBuilt() ? workerWriter(file) : inThreadSqliteWriter(file);
}
