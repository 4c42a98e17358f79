import { describe, expect, it } from "vitest";
import { createApiKey, deleteApiKey, revokeApiKey } from "@/lib/api-keys/lifecycle";
import { db } from "@/lib/db";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { hoursAgo, recordRequests } from "@/lib/testing/usage-fixtures";
import { recentRequests, usageSummary } from "./queries";

// A fixed "now" half-way through an hour, so each hour bucket is unambiguous.
const NOW = new Date("2026-11-20T12:30:00.000Z");

describe("usageSummary", () => {
  it("counts allowed, denied, rate limited and errors per hour over 24 hours, for this workspace only", async () => {
    const acme = await workspaceWithKey();
    const globex = await workspaceWithKey();
    await recordRequests([
      { workspaceId: acme.workspace.id, keyId: acme.key.id, at: hoursAgo(0.1, NOW) },
      { workspaceId: acme.workspace.id, keyId: acme.key.id, at: hoursAgo(0.2, NOW) },
      { workspaceId: acme.workspace.id, keyId: acme.key.id, decision: "missing_scope", resource: "campaigns", at: hoursAgo(0.3, NOW) },
      { workspaceId: acme.workspace.id, keyId: acme.key.id, decision: "not_found", at: hoursAgo(3, NOW) },
      { workspaceId: acme.workspace.id, keyId: acme.key.id, decision: "revoked", at: hoursAgo(23.4, NOW) },
      // Over the key's rate limit: a series of its own, not one of the denied.
      { workspaceId: acme.workspace.id, keyId: acme.key.id, decision: "rate_limited", at: hoursAgo(0.4, NOW) },
      // Outside the range, and another workspace's: neither counts.
      { workspaceId: acme.workspace.id, keyId: acme.key.id, at: hoursAgo(25, NOW) },
      { workspaceId: globex.workspace.id, keyId: globex.key.id, at: hoursAgo(0.1, NOW) },
      // A request with no valid key belongs to no workspace.
      { workspaceId: null, decision: "invalid", at: hoursAgo(0.1, NOW) },
    ]);

    const summary = await usageSummary(acme.workspace.id, { range: "24h" }, NOW);
    expect(summary.series).toHaveLength(24);
    expect(summary.from).toBe("2026-11-19T13:00:00.000Z");
    expect(summary.series.at(-1)).toEqual({ start: "2026-11-20T12:00:00.000Z", allowed: 2, denied: 1, rate_limited: 1, errors: 0 });
    expect(summary.series.at(-4)).toMatchObject({ start: "2026-11-20T09:00:00.000Z", errors: 1 });
    expect(summary.series[0]).toMatchObject({ start: "2026-11-19T13:00:00.000Z", denied: 1 });
    expect(summary.totals).toEqual({ allowed: 2, denied: 2, rate_limited: 1, errors: 1 });
    expect(summary.byResource).toEqual([
      { resource: "lists", label: "Lists", allowed: 2, denied: 1, rate_limited: 1, errors: 1 },
      { resource: "campaigns", label: "Campaigns", allowed: 0, denied: 1, rate_limited: 0, errors: 0 },
    ]);
    expect(summary.byKey).toEqual([
      { keyId: acme.key.id, name: acme.key.name, masked: acme.key.masked, allowed: 2, denied: 2, rate_limited: 1, errors: 1 },
    ]);
  });

  it("buckets 7 days by 6 hours and 30 days by day, aligned to UTC", async () => {
    const { workspace, key } = await workspaceWithKey();
    await recordRequests([
      { workspaceId: workspace.id, keyId: key.id, at: new Date("2026-11-20T06:00:00.000Z") },
      { workspaceId: workspace.id, keyId: key.id, at: new Date("2026-11-14T00:00:00.000Z") },
      { workspaceId: workspace.id, keyId: key.id, at: new Date("2026-10-22T23:59:59.000Z") },
    ]);
    const week = await usageSummary(workspace.id, { range: "7d" }, NOW);
    expect(week.series).toHaveLength(28);
    expect(week.series.at(-1)).toMatchObject({ start: "2026-11-20T12:00:00.000Z", allowed: 0 });
    expect(week.series.at(-2)).toMatchObject({ start: "2026-11-20T06:00:00.000Z", allowed: 1 });
    expect(week.from).toBe("2026-11-13T18:00:00.000Z");
    expect(week.series[1]).toMatchObject({ start: "2026-11-14T00:00:00.000Z", allowed: 1 });
    expect(week.totals.allowed).toBe(2);

    const month = await usageSummary(workspace.id, { range: "30d" }, NOW);
    expect(month.series).toHaveLength(30);
    expect(month.from).toBe("2026-10-22T00:00:00.000Z");
    expect(month.series[0]).toMatchObject({ start: "2026-10-22T00:00:00.000Z", allowed: 1 });
    expect(month.series.find((b) => b.start === "2026-11-14T00:00:00.000Z")).toMatchObject({ allowed: 1 });
    expect(month.totals.allowed).toBe(3);
  });

  it("narrows to one key and one resource", async () => {
    const { workspace, key, change } = await workspaceWithKey();
    const other = await createApiKey(change, { name: "Other", description: "", scopes: ["lists:read"], expiration: "never" });
    await recordRequests([
      { workspaceId: workspace.id, keyId: key.id, resource: "lists", at: hoursAgo(1, NOW) },
      { workspaceId: workspace.id, keyId: key.id, resource: "profiles", at: hoursAgo(1, NOW) },
      { workspaceId: workspace.id, keyId: other.key.id, resource: "lists", at: hoursAgo(1, NOW) },
    ]);
    expect((await usageSummary(workspace.id, { range: "24h", keyId: key.id }, NOW)).totals.allowed).toBe(2);
    expect((await usageSummary(workspace.id, { range: "24h", keyId: key.id }, NOW)).byKey).toEqual([]);
    const lists = await usageSummary(workspace.id, { range: "24h", resource: "lists" }, NOW);
    expect(lists.totals.allowed).toBe(2);
    expect(lists.byKey.map((k) => k.name).sort()).toEqual([key.name, "Other"].sort());
  });
});

