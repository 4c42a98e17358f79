// PostgreSQL's request log is partitioned by day: retention drops whole days and keeps the rollup, the
// coming days' partitions are made ahead, and a row that found none is adopted when its day's is made.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDatabase } from "@/lib/database-url.mjs";
import { db } from "@/lib/db";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { hoursAgo, recordRequests } from "@/lib/testing/usage-fixtures";
import { dropPartitionsBefore, ensurePartitions, PARTITION_DAYS_AHEAD, partitionDay, partitionName } from "./partitions";
import { usageRecorder } from "./recorder";

const database = resolveDatabase();
const DAY_MS = 24 * 3600 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

describe("partition names", () => {
  it("name a UTC day and read it back; other tables have none", () => {
    expect(partitionName(new Date("2026-12-04T23:59:59.999Z"))).toBe("ApiRequest_p20261204");
    expect(partitionDay("ApiRequest_p20261204")).toEqual(new Date("2026-12-04T00:00:00.000Z"));
    expect(partitionDay("ApiRequest_default")).toBeNull();
    expect(partitionDay("ApiRequest")).toBeNull();
  });
});

describe.skipIf(database.provider !== "postgresql")("the request log's partitions on PostgreSQL", () => {
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  afterAll(() => pool.end());

  const partitions = async () =>
    (
      await pool.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"ApiRequest"'::regclass`,
      )
    ).rows.map((row) => row.name);
  const whereRowsAre = async (workspaceId: string) =>
    (
      await pool.query<{ part: string; n: string }>(
        `SELECT tableoid::regclass::text AS part, count(*) AS n FROM "ApiRequest" WHERE "workspaceId" = $1 GROUP BY 1 ORDER BY 1`,
        [workspaceId],
      )
    ).rows.map((row) => [row.part.replace(/"/g, ""), Number(row.n)]);

  it("has today's partition and the next days', made ahead, and a default one", async () => {
    await ensurePartitions(pool, new Date());
    const names = await partitions();
    for (let i = 0; i <= PARTITION_DAYS_AHEAD; i++) expect(names).toContain(partitionName(new Date(Date.now() + i * DAY_MS)));
    expect(names).toContain("ApiRequest_default");
  });

  it("drops the days past retention whole, keeps the newer rows and the rollup's hours", async () => {
    const { workspace, key } = await workspaceWithKey();
    // As if the server had run 100 days ago: that week's partitions exist.
    await ensurePartitions(pool, daysAgo(100));
    await recordRequests([
      ...Array.from({ length: 30 }, () => ({ workspaceId: workspace.id, keyId: key.id, at: daysAgo(100) })),
      { workspaceId: workspace.id, keyId: key.id, at: hoursAgo(1) },
    ]);
    const old = partitionName(daysAgo(100));
    expect(await whereRowsAre(workspace.id)).toContainEqual([old, 30]);

    expect(await usageRecorder.prune(new Date())).toBeGreaterThanOrEqual(30);
    expect(await partitions()).not.toContain(old);
    expect(await partitions()).toContain(partitionName(new Date()));
    expect(await whereRowsAre(workspace.id)).toEqual([[partitionName(hoursAgo(1)), 1]]);
    // The charts' history outlives the raw rows (13 months).
    const hours = await db.usageRollup.findMany({ where: { workspaceId: workspace.id } });
    expect(hours.reduce((sum, h) => sum + h.count, 0)).toBe(31);
  });

  it("keeps the day a cut-off falls inside until the day is over", async () => {
    const { workspace, key } = await workspaceWithKey();
    await ensurePartitions(pool, daysAgo(40));
    const at = new Date(Math.floor(daysAgo(40).getTime() / DAY_MS) * DAY_MS + 3600 * 1000);
    await recordRequests([{ workspaceId: workspace.id, keyId: key.id, at }]);
    await dropPartitionsBefore(pool, new Date(at.getTime() + 60 * 1000));
    expect(await whereRowsAre(workspace.id)).toEqual([[partitionName(at), 1]]);
    await dropPartitionsBefore(pool, new Date(at.getTime() + DAY_MS));
    expect(await whereRowsAre(workspace.id)).toEqual([]);
  });

  it("stores a row no partition takes in the default one, and moves it to its day's partition when that is made", async () => {
    const { workspace, key } = await workspaceWithKey();
    const at = daysAgo(200);
    await recordRequests([{ workspaceId: workspace.id, keyId: key.id, at }]);
    expect(await whereRowsAre(workspace.id)).toEqual([["ApiRequest_default", 1]]);
    await ensurePartitions(pool, at);
    expect(await whereRowsAre(workspace.id)).toEqual([[partitionName(at), 1]]);
  });

  it("deletes default-partition rows past retention row by row", async () => {
    const { workspace, key } = await workspaceWithKey();
    await recordRequests([{ workspaceId: workspace.id, keyId: key.id, at: daysAgo(300) }]);
    expect(await whereRowsAre(workspace.id)).toEqual([["ApiRequest_default", 1]]);
    await dropPartitionsBefore(pool, daysAgo(90));
    expect(await whereRowsAre(workspace.id)).toEqual([]);
  });

  it("lets two instances make the same partitions at once", async () => {
    const at = daysAgo(150);
    const made = await Promise.all([ensurePartitions(pool, at), ensurePartitions(pool, at)]);
    expect(made.flat().sort()).toEqual([...new Set(made.flat())].sort());
    expect(await partitions()).toContain(partitionName(at));
  });
});
