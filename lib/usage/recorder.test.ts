import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { serveApiForTests } from "@/lib/testing/api-server";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { UsageRecorder, usageRecorder } from "./recorder";
import type { UsageWriter } from "./rows";
import { createUsageWriter } from "./writer";

const api = serveApiForTests();

describe("usage recorder", () => {
  it("counts every request exactly once, across batches, after a flush", async () => {
    const { secret, workspace } = await workspaceWithKey({ scopes: ["lists:read"] });
    const sent = 1234; // more than two batches of 500
    const paths = ["/api/v1/lists", "/api/v1/profiles", "/api/v1/lists/nope"];
    for (let i = 0; i < sent; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, sent - i) }, (_, j) => api.request(paths[(i + j) % 3]!, { key: secret })));
    }
    await usageRecorder.flush();
    expect(usageRecorder.pending).toBe(0);
    expect(await db.apiRequest.count({ where: { workspaceId: workspace.id } })).toBe(sent);
    const decisions = await db.apiRequest.groupBy({
      by: ["decision"],
      where: { workspaceId: workspace.id },
      _count: true,
      orderBy: { decision: "asc" },
    });
    expect(decisions.map((d) => [d.decision, d._count])).toEqual([
      ["allowed", 412],
      ["missing_scope", 411],
      ["not_found", 411],
    ]);
  });

  const event = {
    workspaceId: null,
    keyId: null,
    method: "GET",
    path: "/api/v1/retry",
    resource: null,
    requiredScope: null,
    // Not a refusal without a key (those are counted, not stored as rows): a row the insert can fail on.
    decision: "not_found" as const,
    status: 404,
    latencyMs: 1,
    ip: null,
    createdAt: new Date(),
  };

  it("writes a forwarded request's upstream status and time, and leaves them empty for the rest", async () => {
    const recorder = new UsageRecorder();
    recorder.record({
      ...event,
      path: "/api/v1/forwarded",
      decision: "allowed",
      status: 201,
      latencyMs: 0.4,
      upstreamStatus: 201,
      upstreamMs: 12.5,
    });
    recorder.record({ ...event, path: "/api/v1/timed-out", decision: "allowed", status: 504, upstreamStatus: null, upstreamMs: 1000.25 });
    recorder.record({ ...event, path: "/api/v1/served-here" });
    expect(await recorder.close()).toBe(0);
    const rows = await db.apiRequest.findMany({
      where: { path: { in: ["/api/v1/forwarded", "/api/v1/timed-out", "/api/v1/served-here"] } },
      select: { path: true, status: true, latencyMs: true, upstreamStatus: true, upstreamMs: true },
      orderBy: { path: "asc" },
    });
    expect(rows).toEqual([
      { path: "/api/v1/forwarded", status: 201, latencyMs: 0.4, upstreamStatus: 201, upstreamMs: 12.5 },
      { path: "/api/v1/served-here", status: 404, latencyMs: 1, upstreamStatus: null, upstreamMs: null },
      { path: "/api/v1/timed-out", status: 504, latencyMs: 1, upstreamStatus: null, upstreamMs: 1000.25 },
    ]);
  });

  it("writes a batch larger than one statement's parameters can hold (the demo seed's), every row and every count", async () => {
    const { workspace, key } = await workspaceWithKey();
    const events = Array.from({ length: 9000 }, (_, i) => ({
      ...event,
      workspaceId: workspace.id,
      keyId: key.id,
      path: `/api/v1/lists/${i}`,
      resource: "lists",
      requiredScope: "lists:read",
      createdAt: new Date(Date.now() - (i % 48) * 3600 * 1000),
    }));
    const writer = createUsageWriter();
    try {
      await writer.insert(events);
    } finally {
      await writer.close();
    }
    expect(await db.apiRequest.count({ where: { workspaceId: workspace.id } })).toBe(9000);
    const counted = await db.usageRollup.aggregate({ where: { workspaceId: workspace.id }, _sum: { count: true } });
    expect(counted._sum.count).toBe(9000);
  });

  it("keeps events it could not write, to retry them later", async () => {
    const recorder = new UsageRecorder();
    recorder.record({ ...event, status: Number.NaN }); // the insert fails on this row
    await recorder.flush();
    expect(recorder.pending).toBe(1);
  });

  it("at shutdown, tries again and reports the events it could not write instead of dropping them quietly", async () => {
    const recorder = new UsageRecorder();
    recorder.record({ ...event, status: Number.NaN }); // fails on every attempt
    expect(await recorder.close()).toBe(1);
    expect(recorder.pending).toBe(0);

    const healthy = new UsageRecorder();
    healthy.record({ ...event, path: "/api/v1/closed" });
    expect(await healthy.close()).toBe(0);
    expect(await db.apiRequest.count({ where: { path: "/api/v1/closed" } })).toBe(1);
  });

  it("past its cap, drops the oldest events with one line when it starts and one with the count once writes work", async () => {
    const recorder = new UsageRecorder();
    // A write that hangs (a database that stopped answering) until released: everything recorded meanwhile waits.
    let release = () => {};
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writer: UsageWriter = { insert: () => stalled, touchKeys: async () => {}, prune: async () => 0, close: async () => {} };
    (recorder as unknown as { writer: UsageWriter }).writer = writer;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    // Only the lines about the cap: an earlier test's recorder may still be retrying on its timer.
    const lines = () =>
      errors.mock.calls.map(([line]) => String(line)).filter((line) => /^\[usage\] (the database is not taking|dropped )/.test(line));
    try {
      recorder.record(event);
      const flushed = recorder.flush();
      for (let i = 0; i < 100_600; i++) recorder.record(event);
      expect(recorder.pending).toBe(100_000);
      expect(lines()).toEqual(["[usage] the database is not taking usage rows; dropping the oldest buffered events"]);
      release();
      await flushed;
      expect(recorder.pending).toBe(0);
      // 100,601 recorded against a cap of 100,000.
      expect(lines()[1]).toBe("[usage] dropped 601 events while the database was not taking usage rows");
      expect(lines()).toHaveLength(2);
    } finally {
      errors.mockRestore();
      await recorder.close();
    }
  });
});
