import { describe, expect, it, vi } from "vitest";
import { grantRefusedScopeAction } from "@/lib/actions/grant-refused-scope";
import { narrowUnusedScopesAction } from "@/lib/actions/narrow-unused-scopes";
import { undoNarrowingAction } from "@/lib/actions/undo-narrowing";
import { revokeApiKey, rotateApiKey, updateApiKey } from "@/lib/api-keys/lifecycle";
import { verifyAuditChain } from "@/lib/audit/verify-workspace";
import { db } from "@/lib/db";
import { actAs } from "@/lib/testing/acting-session";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { hoursAgo, recordRequests } from "@/lib/testing/usage-fixtures";
import { READINESS } from "./readiness";
import { keysWithUnusedScopes, unusedScopesOfKey } from "./unused-scopes";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const DAY = 24;
// In catalog order, as keys store them.
const scopes = ["lists:write", "profiles:read", "campaigns:write", "data-privacy:write"];

/** Makes a key look watched for `days`: its creation moved back. */
async function ageKey(keyId: string, days: number) {
  await db.apiKey.update({ where: { id: keyId }, data: { createdAt: hoursAgo(days * DAY) } });
}

/** `count` allowed reads of tags, spread over the last hours: traffic that proves nothing about other scopes. */
function traffic(workspaceId: string, keyId: string, count: number) {
  return recordRequests(
    Array.from({ length: count }, (_, i) => ({
      workspaceId,
      keyId,
      resource: "tags",
      decision: "not_found" as const,
      at: hoursAgo(1 + (i % 48)),
    })),
  );
}

