// The exports as the browser gets them: the route handlers, called as a member of each role, reading
// the real database. Row counts are checked against the page's own query.
import { describe, expect, it, vi } from "vitest";
import { GET as exportAudit } from "@/app/(dashboard)/audit/export/route";
import { GET as exportUsage } from "@/app/(dashboard)/usage/export/route";
import { createApiKey } from "@/lib/api-keys/lifecycle";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { actAs } from "@/lib/testing/acting-session";
import { keyInput, workspaceWithKey } from "@/lib/testing/key-fixtures";
import { hoursAgo, recordRequests } from "@/lib/testing/usage-fixtures";
import { auditQueryOf } from "@/lib/validation/audit";
import { auditEventBatches } from "./queries";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));

const auditExport = (query: string) => exportAudit(new Request(`http://keysmith.test/audit/export?${query}`));
const usageExport = (query: string) => exportUsage(new Request(`http://keysmith.test/usage/export?${query}`));

/** CSV records (header first): a field is quoted (quotes doubled, line breaks kept) or bare. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  for (const [, field, end] of text.matchAll(/("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n)/g)) {
    row.push(field!.startsWith('"') ? field!.slice(1, -1).replaceAll('""', '"') : field!);
    if (end === "\r\n") {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

async function countOf(workspaceId: string, params: Record<string, string>) {
  const { cursor: _cursor, ...filters } = auditQueryOf(params);
  let n = 0;
  for await (const batch of auditEventBatches(workspaceId, filters)) n += batch.length;
  return n;
}

describe("the audit log export", () => {
  it("gives Support every matching event as CSV, the filters in the file name, and records the export first", async () => {
    const acme = await workspaceWithKey({ name: '=HYPERLINK("http://evil.test")' });
    for (let i = 0; i < 3; i++) await createApiKey(acme.change, keyInput());
    const other = await workspaceWithKey();
    await actAs(acme.member("SUPPORT"), acme.workspace.id);

    const response = await auditExport("format=csv&action=key.created");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-Workspace-.+-action-key\.created\.csv"$/);
    const [header, ...rows] = csvRows(await response.text());
    expect(header).toContain("hash");
    expect(rows).toHaveLength(await countOf(acme.workspace.id, { action: "key.created" }));
    expect(rows).toHaveLength(4);
    // The formula-looking key name leaves as text.
    const label = header!.indexOf("targetLabel");
    expect(rows.map((row) => row[label])).toContain('\'=HYPERLINK("http://evil.test")');
    expect(rows.flat().join()).not.toContain(other.key.id);

    const recorded = await db.auditEvent.findFirst({ where: { workspaceId: acme.workspace.id, action: "audit.exported" } });
    expect(recorded).toMatchObject({ actorId: acme.member("SUPPORT").userId, ip: "192.0.2.10" });
    expect(JSON.parse(recorded!.metadata)).toEqual({ format: "csv", filters: { action: "key.created" } });
  });

  it("writes one event per JSON line with the chain's links, then the latest checkpoint", async () => {
    const acme = await workspaceWithKey();
    await actAs(acme.owner, acme.workspace.id);
    const response = await auditExport("format=jsonl");
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await response.text())
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    const checkpoint = lines.pop();
    expect(checkpoint).toEqual({ checkpoint: null });
    // key.created, then the export itself (written before the first row, so it is part of the file).
    expect(lines.map((line) => line.action)).toEqual(["key.created", "audit.exported"]);
    const stored = await db.auditEvent.findMany({ where: { workspaceId: acme.workspace.id }, orderBy: { seq: "asc" } });
    expect(lines).toEqual(stored.map((event) => ({ ...event, createdAt: event.createdAt.toISOString() })));
    expect(lines[1].prevHash).toBe(lines[0].hash);
  });

  it("keeps to the session's workspace, whatever the filters name", async () => {
    const acme = await workspaceWithKey();
    const globex = await workspaceWithKey();
    await actAs(globex.owner, globex.workspace.id);
    const text = await (await auditExport(`format=csv&target=${acme.key.masked}`)).text();
    expect(text).not.toContain(acme.key.id);
    expect(text).not.toContain(acme.workspace.id);
  });
});

describe("the usage export", () => {
  it("gives the filtered requests, as many rows as match", async () => {
    const acme = await workspaceWithKey();
    const globex = await workspaceWithKey();
    await recordRequests([
      ...Array.from({ length: 5 }, () => ({ workspaceId: acme.workspace.id, keyId: acme.key.id, at: hoursAgo(2) })),
      ...Array.from({ length: 2 }, () => ({
        workspaceId: acme.workspace.id,
        keyId: acme.key.id,
        at: hoursAgo(1),
        decision: "missing_scope" as const,
      })),
      { workspaceId: globex.workspace.id, keyId: globex.key.id, at: hoursAgo(1), path: "/api/v1/lists/globex-marker" },
    ]);
    await actAs(acme.member("SUPPORT"), acme.workspace.id);

    const all = csvRows(await (await usageExport(`format=csv&keyId=${acme.key.id}`)).text());
    expect(all).toHaveLength(1 + 7);
    const denied = await usageExport("format=jsonl&outcome=denied");
    expect(denied.headers.get("content-disposition")).toMatch(/-outcome-denied\.jsonl"$/);
    const lines = (await denied.text())
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ decision: "missing_scope", outcome: "denied", keyName: acme.key.name, key: acme.key.masked });
    expect(JSON.stringify(lines)).not.toContain("globex-marker");
    expect(await db.auditEvent.count({ where: { workspaceId: acme.workspace.id, action: "usage.exported" } })).toBe(2);
  });

  it("answers another workspace's key 404, like a missing one, and exports nothing", async () => {
    const acme = await workspaceWithKey();
    const globex = await workspaceWithKey();
    await actAs(globex.owner, globex.workspace.id);
    const response = await usageExport(`format=csv&keyId=${acme.key.id}`);
    expect(response.status).toBe(404);
    expect(await db.auditEvent.count({ where: { workspaceId: globex.workspace.id, action: "usage.exported" } })).toBe(0);
  });
});

describe("Support", () => {
  it("holds read permissions only: no write action is open to it", () => {
    const held = Object.entries(PERMISSIONS).filter(([, roles]) => (roles as readonly string[]).includes("SUPPORT"));
    expect(held.map(([name]) => name).every((name) => name.endsWith(".read"))).toBe(true);
  });

  it("changes nothing by exporting but the export's own audit event", async () => {
    const acme = await workspaceWithKey();
    await actAs(acme.member("SUPPORT"), acme.workspace.id);
    const before = await db.apiKey.findMany({ where: { workspaceId: acme.workspace.id } });
    await (await auditExport("format=csv")).text();
    await (await usageExport("format=csv")).text();
    expect(await db.apiKey.findMany({ where: { workspaceId: acme.workspace.id } })).toEqual(before);
    const events = await db.auditEvent.findMany({ where: { workspaceId: acme.workspace.id }, orderBy: { seq: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["key.created", "audit.exported", "usage.exported"]);
  });
});
