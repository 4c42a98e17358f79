// PostgreSQL keeps the request log in one partition per UTC day (native declarative partitioning,
// docs/operations.md "Usage at scale"): retention drops a whole day's table, which costs the same for
// ten rows or ten million and leaves no dead tuples for VACUUM, where deleting rows one chunk at a
// time grows with traffic. The partitions are made ahead of time; a row that finds none (a clock far
// off, maintenance that did not run for a week) lands in the default partition, whose rows are adopted
// into their day's partition when it is made, and pruned row by row if it never is.
import type pg from "pg";

const DAY_MS = 24 * 3600 * 1000;
/** Days made ahead of today, so a week without maintenance still finds its partitions. */
export const PARTITION_DAYS_AHEAD = 7;
const PARENT = "ApiRequest";
const DEFAULT_PARTITION = `${PARENT}_default`;
const NAME = /^ApiRequest_p(\d{4})(\d{2})(\d{2})$/;

type Queryable = Pick<pg.Pool, "query" | "connect">;

const startOfDay = (at: Date) => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
const dayStamp = (day: Date) => day.toISOString().slice(0, 10).replace(/-/g, "");
/** Timestamps as the columns hold them: UTC, without a time zone. */
const bound = (at: Date) => at.toISOString().replace("T", " ").replace("Z", "");

export function partitionName(day: Date): string {
  return `${PARENT}_p${dayStamp(startOfDay(day))}`;
}

/** The day a partition holds, from its name; null for the default partition or another table. */
export function partitionDay(name: string): Date | null {
  const match = NAME.exec(name);
  return match ? new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00.000Z`) : null;
}

async function existingPartitions(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"${PARENT}"'::regclass`,
  );
  return rows.map((row) => row.name);
}

// Instances making partitions take turns (pg_advisory_xact_lock on this number), so two never race
// to create one table.
const MAINTENANCE_LOCK = 7_101_969;

/**
 * Makes the day's partition unless another instance just did, moving the rows of that day the default
 * partition holds into it (a new partition cannot be attached over rows the default one has), in one
 * transaction; resolves with whether it made it.
 */
async function createPartition(db: Queryable, day: Date): Promise<boolean> {
  const name = partitionName(day);
  const from = bound(day);
  const to = bound(new Date(day.getTime() + DAY_MS));
  const client = await db.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MAINTENANCE_LOCK]);
    const { rows } = await client.query<{ found: string | null }>("SELECT to_regclass($1) AS found", [`"${name}"`]);
    if (rows[0]?.found) {
      await client.query("COMMIT");
      return false;
    }
    await client.query(`CREATE TABLE "${name}" (LIKE "${PARENT}" INCLUDING DEFAULTS)`);
    const inDay = `"createdAt" >= '${from}' AND "createdAt" < '${to}'`;
    await client.query(`INSERT INTO "${name}" SELECT * FROM "${DEFAULT_PARTITION}" WHERE ${inDay}`);
    await client.query(`DELETE FROM "${DEFAULT_PARTITION}" WHERE ${inDay}`);
    await client.query(`ALTER TABLE "${PARENT}" ATTACH PARTITION "${name}" FOR VALUES FROM ('${from}') TO ('${to}')`);
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Makes the partitions of today and the days ahead that do not exist yet; resolves with their names. */
export async function ensurePartitions(db: Queryable, now: Date): Promise<string[]> {
  const existing = new Set(await existingPartitions(db));
  const made: string[] = [];
  for (let i = 0; i <= PARTITION_DAYS_AHEAD; i++) {
    const day = new Date(startOfDay(now).getTime() + i * DAY_MS);
    if (!existing.has(partitionName(day)) && (await createPartition(db, day))) made.push(partitionName(day));
  }
  return made;
}

/**
 * Drops every day partition that ends at or before `before`, and deletes the default partition's rows
 * older than it; resolves with the request rows removed. A day that `before` falls inside is kept
 * whole until its end: retention rounds up to the day.
 */
export async function dropPartitionsBefore(db: Queryable, before: Date): Promise<number> {
  let removed = 0;
  for (const name of await existingPartitions(db)) {
    const day = partitionDay(name);
    if (!day || day.getTime() + DAY_MS > before.getTime()) continue;
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${name}"`);
    await db.query(`DROP TABLE "${name}"`);
    removed += Number(rows[0]?.n ?? 0);
  }
  const stray = await db.query(`DELETE FROM "${DEFAULT_PARTITION}" WHERE "createdAt" < $1`, [before]);
  return removed + (stray.rowCount ?? 0);
}
