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

// PostgreSQL numbers a statement's parameters with 16 bits: past 65,535 the count wraps and the
// statement is refused, so a large batch (the demo seed writes thousands of rows at once) is split.
const MAX_PARAMETERS = 65_535;

/** Multi-row VALUES lists with numbered parameters, as few statements as the parameter limit allows. */
function placeholders<T>(rows: T[], width: number, valuesOf: (row: T) => unknown[]): { sql: string; params: unknown[] }[] {
  const perStatement = Math.floor(MAX_PARAMETERS / width);
  const statements: { sql: string; params: unknown[] }[] = [];
  for (let offset = 0; offset < rows.length; offset += perStatement) {
    const params: unknown[] = [];
    const tuples = rows.slice(offset, offset + perStatement).map((row) => {
      const start = params.length;
      params.push(...valuesOf(row));
      return `(${Array.from({ length: width }, (_, i) => `$${start + i + 1}`).join(", ")})`;
    });
    statements.push({ sql: tuples.join(", "), params });
  }
  return statements;
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
        for (const statement of raw) await client.query(INSERT_REQUESTS(statement.sql), statement.params);
        for (const statement of counts) await client.query(UPSERT_ROLLUP(statement.sql), statement.params);
        for (const statement of anonymous) await client.query(UPSERT_ANONYMOUS(statement.sql), statement.params);
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