describe("the hourly rollup", () => {
  it("counts each recorded request once, in its hour, key, scope and decision, as the raw rows do", async () => {
    const { workspace, key } = await workspaceWithKey();
    const specs = Array.from({ length: 1200 }, (_, i) => ({
      workspaceId: workspace.id,
      keyId: key.id,
      resource: i % 3 ? "lists" : "profiles",
      decision: i % 5 ? ("allowed" as const) : ("missing_scope" as const),
      at: hoursAgo((i % 4) + 0.5, NOW),
    }));
    await recordRequests([...specs, { workspaceId: null, decision: "invalid", at: hoursAgo(1, NOW) }]);
    const raw = await db.apiRequest.groupBy({ by: ["resource", "decision"], where: { workspaceId: workspace.id }, _count: true });
    const counted = await db.usageRollup.groupBy({
      by: ["resource", "decision"],
      where: { workspaceId: workspace.id },
      _sum: { count: true },
    });
    const asPairs = (rows: { resource: string | null; decision: string; n: number }[]) =>
      rows.map((r) => `${r.resource}/${r.decision}=${r.n}`).sort();
    expect(asPairs(counted.map((r) => ({ ...r, n: r._sum.count ?? 0 })))).toEqual(asPairs(raw.map((r) => ({ ...r, n: r._count }))));
    expect(await db.usageRollup.count({ where: { workspaceId: workspace.id } })).toBe(16); // 4 hours x 2 resources x 2 decisions
    // A request without a workspace appears on no dashboard, so it is not counted there.
    expect(await db.usageRollup.count({ where: { workspaceId: "" } })).toBe(0);
  });
});

