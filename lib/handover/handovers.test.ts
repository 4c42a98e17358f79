import { describe, expect, it } from "vitest";
import { revokeApiKey, rotateApiKey } from "@/lib/api-keys/lifecycle";
import { verifyAuditChain } from "@/lib/audit/verify-workspace";
import { db } from "@/lib/db";
import { changeBy } from "@/lib/testing/factories";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { sweepExpiredHandovers } from "./expiry";
import { cancelHandover, createHandover, HANDOVER_NOT_FOUND, KEY_NOT_FOUND, keyHandovers, SECRET_MISMATCH } from "./handovers";
import { openHandover } from "./open";

const origin = { ip: "192.0.2.77", userAgent: "vitest opener" };
const HOUR = 60 * 60 * 1000;

const actionsOf = async (workspaceId: string) =>
  (await db.auditEvent.findMany({ where: { workspaceId }, orderBy: { seq: "asc" } })).map((event) => event.action);

describe("creating a handover link", () => {
  it("stores the token's hash and a sealed secret, never either in the clear, for 24 hours, audited", async () => {
    const ws = await workspaceWithKey();
    const { handover, token } = await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
    const row = await db.keyHandover.findUniqueOrThrow({ where: { id: handover.id } });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(ws.secret);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.sealedSecret).toMatch(/^v1\./);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(24 * HOUR);
    expect(row).toMatchObject({ workspaceId: ws.workspace.id, keyId: ws.key.id, createdByLabel: ws.owner.email, openedAt: null });
    const event = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws.workspace.id, action: "key.handover_created" } });
    expect(event).toMatchObject({ targetType: "api_key", targetId: ws.key.id, actorLabel: ws.owner.email });
    expect(JSON.parse(event.metadata)).toMatchObject({ handover: handover.id, key: ws.key.masked });
    expect(event.metadata).not.toContain(ws.secret);
    expect(event.metadata).not.toContain(token);
  });

  it("refuses a secret that is not this key's, and writes nothing", async () => {
    const ws = await workspaceWithKey();
    const other = await workspaceWithKey();
    await expect(createHandover(ws.change, { keyId: ws.key.id, secret: other.secret })).rejects.toThrow(SECRET_MISMATCH);
    await expect(createHandover(ws.change, { keyId: ws.key.id, secret: `${ws.secret}x` })).rejects.toThrow(SECRET_MISMATCH);
    expect(await db.keyHandover.count({ where: { keyId: ws.key.id } })).toBe(0);
    expect(await actionsOf(ws.workspace.id)).toEqual(["key.created"]);
  });

  it("answers another workspace's key exactly like a missing one, even with its true secret", async () => {
    const victim = await workspaceWithKey();
    const attacker = await workspaceWithKey();
    await expect(createHandover(attacker.change, { keyId: victim.key.id, secret: victim.secret })).rejects.toThrow(KEY_NOT_FOUND);
    await expect(createHandover(attacker.change, { keyId: "c0000000000000000missing", secret: victim.secret })).rejects.toThrow(
      KEY_NOT_FOUND,
    );
    expect(await db.keyHandover.count({ where: { keyId: victim.key.id } })).toBe(0);
    expect(await db.keyHandover.count({ where: { workspaceId: attacker.workspace.id } })).toBe(0);
  });

  it("refuses a revoked key and the old key of a rotation", async () => {
    const revoked = await workspaceWithKey();
    await revokeApiKey(revoked.change, revoked.key.id, "");
    await expect(createHandover(revoked.change, { keyId: revoked.key.id, secret: revoked.secret })).rejects.toThrow(/revoked/);
    const rotated = await workspaceWithKey();
    const next = await rotateApiKey(rotated.change, rotated.key.id, "1h");
    await expect(createHandover(rotated.change, { keyId: rotated.key.id, secret: rotated.secret })).rejects.toThrow(/in grace/);
    // The replacement's secret, as the rotate dialog shows it, can be handed over.
    await expect(createHandover(rotated.change, { keyId: next.key.id, secret: next.secret })).resolves.toBeTruthy();
  });
});

