// Writes usage batches into SQLite through better-sqlite3, synchronously: the raw rows and their
// rollup counts in one transaction. Runs in the usage worker thread in production (see
// worker-writer.ts), where blocking costs the API nothing; in this thread for tests and development.
import Database from "better-sqlite3";
import type { PruneBefore } from "./retention";
import {
  ANONYMOUS_COLUMNS,
  anonymousRollup,
  anonymousValues,
  firstIdAt,
  INSERT_REQUESTS,
  type KeyTouch,
  PRUNE_ANONYMOUS_SQL,
  PRUNE_CHUNK,
  PRUNE_REQUESTS_SQL,
  PRUNE_ROLLUP_SQL,
  REQUEST_COLUMNS,
  ROLLUP_COLUMNS,
  requestRows,
  requestValues,
  rollup,
  rollupValues,
  TOUCH_KEY_SQL,
  UPSERT_ANONYMOUS,
  UPSERT_ROLLUP,
  type UsageEvent,
} from "./rows";

export type SqliteBatchWriter = {
  insert(events: UsageEvent[]): void;
  touchKeys(touches: KeyTouch[]): void;
  prune(before: PruneBefore): number;
  close(): void;
};

// Prisma's SQLite adapter keeps DateTime as ISO text with an explicit offset; write the same form so
// Prisma reads these rows back and text comparison orders them.
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

const tuple = (width: number) => `(${Array.from({ length: width }, () => "?").join(", ")})`;

export function sqliteFileOf(url: string): string {
  return url.slice("file:".length).split("?")[0]!;
}

export function openSqliteWriter(file: string): SqliteBatchWriter {
  const connection = new Database(file, { timeout: 5000 });
  const insertOne = connection.prepare(INSERT_REQUESTS(tuple(REQUEST_COLUMNS.length)));
  const countOne = connection.prepare(UPSERT_ROLLUP(tuple(ROLLUP_COLUMNS.length)));
  const countAnonymous = connection.prepare(UPSERT_ANONYMOUS(tuple(ANONYMOUS_COLUMNS.length)));
  const touch = connection.prepare(TOUCH_KEY_SQL);
  const insertAll = connection.transaction((events: UsageEvent[]) => {
    for (const event of requestRows(events)) insertOne.run(...requestValues(event, sqliteDate));
    for (const row of rollup(events)) countOne.run(...rollupValues(row, sqliteDate));
    for (const row of anonymousRollup(events)) countAnonymous.run(...anonymousValues(row, sqliteDate));
  });
  const touchAll = connection.transaction((touches: KeyTouch[]) => {
    for (const t of touches) touch.run(sqliteDate(t.at), t.ip, t.keyId, sqliteDate(t.at));
  });
  const pruneRequests = connection.prepare(PRUNE_REQUESTS_SQL);
  const pruneRollup = connection.prepare(PRUNE_ROLLUP_SQL);
  const pruneAnonymous = connection.prepare(PRUNE_ANONYMOUS_SQL);
  const prune = (before: PruneBefore) => {
    let deleted = 0;
    for (let changes = PRUNE_CHUNK; changes === PRUNE_CHUNK; deleted += changes) {
      changes = pruneRequests.run(firstIdAt(before.requests)).changes;
    }
    pruneRollup.run(sqliteDate(before.rollup));
    pruneAnonymous.run(sqliteDate(before.requests));
    return deleted;
  };
  return { insert: insertAll, touchKeys: touchAll, prune, close: () => connection.close() };
}
