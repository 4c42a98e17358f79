// Writes usage batches into PostgreSQL: one multi-row insert of the raw rows and one upsert of their
// rollup counts, in one transaction (a retried batch must not count twice).
import pg from "pg";
import { dropPartitionsBefore, ensurePartitions } from "./partitions";
import {
  ANONYMOUS_COLUMNS,
  anonymousRollup,
  anonymousValues,
  INSERT_REQUESTS,
  PRUNE_ANONYMOUS_SQL,
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
  type UsageWriter,
} from "./rows";

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

const asIs = (date: Date) => date;
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export function postgresWriter(url: string): UsageWriter {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    async insert(events) {
      const raw = placeholders(requestRows(events), REQUEST_COLUMNS.length, (event) => requestValues(event, asIs));
      const counts = placeholders(rollup(events), ROLLUP_COLUMNS.length, (row) => rollupValues(row, asIs));
      const anonymous = placeholders(anonymousRollup(events), ANONYMOUS_COLUMNS.length, (row) => anonymousValues(row, asIs));
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        if (raw.params.length) await client.query(INSERT_REQUESTS(raw.sql), raw.params);
        if (counts.params.length) await client.query(UPSERT_ROLLUP(counts.sql), counts.params);
        if (anonymous.params.length) await client.query(UPSERT_ANONYMOUS(anonymous.sql), anonymous.params);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async touchKeys(touches) {
      for (const t of touches) await pool.query(numbered(TOUCH_KEY_SQL), [t.at, t.ip, t.keyId, t.at]);
    },
    // The request log is partitioned by day here (lib/usage/partitions.ts): the hourly maintenance makes
    // the coming days' partitions and drops the expired ones, where SQLite deletes rows.
    async prune(before) {
      await ensurePartitions(pool, new Date());
      const removed = await dropPartitionsBefore(pool, before.requests);
      await pool.query(numbered(PRUNE_ROLLUP_SQL), [before.rollup]);
      await pool.query(numbered(PRUNE_ANONYMOUS_SQL), [before.requests]);
      return removed;
    },
    close: () => pool.end(),
  };
}