describe("cancelling a handover link", () => {
  it("stops the link, empties its seal and is audited; opening it then reveals nothing", async () => {
    const ws = await workspaceWithKey();
    const { handover, token } = await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
    await cancelHandover(changeBy(ws.workspace.id, ws.member("ADMIN")), handover.id);
    const row = await db.keyHandover.findUniqueOrThrow({ where: { id: handover.id } });
    expect(row.cancelledAt).not.toBeNull();
    expect(row.cancelledByLabel).toBe(ws.member("ADMIN").email);
    expect(row.sealedSecret).toBe("");
    expect(await openHandover(token, origin)).toEqual({ outcome: "cancelled" });
    expect(await actionsOf(ws.workspace.id)).toEqual(["key.created", "key.handover_created", "key.handover_cancelled"]);
  });

  it("revoking the key cancels its pending links in the same transaction; an opened one stays opened", async () => {
    const ws = await workspaceWithKey();
    const opened = await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
    expect((await openHandover(opened.token, origin)).outcome).toBe("opened");
    const pending = await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
    await revokeApiKey(ws.change, ws.key.id, "leaked");
    expect(await openHandover(pending.token, origin)).toEqual({ outcome: "cancelled" });
    const row = await db.keyHandover.findUniqueOrThrow({ where: { id: pending.handover.id } });
    expect(row.sealedSecret).toBe("");
    expect((await db.keyHandover.findUniqueOrThrow({ where: { id: opened.handover.id } })).cancelledAt).toBeNull();
    expect(await actionsOf(ws.workspace.id)).toEqual([
      "key.created",
      "key.handover_created",
      "key.handover_opened",
      "key.handover_created",
      "key.revoked",
      "key.handover_cancelled",
    ]);
    expect((await verifyAuditChain(ws.workspace.id)).ok).toBe(true);
  });

  it("refuses an opened, a cancelled and an expired link with the reason, and writes nothing", async () => {
    const ws = await workspaceWithKey();
    const opened = await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
    await openHandover(opened.token, origin);
    await expect(cancelHandover(ws.change, opened.handover.id)).rejects.toThrow("This link was opened already");
    const cancelled = await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
    await cancelHandover(ws.change, cancelled.handover.id);
    await expect(cancelHandover(ws.change, cancelled.handover.id)).rejects.toThrow("This link was cancelled already.");
    const expired = await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
    await expect(cancelHandover(ws.change, expired.handover.id, new Date(Date.now() + 25 * HOUR))).rejects.toThrow(/expired already/);
    expect((await actionsOf(ws.workspace.id)).filter((action) => action === "key.handover_cancelled")).toHaveLength(1);
  });

  it("answers another workspace's link exactly like a missing one, and leaves it working", async () => {
    const victim = await workspaceWithKey();
    const attacker = await workspaceWithKey();
    const { handover, token } = await createHandover(victim.change, { keyId: victim.key.id, secret: victim.secret });
    await expect(cancelHandover(attacker.change, handover.id)).rejects.toThrow(HANDOVER_NOT_FOUND);
    await expect(cancelHandover(attacker.change, "c0000000000000000missing")).rejects.toThrow(HANDOVER_NOT_FOUND);
    expect(await openHandover(token, origin)).toMatchObject({ outcome: "opened", secret: victim.secret });
  });
});

describe("the key page's list", () => {
  it("says for each link who made it and whether it was opened, from where", async () => {
    const ws = await workspaceWithKey();
    const opened = await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
    await openHandover(opened.token, origin);
    const pending = await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
    const list = await keyHandovers(ws.workspace.id, ws.key.id);
    expect(list.map((h) => [h.id, h.state])).toEqual(
      expect.arrayContaining([
        [opened.handover.id, "opened"],
        [pending.handover.id, "pending"],
      ]),
    );
    expect(list.find((h) => h.id === opened.handover.id)).toMatchObject({ openedIp: "192.0.2.77", createdByLabel: ws.owner.email });
    expect(await keyHandovers(ws.workspace.id, "c0000000000000000missing")).toEqual([]);
    const other = await workspaceWithKey();
    expect(await keyHandovers(other.workspace.id, ws.key.id)).toEqual([]);
    expect(JSON.stringify(list)).not.toContain("sealed");
  });
});

describe("expiry", () => {
  it("the sweep records each expired, unopened link once, empties its seal, and the chain holds", async () => {
    const ws = await workspaceWithKey();
    const expiring = await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
    const opened = await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
    await openHandover(opened.token, origin);
    const later = new Date(Date.now() + 25 * HOUR);
    // Other tests' links in this file's database expire too; each is recorded once, so the second sweep finds none.
    expect(await sweepExpiredHandovers(later)).toBeGreaterThanOrEqual(1);
    expect(await sweepExpiredHandovers(later)).toBe(0);
    const row = await db.keyHandover.findUniqueOrThrow({ where: { id: expiring.handover.id } });
    expect(row.expiryRecordedAt).not.toBeNull();
    expect(row.sealedSecret).toBe("");
    const expiredEvents = await db.auditEvent.findMany({ where: { workspaceId: ws.workspace.id, action: "key.handover_expired" } });
    expect(expiredEvents).toHaveLength(1);
    expect(expiredEvents[0]).toMatchObject({ actorType: "system", targetId: ws.key.id });
    expect(JSON.parse(expiredEvents[0]!.metadata)).toMatchObject({ handover: expiring.handover.id });
    expect((await verifyAuditChain(ws.workspace.id)).ok).toBe(true);
  });

  it("a deleted key takes its links with it", async () => {
    const ws = await workspaceWithKey();
    await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
    await db.apiKey.delete({ where: { id: ws.key.id } });
    expect(await db.keyHandover.count({ where: { keyId: ws.key.id } })).toBe(0);
  });
});
