import { describe, expect, it, vi } from "vitest";
import { narrowUnusedScopesAction } from "@/lib/actions/narrow-unused-scopes";
import { revokeApiKey, rotateApiKey } from "@/lib/api-keys/lifecycle";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db } from "@/lib/db";
import { actAs } from "@/lib/testing/acting-session";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { hoursAgo, recordRequests } from "@/lib/testing/usage-fixtures";
import { keysWithUnusedScopes, unusedScopesOfKey } from "./unused-scopes";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const DAY = 24;
// In catalog order, as keys store them.
const scopes = ["lists:write", "profiles:read", "campaigns:write", "data-privacy:write"];

async function keyWithUse() {
  const ws = await workspaceWithKey({ scopes });
  await recordRequests([
    // Lists were only read, campaigns were written: lists can drop to Read, campaigns stay.
    { workspaceId: ws.workspace.id, keyId: ws.key.id, resource: "lists", level: "read", at: hoursAgo(2) },
    { workspaceId: ws.workspace.id, keyId: ws.key.id, resource: "campaigns", level: "write", at: hoursAgo(3) },
    // Denied requests and requests older than 30 days are no evidence of use.
    { workspaceId: ws.workspace.id, keyId: ws.key.id, resource: "profiles", decision: "missing_scope", at: hoursAgo(1) },
    { workspaceId: ws.workspace.id, keyId: ws.key.id, resource: "data-privacy", level: "write", at: hoursAgo(31 * DAY) },
  ]);
  return ws;
}

describe("unused scopes", () => {
  it("lists what no allowed request needed in 30 days, with the narrowest grant that served them", async () => {
    const { workspace, key } = await keyWithUse();
    const found = await unusedScopesOfKey(workspace.id, key.id);
    expect(found?.unused).toEqual([
      { resource: "lists", label: "Lists", granted: "write", suggested: "read" },
      { resource: "profiles", label: "Profiles", granted: "read", suggested: "none" },
      { resource: "data-privacy", label: "Data privacy", granted: "write", suggested: "none" },
    ]);
    expect(found?.narrowsToNothing).toBe(false);
    expect(new Date(found!.observedSince).getTime()).toBe(new Date(key.createdAt).getTime());
  });

  it("counts a request that passed the scope check and then failed (404, 422) as use", async () => {
    const { workspace, key } = await keyWithUse();
    await recordRequests([
      { workspaceId: workspace.id, keyId: key.id, resource: "profiles", decision: "not_found", at: hoursAgo(1) },
      { workspaceId: workspace.id, keyId: key.id, resource: "lists", level: "write", decision: "bad_request", at: hoursAgo(1) },
    ]);
    expect((await unusedScopesOfKey(workspace.id, key.id))?.unused.map((s) => s.resource)).toEqual(["data-privacy"]);
  });

  it("says when narrowing every unused scope would leave no access", async () => {
    const { workspace, key } = await workspaceWithKey({ scopes: ["lists:read"] });
    expect(await unusedScopesOfKey(workspace.id, key.id)).toMatchObject({ narrowsToNothing: true, unused: [{ resource: "lists" }] });
  });

  it("counts a rotated key's predecessors' use as its own", async () => {
    const { workspace, key, change } = await keyWithUse();
    const rotated = await rotateApiKey(change, key.id, "immediately");
    const found = await unusedScopesOfKey(workspace.id, rotated.key.id);
    expect(found?.unused.map((s) => s.resource)).toEqual(["lists", "profiles", "data-privacy"]);
    // The old key is no longer live: nothing to narrow there.
    expect(await unusedScopesOfKey(workspace.id, key.id)).toBeNull();
  });

  it("has nothing for revoked keys or another workspace's key", async () => {
    const { workspace, key, change } = await keyWithUse();
    const globex = await workspaceWithKey();
    expect(await unusedScopesOfKey(globex.workspace.id, key.id)).toBeNull();
    await revokeApiKey(change, key.id, "test");
    expect(await unusedScopesOfKey(workspace.id, key.id)).toBeNull();
    expect((await keysWithUnusedScopes(workspace.id)).keys).toEqual([]);
  });

  it("lists the workspace's live keys that hold unused scopes", async () => {
    const { workspace, key } = await keyWithUse();
    const result = await keysWithUnusedScopes(workspace.id);
    expect(result).toMatchObject({ checked: 1, more: false });
    expect(result.keys.map((k) => [k.keyId, k.unused.length])).toEqual([[key.id, 3]]);
  });
});

