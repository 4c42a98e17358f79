import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { changeBy, createWorkspace } from "@/lib/testing/factories";
import { keyInput } from "@/lib/testing/key-fixtures";
import { keyListQuerySchema } from "@/lib/validation/key-list";
import { createApiKey, revokeApiKey, rotateApiKey } from "./lifecycle";
import { listApiKeys } from "./queries";

const query = (params: Record<string, string> = {}) => keyListQuerySchema.parse(params);

async function workspaceWithKeysInEveryStatus() {
  const ws = await createWorkspace();
  const change = changeBy(ws.workspace.id, ws.member("OWNER"));
  const make = async (name: string, extra = {}) => (await createApiKey(change, keyInput({ name, ...extra }))).key;
  const active = await make("Active key");
  const expiringDate = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  await make("Expiring key", { expiration: "custom", expiresOn: expiringDate });
  const revoked = await make("Revoked key");
  await revokeApiKey(change, revoked.id, "");
  const rotated = await make("Rotated key");
  await rotateApiKey(change, rotated.id, "7d");
  const replaced = await make("Replaced key");
  await rotateApiKey(change, replaced.id, "immediately");
  const expired = await make("Expired key");
  await db.apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  return { ...ws, change, active };
}

describe("listApiKeys", () => {
  it("filters by derived status, exactly as each key's status says", async () => {
    const ws = await workspaceWithKeysInEveryStatus();
    const names = async (status: string) =>
      (await listApiKeys(ws.workspace.id, query({ status, sort: "name" }))).keys.map((k) => `${k.name}:${k.status}`);
    expect(await names("active")).toEqual(["Active key:active", "Replaced key:active", "Rotated key:active"]);
    expect(await names("expiring")).toEqual(["Expiring key:expiring"]);
    expect(await names("rotating")).toEqual(["Rotated key:rotating"]);
    expect(await names("revoked")).toEqual(["Revoked key:revoked"]);
    expect(await names("rotated")).toEqual(["Replaced key:rotated"]);
    expect(await names("expired")).toEqual(["Expired key:expired"]);
    expect(await names("all")).toHaveLength(8);
  });

  it.each([
    ["%", ["100% sync"]],
    ["_", ["a_b export"]],
    ["0%", ["100% sync"]],
    ["\\", ["back\\slash"]],
    ["a_b", ["a_b export"]],
  ])("searches for %s literally, not as a wildcard", async (q, expected) => {
    const ws = await createWorkspace();
    const change = changeBy(ws.workspace.id, ws.member("OWNER"));
    for (const name of ["100% sync", "a_b export", "axb export", "plain", "back\\slash"]) await createApiKey(change, keyInput({ name }));
    const found = await listApiKeys(ws.workspace.id, query({ q, sort: "name" }));
    expect(found.keys.map((k) => k.name)).toEqual(expected);
  });

  it("searches names case-insensitively and never shows another workspace's keys", async () => {
    const ws = await workspaceWithKeysInEveryStatus();
    const other = await createWorkspace();
    await createApiKey(changeBy(other.workspace.id, other.member("OWNER")), keyInput({ name: "Active elsewhere" }));
    const found = await listApiKeys(ws.workspace.id, query({ q: "ACTIVE" }));
    expect(found.keys.map((k) => k.name)).toEqual(["Active key"]);
    expect((await listApiKeys(ws.workspace.id, query())).keys.every((k) => k.workspaceId === ws.workspace.id)).toBe(true);
  });

  it("finds a key by how it is shown: its masked form, its prefix or its last 4, only in this workspace", async () => {
    const ws = await createWorkspace();
    const change = changeBy(ws.workspace.id, ws.member("OWNER"));
    const { key } = await createApiKey(change, keyInput({ name: "Warehouse sync" }));
    await createApiKey(change, keyInput({ name: "Storefront" }));
    const other = await createWorkspace();
    const elsewhere = (await createApiKey(changeBy(other.workspace.id, other.member("OWNER")), keyInput({ name: "Elsewhere" }))).key;
    const names = async (q: string, workspaceId = ws.workspace.id) =>
      (await listApiKeys(workspaceId, query({ q }))).keys.map((k) => k.name);
    expect(await names(key.masked)).toEqual(["Warehouse sync"]);
    expect(await names(`${key.prefix}...${key.last4}`)).toEqual(["Warehouse sync"]);
    expect(await names(key.prefix)).toEqual(["Warehouse sync"]);
    expect(await names(key.last4)).toEqual(["Warehouse sync"]);
    expect(await names(elsewhere.masked)).toEqual([]);
    expect(await names(elsewhere.last4, other.workspace.id)).toEqual(["Elsewhere"]);
  });

  it("pages by keyset through every key exactly once, in each sort order", async () => {
    const ws = await createWorkspace();
    const change = changeBy(ws.workspace.id, ws.member("OWNER"));
    for (let i = 0; i < 12; i++) await createApiKey(change, keyInput({ name: `Key ${String(i).padStart(2, "0")}` }));
    for (const sort of ["newest", "oldest", "name"]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listApiKeys(ws.workspace.id, query({ sort, ...(cursor ? { cursor } : {}) }), 5);
        seen.push(...page.keys.map((k) => k.name));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(12);
      expect(new Set(seen).size).toBe(12);
      if (sort === "name") expect(seen).toEqual([...seen].sort());
    }
  });

  it("falls back to the defaults for unknown or forged parameters", async () => {
    expect(query({ status: "pwned", sort: "; DROP TABLE", cursor: "!!!", q: "x".repeat(500) })).toMatchObject({
      status: "all",
      sort: "newest",
      q: "",
    });
    const ws = await workspaceWithKeysInEveryStatus();
    expect((await listApiKeys(ws.workspace.id, query({ cursor: "bm90LWpzb24" }))).keys).toHaveLength(8);
  });
});
