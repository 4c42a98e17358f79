import { afterEach, describe, expect, it, vi } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { changeBy, createWorkspace } from "@/lib/testing/factories";
import { keyInput, workspaceWithKey } from "@/lib/testing/key-fixtures";
import { hashKey, isWellFormedKey } from "./key-format";
import { createApiKey, deleteApiKey, revokeApiKey, rotateApiKey, updateApiKey } from "./lifecycle";
import { getApiKey, keyHistory } from "./queries";

const DAY = 24 * 60 * 60 * 1000;

async function events(workspaceId: string, action: string) {
  const rows = await db.auditEvent.findMany({ where: { workspaceId, action }, orderBy: { seq: "asc" } });
  return rows.map((row) => ({ ...row, metadata: JSON.parse(row.metadata) }));
}

/** Every text value stored in every table, for the plaintext search. */
async function everythingStored(): Promise<string> {
  const tables = await Promise.all([
    db.apiKey.findMany(),
    db.auditEvent.findMany(),
    db.workspace.findMany(),
    db.session.findMany(),
    db.membership.findMany(),
  ]);
  return JSON.stringify(tables);
}

afterEach(() => vi.useRealTimers());

describe("createApiKey", () => {
  it("stores only the hash, prefix and last 4, and records key.created without the secret", async () => {
    const { workspace, key, secret, owner } = await workspaceWithKey({ name: "Zapier sync", scopes: ["lists:write", "profiles:read"] });
    expect(isWellFormedKey(secret)).toBe(true);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.hash).toBe(hashKey(secret));
    expect(row.prefix).toBe(secret.slice(0, 8));
    expect(row.last4).toBe(secret.slice(-4));
    expect(JSON.parse(row.scopes)).toEqual(["lists:write", "profiles:read"]);
    expect(row.createdByLabel).toBe(owner.email);

    const [created] = await events(workspace.id, "key.created");
    expect(created).toMatchObject({ targetId: key.id, targetLabel: "Zapier sync", actorId: owner.userId });
    expect(created!.metadata).toMatchObject({ key: key.masked, scopes: ["lists:write", "profiles:read"], expiresAt: null });
    expect(await everythingStored()).not.toContain(secret);
    expect(await everythingStored()).not.toContain(secret.slice(8, 30));
  });

  it("sets the expiry from the policy: days from now, or the end of a custom day (UTC)", async () => {
    const ws = await createWorkspace();
    const change = changeBy(ws.workspace.id, ws.member("ADMIN"));
    const before = Date.now();
    const { key: in30 } = await createApiKey(change, keyInput({ expiration: "30" }));
    expect(in30.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(30 * DAY - 1000);
    expect(in30.expiresAt!.getTime() - before).toBeLessThanOrEqual(30 * DAY + 5000);
    const { key: custom } = await createApiKey(change, keyInput({ expiration: "custom", expiresOn: "2099-01-31" }));
    expect(custom.expiresAt?.toISOString()).toBe("2099-01-31T23:59:59.999Z");
    const { key: never } = await createApiKey(change, keyInput({ expiration: "never" }));
    expect(never.expiresAt).toBeNull();
    expect(never.status).toBe("active");
  });

  it("refuses a name already used by a live key in the workspace, and writes nothing", async () => {
    const { workspace, change } = await workspaceWithKey({ name: "Billing" });
    await expect(createApiKey(change, keyInput({ name: "Billing" }))).rejects.toThrow('An active key is already named "Billing"');
    expect(await db.apiKey.count({ where: { workspaceId: workspace.id } })).toBe(1);
    expect(await events(workspace.id, "key.created")).toHaveLength(1);
  });

  it("allows the name again once the old key is revoked, and in another workspace", async () => {
    const { change, key } = await workspaceWithKey({ name: "Billing" });
    const other = await createWorkspace();
    await expect(createApiKey(changeBy(other.workspace.id, other.member("OWNER")), keyInput({ name: "Billing" }))).resolves.toBeDefined();
    await revokeApiKey(change, key.id, "");
    await expect(createApiKey(change, keyInput({ name: "Billing" }))).resolves.toBeDefined();
  });

  it("lets only one of two concurrent creations with one name succeed", async () => {
    const ws = await createWorkspace();
    const change = changeBy(ws.workspace.id, ws.member("OWNER"));
    const results = await Promise.allSettled([
      createApiKey(change, keyInput({ name: "Twin" })),
      createApiKey(change, keyInput({ name: "Twin" })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.apiKey.count({ where: { workspaceId: ws.workspace.id } })).toBe(1);
  });
});

describe("updateApiKey", () => {
  it("records a scope change with before, after, added and removed, and applies it at once", async () => {
    const { workspace, change, key } = await workspaceWithKey({ scopes: ["profiles:write", "lists:read"] });
    await updateApiKey(change, { keyId: key.id, name: key.name, description: "", scopes: ["profiles:read", "lists:read", "tags:read"] });
    const [event] = await events(workspace.id, "key.scopes_changed");
    expect(event!.metadata).toEqual({
      before: ["lists:read", "profiles:write"],
      after: ["lists:read", "profiles:read", "tags:read"],
      added: ["profiles:read", "tags:read"],
      removed: ["profiles:write"],
    });
    expect((await getApiKey(workspace.id, key.id))?.scopes).toEqual(["lists:read", "profiles:read", "tags:read"]);
    expect(await events(workspace.id, "key.updated")).toHaveLength(0);
  });

  it("records a rename as key.updated, and nothing when nothing changed", async () => {
    const { workspace, change, key } = await workspaceWithKey({ name: "Old name" });
    await updateApiKey(change, { keyId: key.id, name: "New name", description: "For the CRM", scopes: key.scopes });
    await updateApiKey(change, { keyId: key.id, name: "New name", description: "For the CRM", scopes: key.scopes });
    const updated = await events(workspace.id, "key.updated");
    expect(updated).toHaveLength(1);
    expect(updated[0]!.metadata).toEqual({
      before: { name: "Old name", description: "" },
      after: { name: "New name", description: "For the CRM" },
    });
    expect(await events(workspace.id, "key.scopes_changed")).toHaveLength(0);
  });

  it("refuses to edit a revoked key", async () => {
    const { change, key } = await workspaceWithKey();
    await revokeApiKey(change, key.id, "");
    await expect(updateApiKey(change, { keyId: key.id, name: "x", description: "", scopes: ["tags:read"] })).rejects.toThrow(ConflictError);
  });
});

describe("rotateApiKey", () => {
  it("creates a replacement with the same name, scopes and policy, links both, and ends the old key's grace", async () => {
    const { workspace, change, key, secret } = await workspaceWithKey({ name: "Shop sync", expiration: "90", scopes: ["catalogs:write"] });
    const before = Date.now();
    const { key: replacement, secret: newSecret } = await rotateApiKey(change, key.id, "24h");

    expect(newSecret).not.toBe(secret);
    expect(replacement).toMatchObject({
      name: "Shop sync",
      scopes: ["catalogs:write"],
      expirationPolicy: "90",
      rotatedFromId: key.id,
      status: "active",
    });
    expect(replacement.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(90 * DAY - 1000);
    const old = await getApiKey(workspace.id, key.id);
    expect(old?.status).toBe("rotating");
    expect(old?.rotatedTo?.id).toBe(replacement.id);
    expect(old!.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(DAY - 1000);
    expect(old!.expiresAt!.getTime() - before).toBeLessThanOrEqual(DAY + 5000);

    const [event] = await events(workspace.id, "key.rotated");
    expect(event).toMatchObject({ targetId: key.id });
    expect(event!.metadata).toMatchObject({ grace: "24h", replacedBy: { id: replacement.id, key: replacement.masked } });
    expect((await keyHistory(workspace.id, replacement.id)).map((e) => e.action)).toEqual(["key.created"]);
    expect(await everythingStored()).not.toContain(newSecret);
    expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true });
  });

  it("never extends the old key past its own expiry", async () => {
    const { workspace, change, key } = await workspaceWithKey({
      expiration: "custom",
      expiresOn: new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10),
    });
    await rotateApiKey(change, key.id, "7d");
    const old = await getApiKey(workspace.id, key.id);
    expect(old!.expiresAt!.getTime()).toBe(key.expiresAt!.getTime());
  });

  it("with no grace, the old key is expired at once", async () => {
    const { workspace, change, key } = await workspaceWithKey();
    await rotateApiKey(change, key.id, "immediately");
    expect((await getApiKey(workspace.id, key.id))?.status).toBe("expired");
  });

  it("becomes 'expired' when the grace ends", async () => {
    const { workspace, change, key } = await workspaceWithKey();
    await rotateApiKey(change, key.id, "1h");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 60 * 60 * 1000 + 1);
    expect((await getApiKey(workspace.id, key.id))?.status).toBe("expired");
  });

  it.each([
    ["rotating", "This key is already being rotated"],
    ["revoked", "This key is revoked; create a new key instead."],
  ])("refuses to rotate a %s key and changes nothing", async (state, message) => {
    const { workspace, change, key } = await workspaceWithKey();
    if (state === "rotating") await rotateApiKey(change, key.id, "7d");
    else await revokeApiKey(change, key.id, "");
    const keysBefore = await db.apiKey.count({ where: { workspaceId: workspace.id } });
    await expect(rotateApiKey(change, key.id, "1h")).rejects.toThrow(message);
    expect(await db.apiKey.count({ where: { workspaceId: workspace.id } })).toBe(keysBefore);
  });

  it("lets exactly one of two concurrent rotations succeed", async () => {
    const { workspace, change, key } = await workspaceWithKey();
    const results = await Promise.allSettled([rotateApiKey(change, key.id, "1h"), rotateApiKey(change, key.id, "24h")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: expect.any(ConflictError) });
    expect(await db.apiKey.count({ where: { workspaceId: workspace.id, rotatedFromId: key.id } })).toBe(1);
    expect(await events(workspace.id, "key.rotated")).toHaveLength(1);
  });
});