describe("narrowUnusedScopesAction", () => {
  it("lowers the chosen scopes to what was used, in one audited change", async () => {
    const { workspace, key, member } = await keyWithUse();
    await actAs(member("ADMIN"), workspace.id);
    const result = await narrowUnusedScopesAction({ keyId: key.id, resources: ["lists", "profiles"] });
    expect(result?.data).toEqual({
      keyId: key.id,
      narrowed: ["lists", "profiles"],
      scopes: ["lists:read", "campaigns:write", "data-privacy:write"],
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "key.scopes_changed" } });
    expect(JSON.parse(event.metadata)).toMatchObject({
      before: scopes,
      after: ["lists:read", "campaigns:write", "data-privacy:write"],
      removed: ["lists:write", "profiles:read"],
      reason: "unused in the last 30 days",
    });
    expect((await verifyAuditChain(workspace.id)).ok).toBe(true);
  });

  it("leaves a scope alone that was used after the page was drawn, and never widens", async () => {
    const { workspace, key, member } = await keyWithUse();
    await recordRequests([{ workspaceId: workspace.id, keyId: key.id, resource: "profiles", at: new Date() }]);
    await actAs(member("OWNER"), workspace.id);
    // campaigns was used for writing; asking to narrow it changes nothing.
    const result = await narrowUnusedScopesAction({ keyId: key.id, resources: ["profiles", "campaigns"] });
    expect(result?.data?.narrowed).toEqual([]);
    expect(result?.data?.scopes).toEqual(scopes);
    expect(await db.auditEvent.count({ where: { workspaceId: workspace.id, action: "key.scopes_changed" } })).toBe(0);
  });

  it("refuses to leave a key with no access", async () => {
    const { workspace, key, member } = await workspaceWithKey({ scopes: ["lists:read"] });
    await actAs(member("OWNER"), workspace.id);
    const result = await narrowUnusedScopesAction({ keyId: key.id, resources: ["lists"] });
    expect(result?.serverError).toBe("A key needs at least one scope. Revoke the key instead.");
    expect(JSON.parse((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).scopes)).toEqual(["lists:read"]);
  });

  it("refuses Support, another workspace's key and a revoked key, changing nothing", async () => {
    const { workspace, key, member, change } = await keyWithUse();
    const globex = await workspaceWithKey();
    await actAs(member("SUPPORT"), workspace.id);
    expect((await narrowUnusedScopesAction({ keyId: key.id, resources: ["lists"] }))?.serverError).toMatch(/role/i);
    await actAs(globex.owner, globex.workspace.id);
    expect((await narrowUnusedScopesAction({ keyId: key.id, resources: ["lists"] }))?.serverError).toBe(
      "That key was not found among this workspace's live keys.",
    );
    await revokeApiKey(change, key.id, "test");
    await actAs(member("OWNER"), workspace.id);
    expect((await narrowUnusedScopesAction({ keyId: key.id, resources: ["lists"] }))?.serverError).toBe(
      "That key was not found among this workspace's live keys.",
    );
    expect(JSON.parse((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).scopes)).toEqual(scopes);
  });

  it.each([
    ["no resources", { resources: [] }, "resources"],
    ["a malformed key id", { keyId: "../../etc", resources: ["lists"] }, "keyId"],
    ["too many resources", { resources: Array.from({ length: 65 }, () => "lists") }, "resources"],
  ])("refuses %s, naming the field", async (_label, input, field) => {
    const { workspace, key, member } = await keyWithUse();
    await actAs(member("OWNER"), workspace.id);
    const result = await narrowUnusedScopesAction({ keyId: key.id, ...input });
    expect(result?.validationErrors?.fieldErrors).toHaveProperty(field);
  });
});
