import { afterEach, describe, expect, it, vi } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-workspace";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { changeBy, createWorkspace } from "@/lib/testing/factories";
import { keyInput, workspaceWithKey } from "@/lib/testing/key-fixtures";
import { hashKey, isWellFormedKey } from "./key-format";
import { storedHash } from "./key-hash";
import { keyTimeline } from "./key-timeline";
import { CONCURRENT_CHANGE } from "./key-transaction";
import { createApiKey, deleteApiKey, narrowApiKeyScopes, revokeApiKey, rotateApiKey, updateApiKey } from "./lifecycle";
import { getApiKey, revokedAlongWith } from "./queries";
import { verifyAuthorization } from "./verify";

const DAY = 24 * 60 * 60 * 1000;

/** The key's audit events as its timeline tells them, newest first. */
async function keyActions(workspaceId: string, keyId: string) {
  return (await keyTimeline(workspaceId, keyId, { withUsage: false })).map((entry) => entry.auditAction);
}

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
    expect(row).toMatchObject(storedHash(secret));
    expect(row.hash).not.toBe(hashKey(secret));
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
    expect(await keyActions(workspace.id, replacement.id)).toEqual(["key.created"]);
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

  it("with no grace, the old key is rotated at once", async () => {
    const { workspace, change, key } = await workspaceWithKey();
    await rotateApiKey(change, key.id, "immediately");
    expect((await getApiKey(workspace.id, key.id))?.status).toBe("rotated");
  });

  it("becomes 'rotated' when the grace ends", async () => {
    const { workspace, change, key } = await workspaceWithKey();
    await rotateApiKey(change, key.id, "1h");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 60 * 60 * 1000 + 1);
    expect((await getApiKey(workspace.id, key.id))?.status).toBe("rotated");
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
    await expect(deleteApiKey(change, key.id)).rejects.toThrow("Only revoked, expired or rotated keys can be deleted.");
  });

  it("deletes a revoked key and keeps its audit events", async () => {
    const { workspace, change, key } = await workspaceWithKey();
    await revokeApiKey(change, key.id, "");
    await deleteApiKey(change, key.id);
    expect(await getApiKey(workspace.id, key.id)).toBeNull();
    expect(await keyActions(workspace.id, key.id)).toEqual(["key.deleted", "key.revoked", "key.created"]);
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

describe("a rotation chain", () => {
  const bearer = (secret: string) => `Bearer ${secret}`;

  it("revoking the replacement revokes the old key still in its grace period, one event each", async () => {
    const { workspace, change, key, secret } = await workspaceWithKey();
    const { key: replacement, secret: newSecret } = await rotateApiKey(change, key.id, "7d");
    expect(await verifyAuthorization(bearer(secret))).toMatchObject({ ok: true });
    expect((await revokedAlongWith(replacement)).map((k) => k.id)).toEqual([key.id]);

    const { revoked } = await revokeApiKey(change, replacement.id, "Leaked");
    expect(revoked.map((k) => k.id)).toEqual([replacement.id, key.id]);
    expect(await verifyAuthorization(bearer(newSecret))).toMatchObject({ ok: false, reason: "revoked" });
    expect(await verifyAuthorization(bearer(secret))).toMatchObject({ ok: false, reason: "revoked" });
    const revokedEvents = await events(workspace.id, "key.revoked");
    expect(revokedEvents.map((e) => e.targetId)).toEqual([replacement.id, key.id]);
    expect(revokedEvents[1]!.metadata).toMatchObject({
      reason: "Leaked",
      statusBefore: "rotating",
      withReplacement: { id: replacement.id, key: replacement.masked },
    });
    expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true });
  });

  it("revokes every working key of a longer chain, skipping one already expired", async () => {
    const { workspace, change, key: first, secret: firstSecret } = await workspaceWithKey();
    const { key: second } = await rotateApiKey(change, first.id, "7d");
    const { key: third } = await rotateApiKey(change, second.id, "immediately");
    const { key: fourth } = await rotateApiKey(change, third.id, "24h");
    // second expired at once, but first still works: the chain is followed past the expired link.
    expect((await revokedAlongWith(fourth)).map((k) => k.id)).toEqual([third.id, first.id]);
    await revokeApiKey(change, fourth.id, "");
    expect((await getApiKey(workspace.id, first.id))?.status).toBe("revoked");
    expect((await getApiKey(workspace.id, second.id))?.status).toBe("rotated");
    expect((await getApiKey(workspace.id, third.id))?.status).toBe("revoked");
    expect(await verifyAuthorization(bearer(firstSecret))).toMatchObject({ ok: false, reason: "revoked" });
  });

  it("revoking the old key leaves its replacement working", async () => {
    const { workspace, change, key } = await workspaceWithKey();
    const { key: replacement } = await rotateApiKey(change, key.id, "7d");
    await revokeApiKey(change, key.id, "");
    expect((await getApiKey(workspace.id, replacement.id))?.status).toBe("active");
  });

  it("refuses to edit a key in its grace period, so its scopes cannot be widened, and changes nothing", async () => {
    const { workspace, change, key } = await workspaceWithKey({ scopes: ["profiles:read"] });
    await rotateApiKey(change, key.id, "7d");
    const attempt = updateApiKey(change, { keyId: key.id, name: key.name, description: "", scopes: ["profiles:write", "lists:write"] });
    await expect(attempt).rejects.toThrow(ConflictError);
    await expect(attempt).rejects.toThrow("cannot be edited");
    expect((await getApiKey(workspace.id, key.id))?.scopes).toEqual(["profiles:read"]);
    expect(await events(workspace.id, "key.scopes_changed")).toHaveLength(0);
  });

  it("narrowing the replacement narrows the old key too; widening the replacement does not widen it", async () => {
    const { workspace, change, key } = await workspaceWithKey({ scopes: ["profiles:write", "lists:write", "tags:read"] });
    const { key: replacement } = await rotateApiKey(change, key.id, "7d");

    await narrowApiKeyScopes(change, replacement.id, { profiles: "read", lists: "none" }, "unused in the last 30 days");
    expect((await getApiKey(workspace.id, replacement.id))?.scopes).toEqual(["profiles:read", "tags:read"]);
    expect((await getApiKey(workspace.id, key.id))?.scopes).toEqual(["profiles:read", "tags:read"]);
    const narrowedOld = (await events(workspace.id, "key.scopes_changed")).find((e) => e.targetId === key.id);
    expect(narrowedOld!.metadata).toMatchObject({ removed: ["lists:write", "profiles:write"], reason: "unused in the last 30 days" });

    await updateApiKey(change, { keyId: replacement.id, name: replacement.name, description: "", scopes: ["tags:read", "webhooks:write"] });
    expect((await getApiKey(workspace.id, replacement.id))?.scopes).toEqual(["webhooks:write", "tags:read"]);
    expect((await getApiKey(workspace.id, key.id))?.scopes).toEqual(["tags:read"]);
    expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true });
  });

  it("narrowing reaches an old key that is wider than its already-narrow replacement", async () => {
    const { workspace, change, key } = await workspaceWithKey({ scopes: ["profiles:write"] });
    const { key: replacement } = await rotateApiKey(change, key.id, "7d");
    await updateApiKey(change, { keyId: replacement.id, name: replacement.name, description: "", scopes: ["profiles:read"] });
    expect((await getApiKey(workspace.id, key.id))?.scopes).toEqual(["profiles:read"]);
  });
});

