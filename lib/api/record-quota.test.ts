// The record store's quotas per workspace: a full store refuses more with 422 quota_exceeded naming the
// quota, counts what deletes free, and holds under concurrent writes.
import { describe, expect, it, vi } from "vitest";

// Before any import: the store reads its quotas once, when the server loads it.
vi.hoisted(() => {
  process.env.RECORD_QUOTA_RECORDS = "3";
  process.env.RECORD_QUOTA_BYTES = "200";
});

import { db } from "@/lib/db";
import { serveApiForTests } from "@/lib/testing/api-server";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { DEFAULT_RECORD_QUOTA, exceededQuota, parseRecordQuota } from "./record-quota";

const api = serveApiForTests();
type ErrorDocument = { errors: [{ code: string; status: string; detail: string }] };

const create = (secret: string, attributes: Record<string, unknown> = { n: 1 }) =>
  api.request("/api/v1/lists", { method: "POST", key: secret, body: { data: { attributes } } });

async function refusal(response: Response) {
  expect(response.status).toBe(422);
  return ((await response.json()) as ErrorDocument).errors[0];
}

const storeSize = (workspaceId: string) =>
  db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { recordCount: true, recordBytes: true } });

describe("the quota settings", () => {
  it("defaults, takes whole numbers, 0 for no quota, and names the variable it cannot read", () => {
    expect(parseRecordQuota({})).toEqual(DEFAULT_RECORD_QUOTA);
    expect(parseRecordQuota({ RECORD_QUOTA_RECORDS: "10", RECORD_QUOTA_BYTES: "0" })).toEqual({ records: 10, bytes: 0 });
    expect(() => parseRecordQuota({ RECORD_QUOTA_RECORDS: "ten" })).toThrow(/RECORD_QUOTA_RECORDS/);
    expect(() => parseRecordQuota({ RECORD_QUOTA_BYTES: "-1" })).toThrow(/RECORD_QUOTA_BYTES/);
    expect(() => parseRecordQuota({ RECORD_QUOTA_BYTES: "1.5" })).toThrow(/RECORD_QUOTA_BYTES/);
  });

  it("lets a change that shrinks the store through, and no quota is no bound", () => {
    const full = { records: 3, bytes: 200 };
    expect(exceededQuota({ records: 3, bytes: 200 }, full, 1, 0)).toBe("records");
    expect(exceededQuota({ records: 3, bytes: 200 }, full, 0, 1)).toBe("bytes");
    expect(exceededQuota({ records: 3, bytes: 200 }, full, -1, -10)).toBeNull();
    expect(exceededQuota({ records: 0, bytes: 0 }, full, 1000, 1000)).toBeNull();
  });
});

describe("a workspace at its record quota", () => {
  it("refuses the record past the quota, naming it, and takes one again after a delete", async () => {
    const ws = await workspaceWithKey({ scopes: ["lists:write"] });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await create(ws.secret);
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { data: { id: string } }).data.id);
    }
    const error = await refusal(await create(ws.secret));
    expect(error).toMatchObject({ code: "quota_exceeded", status: "422" });
    expect(error.detail).toContain("3 records (RECORD_QUOTA_RECORDS)");
    expect(await db.apiRecord.count({ where: { workspaceId: ws.workspace.id } })).toBe(3);
    // The refused write changed nothing, so nothing was audited for it.
    expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id, action: "record.created" } })).toBe(3);

    expect((await api.request(`/api/v1/lists/${ids[0]}`, { method: "DELETE", key: ws.secret })).status).toBe(204);
    expect((await create(ws.secret)).status).toBe(201);
  });

  it("is the workspace's own: another workspace still writes", async () => {
    const full = await workspaceWithKey({ scopes: ["lists:write"] });
    for (let i = 0; i < 3; i++) await create(full.secret);
    await refusal(await create(full.secret));
    const other = await workspaceWithKey({ scopes: ["lists:write"] });
    expect((await create(other.secret)).status).toBe(201);
  });

  it("refuses a create or an update that would pass the bytes quota, and leaves the record as it was", async () => {
    const ws = await workspaceWithKey({ scopes: ["lists:write"] });
    const tooBig = await refusal(await create(ws.secret, { text: "x".repeat(250) }));
    expect(tooBig.detail).toContain("200 bytes of attributes (RECORD_QUOTA_BYTES)");

    const response = await create(ws.secret, { text: "small" });
    const id = ((await response.json()) as { data: { id: string } }).data.id;
    const grown = await api.request(`/api/v1/lists/${id}`, {
      method: "PATCH",
      key: ws.secret,
      body: { data: { attributes: { text: "y".repeat(250) } } },
    });
    expect((await refusal(grown)).code).toBe("quota_exceeded");
    const stored = await db.apiRecord.findUniqueOrThrow({ where: { id } });
    expect(JSON.parse(stored.attributes)).toEqual({ text: "small" });
    expect(await storeSize(ws.workspace.id)).toEqual({ recordCount: 1, recordBytes: Buffer.byteLength(stored.attributes) });
  });

  it("admits exactly the quota when many creates arrive at once", async () => {
    const ws = await workspaceWithKey({ scopes: ["lists:write"] });
    const statuses = (await Promise.all(Array.from({ length: 12 }, () => create(ws.secret)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 422)).toHaveLength(9);
    expect(await db.apiRecord.count({ where: { workspaceId: ws.workspace.id } })).toBe(3);
  });

  it("keeps its counters equal to what the store holds through creates, updates and deletes", async () => {
    const ws = await workspaceWithKey({ scopes: ["lists:write"] });
    const first = ((await (await create(ws.secret, { name: "ä".repeat(10) })).json()) as { data: { id: string } }).data.id;
    const second = ((await (await create(ws.secret, { name: "b" })).json()) as { data: { id: string } }).data.id;
    await api.request(`/api/v1/lists/${second}`, { method: "PATCH", key: ws.secret, body: { data: { attributes: { more: 42 } } } });
    await api.request(`/api/v1/lists/${first}`, { method: "DELETE", key: ws.secret });
    // A delete of a record that is not there frees nothing.
    await api.request(`/api/v1/lists/${first}`, { method: "DELETE", key: ws.secret });
    const rows = await db.apiRecord.findMany({ where: { workspaceId: ws.workspace.id } });
    expect(await storeSize(ws.workspace.id)).toEqual({
      recordCount: rows.length,
      recordBytes: rows.reduce((sum, row) => sum + Buffer.byteLength(row.attributes), 0),
    });
  });
});