describe("revokeApiKey", () => {
  it("revokes at once, keeps the key listed, and records the reason", async () => {
    const { workspace, change, key, owner } = await workspaceWithKey();
    await revokeApiKey(change, key.id, "Leaked in a screenshot");
    const revoked = await getApiKey(workspace.id, key.id);
    expect(revoked).toMatchObject({ status: "revoked", revokeReason: "Leaked in a screenshot", revokedByLabel: owner.email });
    const [event] = await events(workspace.id, "key.revoked");
    expect(event!.metadata).toMatchObject({ reason: "Leaked in a screenshot", statusBefore: "active" });
    await expect(revokeApiKey(change, key.id, "")).rejects.toThrow("This key is already revoked.");
  });

  it("revokes a rotating key too", async () => {
    const { workspace, change, key } = await workspaceWithKey();
    await rotateApiKey(change, key.id, "7d");
    await revokeApiKey(change, key.id, "");
    expect((await getApiKey(workspace.id, key.id))?.status).toBe("revoked");
  });
});

describe("deleteApiKey", () => {
  it("refuses a key that still works", async () => {
    const { change, key } = await workspaceWithKey();
    await expect(deleteApiKey(change, key.id)).rejects.toThrow("Only revoked or expired keys can be deleted.");
  });

  it("deletes a revoked key and keeps its audit events", async () => {
    const { workspace, change, key } = await workspaceWithKey();
    await revokeApiKey(change, key.id, "");
    await deleteApiKey(change, key.id);
    expect(await getApiKey(workspace.id, key.id)).toBeNull();
    expect((await keyHistory(workspace.id, key.id)).map((e) => e.action)).toEqual(["key.deleted", "key.revoked", "key.created"]);
    expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true });
  });

  it("keeps the replacement when its rotated-away predecessor is deleted", async () => {
    const { workspace, change, key } = await workspaceWithKey();
    const { key: replacement } = await rotateApiKey(change, key.id, "immediately");
    await deleteApiKey(change, key.id);
    expect((await getApiKey(workspace.id, replacement.id))?.rotatedFromId).toBeNull();
  });
});

describe("another workspace's key", () => {
  it("answers every change exactly as a missing key, and nothing changes", async () => {
    const acme = await workspaceWithKey();
    const globex = await createWorkspace();
    const change = changeBy(globex.workspace.id, globex.member("OWNER"));
    const attempts = [
      () => updateApiKey(change, { keyId: acme.key.id, name: "pwned", description: "", scopes: ["profiles:write"] }),
      () => rotateApiKey(change, acme.key.id, "7d"),
      () => revokeApiKey(change, acme.key.id, ""),
      () => deleteApiKey(change, acme.key.id),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((e: Error) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toBe("That key was not found in this workspace.");
    }
    expect(await getApiKey(globex.workspace.id, acme.key.id)).toBeNull();
    expect(await getApiKey(acme.workspace.id, acme.key.id)).toMatchObject({
      name: acme.key.name,
      status: "active",
      scopes: acme.key.scopes,
    });
    expect(await db.auditEvent.count({ where: { workspaceId: globex.workspace.id } })).toBe(0);
  });
});