describe("concurrent changes to one key", () => {
  it("six rotations and six revocations: each a success or a clear conflict, one rotation wins, the chain verifies", async () => {
    const { workspace, change, key } = await workspaceWithKey();
    const attempts = [
      ...Array.from({ length: 6 }, () => () => rotateApiKey(change, key.id, "1h")),
      ...Array.from({ length: 6 }, () => () => revokeApiKey(change, key.id, "race")),
    ];
    const results = await Promise.allSettled(attempts.map((attempt) => attempt()));
    for (const result of results) {
      if (result.status === "rejected") {
        expect(result.reason).toBeInstanceOf(ConflictError);
        expect([
          CONCURRENT_CHANGE,
          "This key is already revoked.",
          "This key is already being rotated. Revoke it to stop it now.",
          "This key is revoked; create a new key instead.",
        ]).toContain((result.reason as Error).message);
      }
    }
    const rotations = results.slice(0, 6).filter((r) => r.status === "fulfilled");
    const revocations = results.slice(6).filter((r) => r.status === "fulfilled");
    expect(rotations.length).toBeLessThanOrEqual(1);
    expect(revocations).toHaveLength(1);
    const replacements = await db.apiKey.findMany({ where: { workspaceId: workspace.id, rotatedFromId: key.id } });
    expect(replacements).toHaveLength(rotations.length);
    expect((await getApiKey(workspace.id, key.id))?.status).toBe("revoked");
    expect(await events(workspace.id, "key.rotated")).toHaveLength(rotations.length);
    expect((await events(workspace.id, "key.revoked")).filter((e) => e.targetId === key.id)).toHaveLength(1);
    expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true });
  });
});
