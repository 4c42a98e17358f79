// Record writes through the API are audited with the key as the actor, in the write's transaction.
import { afterEach, describe, expect, it } from "vitest";
import { auditKeys, reloadAuditKeys } from "@/lib/audit/audit-keys";
import { describeAuditEvent } from "@/lib/audit/describe";
import { listAuditEvents } from "@/lib/audit/queries";
import { verifyAuditChain } from "@/lib/audit/verify-workspace";
import { db } from "@/lib/db";
import { serveApiForTests } from "@/lib/testing/api-server";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";

const api = serveApiForTests();
const BROWSER = "record-audit-test/1.0";

const recordEvents = (workspaceId: string) =>
  db.auditEvent.findMany({ where: { workspaceId, action: { startsWith: "record." } }, orderBy: { seq: "asc" } });

async function created(secret: string) {
  const response = await api.request("/api/v1/lists", {
    method: "POST",
    key: secret,
    body: { data: { attributes: { name: "Newsletter" } } },
    headers: { "user-agent": BROWSER },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

afterEach(() => reloadAuditKeys());

describe("record writes through the API", () => {
  it("audits create, update and delete with the key as actor, the record as target, address and browser", async () => {
    const ws = await workspaceWithKey({ name: "Warehouse sync", scopes: ["lists:write"] });
    const id = await created(ws.secret);
    const patch = await api.request(`/api/v1/lists/${id}`, {
      method: "PATCH",
      key: ws.secret,
      body: { data: { attributes: { size: 3 } } },
      headers: { "user-agent": BROWSER },
    });
    expect(patch.status).toBe(200);
    const removed = await api.request(`/api/v1/lists/${id}`, { method: "DELETE", key: ws.secret, headers: { "user-agent": BROWSER } });
    expect(removed.status).toBe(204);

    const events = await recordEvents(ws.workspace.id);
    expect(events.map((e) => e.action)).toEqual(["record.created", "record.updated", "record.deleted"]);
    for (const event of events) {
      expect(event).toMatchObject({
        actorType: "key",
        actorId: ws.key.id,
        actorLabel: "Warehouse sync",
        targetType: "record",
        targetId: id,
        targetLabel: "Lists",
        ip: "127.0.0.1",
        userAgent: BROWSER,
      });
      expect(JSON.parse(event.metadata)).toEqual({ resource: "lists" });
    }
    expect(events.map(describeAuditEvent)).toEqual([
      `Created record ${id} in Lists`,
      `Updated record ${id} in Lists`,
      `Deleted record ${id} in Lists`,
    ]);
    expect((await verifyAuditChain(ws.workspace.id)).ok).toBe(true);
  });

  it("commits concurrent writes of two workspaces together, one event each, and both chains verify", async () => {
    const first = await workspaceWithKey({ scopes: ["lists:write"] });
    const second = await workspaceWithKey({ scopes: ["lists:write"] });
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => created(i % 2 ? first.secret : second.secret)));
    expect(new Set(ids).size).toBe(20);
    for (const ws of [first, second]) {
      const events = await recordEvents(ws.workspace.id);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => events[0]!.seq + i));
      expect(events.map((e) => e.targetId).sort()).toEqual(
        (await db.apiRecord.findMany({ where: { workspaceId: ws.workspace.id }, select: { id: true } })).map((r) => r.id).sort(),
      );
      expect((await verifyAuditChain(ws.workspace.id)).ok).toBe(true);
    }
  });

  it("finds the events by the key in the log's actor filter", async () => {
    const ws = await workspaceWithKey({ scopes: ["lists:write"] });
    const id = await created(ws.secret);
    const page = await listAuditEvents(ws.workspace.id, { actor: ws.key.id });
    expect(page.events.map((e) => [e.action, e.targetId])).toEqual([["record.created", id]]);
  });

  it("writes no event when nothing was written: a missing record, a refused body, a read", async () => {
    const ws = await workspaceWithKey({ scopes: ["lists:write"] });
    const missing = "c000000000000000000000000";
    expect((await api.request(`/api/v1/lists/${missing}`, { method: "DELETE", key: ws.secret })).status).toBe(404);
    expect(
      (await api.request(`/api/v1/lists/${missing}`, { method: "PATCH", key: ws.secret, body: { data: { attributes: {} } } })).status,
    ).toBe(404);
    expect((await api.request("/api/v1/lists", { method: "POST", key: ws.secret, body: { data: [] } })).status).toBe(422);
    expect((await api.request("/api/v1/lists", { key: ws.secret })).status).toBe(200);
    expect(await recordEvents(ws.workspace.id)).toEqual([]);
  });

  it("does not audit another workspace's record, and leaves it alone", async () => {
    const owner = await workspaceWithKey({ scopes: ["lists:write"] });
    const stranger = await workspaceWithKey({ scopes: ["lists:write"] });
    const id = await created(owner.secret);
    expect((await api.request(`/api/v1/lists/${id}`, { method: "DELETE", key: stranger.secret })).status).toBe(404);
    expect(await recordEvents(stranger.workspace.id)).toEqual([]);
    expect(await db.apiRecord.count({ where: { id } })).toBe(1);
  });

  it("keeps no record whose audit event could not be written: one transaction", async () => {
    const ws = await workspaceWithKey({ scopes: ["lists:write"] });
    const id = await created(ws.secret);
    const records = await db.apiRecord.count({ where: { workspaceId: ws.workspace.id } });
    // The chain's key is read while the event is linked, after the record's row was written.
    const keys = auditKeys();
    Object.defineProperty(keys, "current", {
      get() {
        throw new Error("audit key unavailable");
      },
    });
    const create = await api.request("/api/v1/lists", { method: "POST", key: ws.secret, body: { data: { attributes: { name: "x" } } } });
    const update = await api.request(`/api/v1/lists/${id}`, {
      method: "PATCH",
      key: ws.secret,
      body: { data: { attributes: { name: "y" } } },
    });
    const remove = await api.request(`/api/v1/lists/${id}`, { method: "DELETE", key: ws.secret });
    expect([create.status, update.status, remove.status]).toEqual([500, 500, 500]);
    reloadAuditKeys();
    expect(await db.apiRecord.count({ where: { workspaceId: ws.workspace.id } })).toBe(records);
    expect(JSON.parse((await db.apiRecord.findUniqueOrThrow({ where: { id } })).attributes)).toEqual({ name: "Newsletter" });
    expect((await recordEvents(ws.workspace.id)).map((e) => e.action)).toEqual(["record.created"]);
  });
});