describe("recentRequests", () => {
  it("pages newest first by keyset, filtered by outcome, naming the key", async () => {
    const { workspace, key } = await workspaceWithKey();
    const globex = await workspaceWithKey();
    await recordRequests([
      ...Array.from({ length: 7 }, (_, i) => ({ workspaceId: workspace.id, keyId: key.id, at: hoursAgo(i + 1, NOW) })),
      { workspaceId: workspace.id, keyId: key.id, decision: "missing_scope" as const, at: hoursAgo(0.5, NOW) },
      { workspaceId: globex.workspace.id, keyId: globex.key.id, at: hoursAgo(0.1, NOW) },
    ]);
    const first = await recentRequests(workspace.id, { outcome: "all" }, 3);
    expect(first.requests.map((r) => r.decision)).toEqual(["missing_scope", "allowed", "allowed"]);
    expect(first.requests[0]).toMatchObject({
      outcome: "denied",
      status: 403,
      method: "GET",
      path: "/api/v1/lists",
      requiredScope: "lists:read",
      ip: "198.51.100.7",
      key: { id: key.id, name: key.name, masked: key.masked },
    });
    const seen = [...first.requests];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await recentRequests(workspace.id, { outcome: "all", cursor }, 3);
      seen.push(...page.requests);
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen.map((r) => r.id)).size).toBe(8);
    expect(seen.map((r) => r.at)).toEqual(
      seen
        .map((r) => r.at)
        .sort()
        .reverse(),
    );

    const denied = await recentRequests(workspace.id, { outcome: "denied" });
    expect(denied.requests.map((r) => r.decision)).toEqual(["missing_scope"]);
    expect((await recentRequests(workspace.id, { outcome: "errors" })).requests).toEqual([]);
  });

  it("treats a forged cursor as the first page", async () => {
    const { workspace, key } = await workspaceWithKey();
    await recordRequests([{ workspaceId: workspace.id, keyId: key.id, at: hoursAgo(1, NOW) }]);
    for (const cursor of ["not-base64!", Buffer.from('{"v":"yesterday","id":"x"}').toString("base64url"), "e30"]) {
      expect((await recentRequests(workspace.id, { outcome: "all", cursor })).requests).toHaveLength(1);
    }
  });

  it("finds one caller's request by time range, status, literal path prefix, address and request id", async () => {
    const { workspace, key } = await workspaceWithKey();
    const globex = await workspaceWithKey();
    await recordRequests([
      { workspaceId: workspace.id, keyId: key.id, at: new Date("2026-11-20T09:00:00Z"), path: "/api/v1/lists" },
      { workspaceId: workspace.id, keyId: key.id, at: new Date("2026-11-20T10:00:00Z"), path: "/api/v1/lists/a_b", ip: "203.0.113.9" },
      {
        workspaceId: workspace.id,
        keyId: key.id,
        decision: "bad_request",
        field: "/data/attributes/email",
        at: new Date("2026-11-20T11:00:00Z"),
        path: "/api/v1/profiles",
        resource: "profiles",
        level: "write",
      },
      { workspaceId: workspace.id, keyId: key.id, at: new Date("2026-11-20T11:30:00Z"), path: "/api/v1/lists/aXb" },
      { workspaceId: globex.workspace.id, keyId: globex.key.id, at: new Date("2026-11-20T10:00:00Z"), ip: "203.0.113.9" },
    ]);
    const find = async (filters: Omit<Parameters<typeof recentRequests>[1], "outcome">) =>
      (await recentRequests(workspace.id, { outcome: "all", ...filters })).requests.map((r) => r.path);

    expect(await find({ from: "2026-11-20T09:30", to: "2026-11-20T11:00" })).toEqual(["/api/v1/profiles", "/api/v1/lists/a_b"]);
    const invalid = await recentRequests(workspace.id, { outcome: "all", status: 422 });
    expect(invalid.requests).toHaveLength(1);
    expect(invalid.requests[0]).toMatchObject({ status: 422, field: "/data/attributes/email" });
    // `_` and `%` are letters of the path, not wildcards: "a_b" does not find "aXb".
    expect(await find({ path: "/api/v1/lists/a_" })).toEqual(["/api/v1/lists/a_b"]);
    expect(await find({ path: "/api/v1/lists/%" })).toEqual([]);
    expect(await find({ path: "/API/v1/lists" })).toEqual([]);
    expect(await find({ path: "/api/v1/lists" })).toHaveLength(3);
    // Another workspace's request from the same address stays out.
    expect(await find({ ip: "203.0.113.9" })).toEqual(["/api/v1/lists/a_b"]);
    const byId = await recentRequests(workspace.id, { outcome: "all", requestId: invalid.requests[0]!.id });
    expect(byId.requests.map((r) => r.id)).toEqual([invalid.requests[0]!.id]);
    const globexRow = await db.apiRequest.findFirstOrThrow({ where: { workspaceId: globex.workspace.id } });
    expect(await find({ requestId: globexRow.id })).toEqual([]);
  });

  it("names a deleted key's requests by the name it had, without a link to follow", async () => {
    const { workspace, key, change } = await workspaceWithKey({ name: "Warehouse sync" });
    await recordRequests([{ workspaceId: workspace.id, keyId: key.id, at: hoursAgo(1, NOW) }]);
    await revokeApiKey(change, key.id, "Done with it");
    await deleteApiKey(change, key.id);
    const page = await recentRequests(workspace.id, { outcome: "all" });
    expect(page.requests[0]!.key).toEqual({ id: key.id, name: "Warehouse sync", masked: key.masked, deleted: true });
  });
});