/** A key watched for 10 days with enough traffic to judge. */
async function keyWithUse() {
  const ws = await workspaceWithKey({ scopes: [...scopes, "tags:read"] });
  await ageKey(ws.key.id, 10);
  await traffic(ws.workspace.id, ws.key.id, READINESS.requests);
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

// In catalog order, with the tags read the traffic used.
const granted = ["lists:write", "profiles:read", "tags:read", "campaigns:write", "data-privacy:write"];

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
    const { createdAt } = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(new Date(found!.observedSince).getTime()).toBe(createdAt.getTime());
    expect(found).toMatchObject({ ready: true, requests: READINESS.requests + 3, refused: [] });
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
    await ageKey(key.id, 8);
    await recordRequests(
      Array.from({ length: READINESS.requests }, () => ({
        workspaceId: workspace.id,
        keyId: key.id,
        resource: "lists",
        decision: "rate_limited" as const,
        at: hoursAgo(1),
      })),
    );
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
      scopes: ["lists:read", "tags:read", "campaigns:write", "data-privacy:write"],
      eventId: expect.any(String),
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "key.scopes_changed" } });
    expect(JSON.parse(event.metadata)).toMatchObject({
      before: granted,
      after: ["lists:read", "tags:read", "campaigns:write", "data-privacy:write"],
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
    expect(result?.data?.scopes).toEqual(granted);
    expect(await db.auditEvent.count({ where: { workspaceId: workspace.id, action: "key.scopes_changed" } })).toBe(0);
  });

  it("refuses to leave a key with no access", async () => {
    const { workspace, key, member } = await workspaceWithKey({ scopes: ["lists:read"] });
    await ageKey(key.id, 8);
    await traffic(workspace.id, key.id, READINESS.requests);
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
    expect(JSON.parse((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).scopes)).toEqual(granted);
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

describe("when suggestions are ready", () => {
  it(`waits ${READINESS.days} days since the chain began and ${READINESS.requests} requests`, async () => {
    const { workspace, key } = await workspaceWithKey({ scopes: ["lists:write", "tags:read"] });
    // Seconds old with plenty of traffic: too new.
    await traffic(workspace.id, key.id, READINESS.requests);
    expect(await unusedScopesOfKey(workspace.id, key.id)).toMatchObject({ ready: false, requests: READINESS.requests, unused: [] });
    // Old enough but one request short.
    const quiet = await workspaceWithKey({ scopes: ["lists:write", "tags:read"] });
    await ageKey(quiet.key.id, READINESS.days + 1);
    await traffic(quiet.workspace.id, quiet.key.id, READINESS.requests - 1);
    expect(await unusedScopesOfKey(quiet.workspace.id, quiet.key.id)).toMatchObject({ ready: false, unused: [] });
    expect((await keysWithUnusedScopes(quiet.workspace.id)).waiting).toBe(1);
    // Both: lists is suggested away.
    await traffic(quiet.workspace.id, quiet.key.id, 1);
    expect(await unusedScopesOfKey(quiet.workspace.id, quiet.key.id)).toMatchObject({ ready: true, unused: [{ resource: "lists" }] });
  });

  it("judges a fresh replacement by its chain's age and traffic", async () => {
    const { workspace, key, change } = await keyWithUse();
    const rotated = await rotateApiKey(change, key.id, "1h");
    expect(await unusedScopesOfKey(workspace.id, rotated.key.id)).toMatchObject({ ready: true, requests: READINESS.requests + 3 });
  });

  it("refuses to narrow a key too new to judge", async () => {
    const { workspace, key, member } = await workspaceWithKey({ scopes: ["lists:write", "tags:read"] });
    await actAs(member("OWNER"), workspace.id);
    const result = await narrowUnusedScopesAction({ keyId: key.id, resources: ["lists"] });
    expect(result?.serverError).toBe(
      `This key is too new to judge: suggestions wait for ${READINESS.days} days and ${READINESS.requests} requests.`,
    );
    expect(JSON.parse((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).scopes)).toEqual(["lists:write", "tags:read"]);
  });
});

describe("what a key was refused", () => {
  it("reports refused scopes it lacks, and keeps the resource's grant out of the suggestions", async () => {
    const { workspace, key } = await workspaceWithKey({ scopes: ["lists:read", "profiles:read", "tags:read"] });
    await ageKey(key.id, 10);
    await traffic(workspace.id, key.id, READINESS.requests);
    const denied = (resource: string, level: "read" | "write") => ({
      workspaceId: workspace.id,
      keyId: key.id,
      resource,
      level,
      decision: "missing_scope" as const,
      at: hoursAgo(2),
    });
    await recordRequests([denied("lists", "write"), denied("lists", "write"), denied("campaigns", "read")]);
    const found = await unusedScopesOfKey(workspace.id, key.id);
    expect(found?.refused).toEqual([
      { scope: "lists:write", resource: "lists", label: "Lists", level: "write", requests: 2 },
      { scope: "campaigns:read", resource: "campaigns", label: "Campaigns", level: "read", requests: 1 },
    ]);
    // Lists read is in use by an integration that wants to write lists: not suggested away.
    expect(found?.unused.map((scope) => scope.resource)).toEqual(["profiles"]);
  });
});

describe("undoNarrowingAction", () => {
  async function narrowed() {
    const ws = await keyWithUse();
    await actAs(ws.member("ADMIN"), ws.workspace.id);
    const result = await narrowUnusedScopesAction({ keyId: ws.key.id, resources: ["lists", "profiles", "data-privacy"] });
    return { ...ws, eventId: result!.data!.eventId! };
  }
  const scopesOf = async (keyId: string) => JSON.parse((await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).scopes);

  it("puts back exactly the previous scopes, in a second audited change", async () => {
    const { workspace, key, eventId } = await narrowed();
    expect(await scopesOf(key.id)).toEqual(["lists:read", "tags:read", "campaigns:write"]);
    const result = await undoNarrowingAction({ keyId: key.id, eventId });
    expect(result?.data?.scopes).toEqual(granted);
    expect(await scopesOf(key.id)).toEqual(granted);
    const events = await db.auditEvent.findMany({
      where: { workspaceId: workspace.id, action: "key.scopes_changed" },
      orderBy: { seq: "asc" },
    });
    expect(events.map((event) => JSON.parse(event.metadata).reason)).toEqual(["unused in the last 30 days", "undo of a narrowing"]);
    expect((await verifyAuditChain(workspace.id)).ok).toBe(true);
  });

  it("puts back the predecessor in its grace period that the same narrowing lowered, and only that one", async () => {
    const ws = await keyWithUse();
    const rotated = await rotateApiKey(ws.change, ws.key.id, "1h");
    await actAs(ws.member("ADMIN"), ws.workspace.id);
    const first = await narrowUnusedScopesAction({ keyId: rotated.key.id, resources: ["data-privacy"] });
    expect(await scopesOf(ws.key.id)).not.toContain("data-privacy:write");
    // A second narrowing of the replacement lowers the old key again.
    const second = await narrowUnusedScopesAction({ keyId: rotated.key.id, resources: ["profiles"] });
    const afterBoth = ["lists:write", "tags:read", "campaigns:write"];
    expect(await scopesOf(ws.key.id)).toEqual(afterBoth);

    // Undoing the second puts back profiles on both keys, and not data-privacy, which the first took.
    await undoNarrowingAction({ keyId: rotated.key.id, eventId: second!.data!.eventId! });
    const afterUndo = ["lists:write", "profiles:read", "tags:read", "campaigns:write"];
    expect(await scopesOf(rotated.key.id)).toEqual(afterUndo);
    expect(await scopesOf(ws.key.id)).toEqual(afterUndo);
    expect(first?.data?.eventId).toBeTruthy();
    expect((await verifyAuditChain(ws.workspace.id)).ok).toBe(true);
  });

  it("refuses a second undo, an undo after the key changed, and a stale one", async () => {
    const stale = "This narrowing can no longer be undone: the key has changed since, or it was too long ago. Edit the key instead.";
    const first = await narrowed();
    await undoNarrowingAction({ keyId: first.key.id, eventId: first.eventId });
    expect((await undoNarrowingAction({ keyId: first.key.id, eventId: first.eventId }))?.serverError).toBe(stale);

    const edited = await narrowed();
    const view = await db.apiKey.findUniqueOrThrow({ where: { id: edited.key.id } });
    await updateApiKey(edited.change, { keyId: view.id, name: `${view.name} renamed`, description: "", scopes: JSON.parse(view.scopes) });
    expect((await undoNarrowingAction({ keyId: edited.key.id, eventId: edited.eventId }))?.serverError).toBe(stale);
    expect(await scopesOf(edited.key.id)).not.toEqual(granted);

    const late = await narrowed();
    await db.auditEvent.update({ where: { id: late.eventId }, data: { createdAt: hoursAgo(1) } });
    expect((await undoNarrowingAction({ keyId: late.key.id, eventId: late.eventId }))?.serverError).toBe(stale);
    expect(await scopesOf(late.key.id)).not.toEqual(granted);
  });

  it("refuses Support and another workspace, changing nothing", async () => {
    const { workspace, key, member, eventId } = await narrowed();
    const before = await scopesOf(key.id);
    await actAs(member("SUPPORT"), workspace.id);
    expect((await undoNarrowingAction({ keyId: key.id, eventId }))?.serverError).toMatch(/role/i);
    const globex = await workspaceWithKey();
    await actAs(globex.owner, globex.workspace.id);
    expect((await undoNarrowingAction({ keyId: key.id, eventId }))?.serverError).toBe("That key was not found in this workspace.");
    expect(await scopesOf(key.id)).toEqual(before);
  });
});

describe("grantRefusedScopeAction", () => {
  it("raises exactly the refused scope for an Admin, audited", async () => {
    const { workspace, key, member } = await workspaceWithKey({ scopes: ["lists:read", "tags:read"] });
    await actAs(member("ADMIN"), workspace.id);
    const result = await grantRefusedScopeAction({ keyId: key.id, scope: "lists:write" });
    expect(result?.data?.scopes).toEqual(["lists:write", "tags:read"]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "key.scopes_changed" } });
    expect(JSON.parse(event.metadata)).toMatchObject({
      added: ["lists:write"],
      removed: ["lists:read"],
      reason: "refused in the last 30 days",
    });
    expect((await grantRefusedScopeAction({ keyId: key.id, scope: "lists:read" }))?.serverError).toBe(
      "This key already grants lists:read.",
    );
  });

  it("refuses Support, another workspace, a revoked key and a scope the catalog lacks", async () => {
    const { workspace, key, member, change } = await workspaceWithKey({ scopes: ["lists:read"] });
    await actAs(member("SUPPORT"), workspace.id);
    expect((await grantRefusedScopeAction({ keyId: key.id, scope: "lists:write" }))?.serverError).toMatch(/role/i);
    const globex = await workspaceWithKey();
    await actAs(globex.owner, globex.workspace.id);
    expect((await grantRefusedScopeAction({ keyId: key.id, scope: "lists:write" }))?.serverError).toBe(
      "That key was not found in this workspace.",
    );
    await actAs(member("OWNER"), workspace.id);
    expect((await grantRefusedScopeAction({ keyId: key.id, scope: "lists:admin" }))?.validationErrors?.fieldErrors).toHaveProperty("scope");
    expect((await grantRefusedScopeAction({ keyId: key.id, scope: "data-privacy:read" }))?.validationErrors?.fieldErrors).toHaveProperty(
      "scope",
    );
    await revokeApiKey(change, key.id, "test");
    expect((await grantRefusedScopeAction({ keyId: key.id, scope: "lists:write" }))?.serverError).toBe(
      "This key is revoked; only a live key's scopes can change.",
    );
    expect(JSON.parse((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).scopes)).toEqual(["lists:read"]);
  });
});
