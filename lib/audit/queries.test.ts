import { describe, expect, it } from "vitest";
import { revokeApiKey, updateApiKey } from "@/lib/api-keys/lifecycle";
import { db } from "@/lib/db";
import { createWorkspace, userActor } from "@/lib/testing/factories";
import { keyInput, workspaceWithKey } from "@/lib/testing/key-fixtures";
import { auditQueryOf } from "@/lib/validation/audit";
import { appendAuditEvent } from "./append";
import { auditEventBatches, listAuditEvents } from "./queries";

const query = (params: Record<string, string> = {}) => auditQueryOf(params);

async function allPages(workspaceId: string, params: Record<string, string>, pageSize: number) {
  const seen: number[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listAuditEvents(workspaceId, query({ ...params, ...(cursor ? { cursor } : {}) }), pageSize);
    seen.push(...page.events.map((event) => event.seq));
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
}

async function manyEvents(count: number) {
  const { workspace, member } = await createWorkspace(["OWNER"]);
  for (let i = 0; i < count; i++) {
    await db.$transaction((tx) =>
      appendAuditEvent(tx, {
        workspaceId: workspace.id,
        actor: userActor(member("OWNER")),
        action: i % 2 ? "member.role_changed" : "member.removed",
        target: { type: "member", id: `m${i}`, label: `member${i}@example.test` },
      }),
    );
  }
  return workspace.id;
}

describe("the audit log's pages", () => {
  it("lists every event newest first, page by page, each exactly once", async () => {
    const workspaceId = await manyEvents(7);
    expect(await allPages(workspaceId, {}, 3)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(await allPages(workspaceId, { action: "member.removed" }, 2)).toEqual([7, 5, 3, 1]);
  });

  it("treats a tampered cursor as the first page", async () => {
    const workspaceId = await manyEvents(2);
    const page = await listAuditEvents(workspaceId, query({ cursor: "not-a-cursor" }));
    expect(page.events.map((event) => event.seq)).toEqual([2, 1]);
  });
});

describe("the audit log's filters", () => {
  it("finds a key's events as the key list finds the key (name, prefix, last four, masked form), and nothing of other keys", async () => {
    const { change, key, owner, workspace } = await workspaceWithKey({ name: "Warehouse sync" });
    await updateApiKey(change, { keyId: key.id, ...keyInput({ name: "Warehouse sync", scopes: ["profiles:write"] }) });
    const other = await workspaceWithKey();
    await revokeApiKey(other.change, other.key.id, "");
    for (const target of ["warehouse", key.prefix, key.last4, key.masked, `${key.prefix}...${key.last4}`]) {
      const { events } = await listAuditEvents(workspace.id, query({ target }));
      expect(
        events.map((event) => event.action),
        target,
      ).toEqual(["key.scopes_changed", "key.created"]);
    }
    const byActor = await listAuditEvents(workspace.id, query({ actor: owner.userId, action: "key.created" }));
    expect(byActor.events).toHaveLength(1);
    expect((await listAuditEvents(workspace.id, query({ actor: "system" }))).events).toEqual([]);
  });

  it("finds a member's events by name or email", async () => {
    const workspaceId = await manyEvents(3);
    const { events } = await listAuditEvents(workspaceId, query({ target: "member1@" }));
    expect(events.map((event) => event.targetLabel)).toEqual(["member1@example.test"]);
  });

  it("limits to a time range in UTC", async () => {
    const workspaceId = await manyEvents(3);
    await db.auditEvent.updateMany({ where: { workspaceId, seq: 1 }, data: { createdAt: new Date("2026-01-01T10:00:00Z") } });
    await db.auditEvent.updateMany({ where: { workspaceId, seq: 2 }, data: { createdAt: new Date("2026-01-02T10:00:00Z") } });
    const within = await listAuditEvents(workspaceId, query({ from: "2026-01-01T12:00", to: "2026-01-03T00:00" }));
    expect(within.events.map((event) => event.seq)).toEqual([2]);
    const since = await listAuditEvents(workspaceId, query({ from: "2026-01-01T12:00" }));
    expect(since.events.map((event) => event.seq)).toEqual([3, 2]);
  });

  it("ignores filters that make no sense instead of failing", async () => {
    const workspaceId = await manyEvents(2);
    const parsed = query({ action: "<script>", from: "yesterday", to: "2026-13-45T99:99" });
    expect(parsed).toMatchObject({ action: undefined, from: undefined, to: undefined });
    expect((await listAuditEvents(workspaceId, parsed)).events).toHaveLength(2);
  });

  it("shows another workspace nothing, whatever its filters name", async () => {
    const acme = await workspaceWithKey({ name: "Acme only" });
    const globex = await createWorkspace(["OWNER"]);
    const searches: Record<string, string>[] = [{}, { target: "Acme only" }, { target: acme.key.masked }, { actor: acme.owner.userId }];
    for (const params of searches) {
      expect((await listAuditEvents(globex.workspace.id, query(params))).events).toEqual([]);
    }
  });

  it("hands an export the same events as the page, in chain order", async () => {
    const workspaceId = await manyEvents(5);
    const exported: number[] = [];
    for await (const batch of auditEventBatches(workspaceId, query({ action: "member.role_changed" }), { batchSize: 1 }))
      exported.push(...batch.map((e) => e.seq));
    expect(exported).toEqual([2, 4]);
    expect(await allPages(workspaceId, { action: "member.role_changed" }, 50)).toEqual([4, 2]);
  });
});
