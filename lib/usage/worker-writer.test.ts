// The usage worker thread as production runs it: the worker bundled the way scripts/build-server.mjs
// bundles it, writing into this test file's SQLite database.
import path from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveDatabase } from "@/lib/database-url.mjs";
import { db } from "@/lib/db";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import type { UsageEvent } from "./recorder";
import { sqliteFileOf } from "./sqlite-writer";
import { workerWriter } from "./worker-writer";

const database = resolveDatabase();
const workerFile = path.join(import.meta.dirname, "../../.tmp/test-worker", `usage-writer-worker-${process.pid}.mjs`);

function event(workspaceId: string, keyId: string, at = new Date()): UsageEvent {
  return {
    workspaceId,
    keyId,
    method: "GET",
    path: "/api/v1/lists",
    resource: "lists",
    requiredScope: "lists:read",
    decision: "allowed",
    status: 200,
    latencyMs: 1,
    ip: "198.51.100.1",
    createdAt: at,
  };
}

describe.skipIf(database.provider !== "sqlite")("the usage worker thread", () => {
  beforeAll(async () => {
    await build({
      entryPoints: [path.join(import.meta.dirname, "sqlite-writer-worker.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      outfile: workerFile,
      logLevel: "warning",
      alias: { "@": path.join(import.meta.dirname, "../..") },
    });
  });

  it("writes batches, their rollup and the keys' last use, prunes, then closes", async () => {
    const { workspace, key } = await workspaceWithKey();
    const writer = workerWriter(sqliteFileOf(database.url), workerFile);
    await writer.insert(Array.from({ length: 700 }, () => event(workspace.id, key.id)));
    await writer.touchKeys([{ keyId: key.id, at: new Date(), ip: "198.51.100.1" }]);
    expect(await db.apiRequest.count({ where: { workspaceId: workspace.id } })).toBe(700);
    const counted = await db.usageRollup.aggregate({ where: { workspaceId: workspace.id }, _sum: { count: true } });
    expect(counted._sum.count).toBe(700);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedIp).toBe("198.51.100.1");
    // Pruning with a cut-off past these rows deletes them all and says how many.
    expect(await writer.prune({ requests: new Date(Date.now() + 60_000), rollup: new Date(0) })).toBe(700);
    await writer.close();
    expect(await db.apiRequest.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("rejects a batch the database refuses, writing none of it, and keeps working", async () => {
    const { workspace, key } = await workspaceWithKey();
    const writer = workerWriter(sqliteFileOf(database.url), workerFile);
    const broken = { ...event(workspace.id, key.id), decision: null } as unknown as UsageEvent;
    await expect(writer.insert([event(workspace.id, key.id), broken])).rejects.toThrow(/NOT NULL/);
    expect(await db.apiRequest.count({ where: { workspaceId: workspace.id } })).toBe(0);
    await writer.insert([event(workspace.id, key.id)]);
    await writer.close();
    expect(await db.apiRequest.count({ where: { workspaceId: workspace.id } })).toBe(1);
  });
});
