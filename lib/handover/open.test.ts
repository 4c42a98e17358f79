import { describe, expect, it } from "vitest";
import { hashOneTimeToken, newOneTimeToken } from "@/lib/auth/one-time-token";
import { db } from "@/lib/db";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { openHandoverSeal } from "./crypto";
import { createHandover } from "./handovers";
import { openHandover } from "./open";

const origin = { ip: "192.0.2.88", userAgent: "vitest opener" };
const HOUR = 60 * 60 * 1000;

async function handedOver() {
  const ws = await workspaceWithKey();
  const { handover, token } = await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
  return { ws, handover, token };
}

describe("opening a handover link", () => {
  it("shows the secret, key and workspace to the first opener only; the second gets 'used'", async () => {
    const { ws, handover, token } = await handedOver();
    expect(await openHandover(token, origin)).toEqual({
      outcome: "opened",
      secret: ws.secret,
      keyName: ws.key.name,
      keyMasked: ws.key.masked,
      workspaceName: ws.workspace.name,
    });
    expect(await openHandover(token, origin)).toEqual({ outcome: "used" });
    const row = await db.keyHandover.findUniqueOrThrow({ where: { id: handover.id } });
    expect(row).toMatchObject({ openedIp: "192.0.2.88", openedUserAgent: "vitest opener", sealedSecret: "" });
    expect(row.openedAt).not.toBeNull();
  });

  it("records the opening as an audit event by nobody signed in, with the opener's address, never the secret", async () => {
    const { ws, handover, token } = await handedOver();
    await openHandover(token, origin);
    await openHandover(token, origin);
    const events = await db.auditEvent.findMany({ where: { workspaceId: ws.workspace.id, action: "key.handover_opened" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorType: "system",
      actorId: null,
      ip: "192.0.2.88",
      userAgent: "vitest opener",
      targetId: ws.key.id,
    });
    expect(JSON.parse(events[0]!.metadata)).toEqual({ handover: handover.id });
    const everything = JSON.stringify(await db.auditEvent.findMany({ where: { workspaceId: ws.workspace.id } }));
    expect(everything).not.toContain(ws.secret);
    expect(everything).not.toContain(token);
  });

  it("of two opens at the same moment exactly one sees the secret", async () => {
    const { ws, token } = await handedOver();
    const results = await Promise.all(Array.from({ length: 6 }, () => openHandover(token, origin)));
    expect(results.filter((r) => r.outcome === "opened")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "used")).toHaveLength(5);
    expect(JSON.stringify(results.filter((r) => r.outcome !== "opened"))).not.toContain(ws.secret);
    expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id, action: "key.handover_opened" } })).toBe(1);
  });

  it("answers a tampered, unknown or malformed token 'not valid', and reveals or changes nothing", async () => {
    const { handover, token } = await handedOver();
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const attempt of [tampered, newOneTimeToken().token, "", "short", `${token}x`, hashOneTimeToken(token)]) {
      expect(await openHandover(attempt, origin), attempt).toEqual({ outcome: "invalid" });
    }
    const row = await db.keyHandover.findUniqueOrThrow({ where: { id: handover.id } });
    expect(row.openedAt).toBeNull();
    expect(row.sealedSecret).not.toBe("");
  });

  it("answers an expired link 'expired', records the expiry once, and the seal is gone", async () => {
    const { ws, handover, token } = await handedOver();
    const later = new Date(Date.now() + 25 * HOUR);
    expect(await openHandover(token, origin, later)).toEqual({ outcome: "expired" });
    expect(await openHandover(token, origin, later)).toEqual({ outcome: "expired" });
    expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id, action: "key.handover_expired" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id, action: "key.handover_opened" } })).toBe(0);
    expect((await db.keyHandover.findUniqueOrThrow({ where: { id: handover.id } })).sealedSecret).toBe("");
  });

  it("answers a row whose seal was altered 'not valid' and leaves the link unopened", async () => {
    const { handover, token } = await handedOver();
    const row = await db.keyHandover.findUniqueOrThrow({ where: { id: handover.id } });
    const other = await handedOver();
    const moved = await db.keyHandover.findUniqueOrThrow({ where: { id: other.handover.id } });
    await db.keyHandover.update({ where: { id: handover.id }, data: { sealedSecret: moved.sealedSecret } });
    expect(await openHandover(token, origin)).toEqual({ outcome: "invalid" });
    expect((await db.keyHandover.findUniqueOrThrow({ where: { id: handover.id } })).openedAt).toBeNull();
    await db.keyHandover.update({ where: { id: handover.id }, data: { sealedSecret: row.sealedSecret } });
  });
});

describe("the secret at rest", () => {
  it("the stored row alone cannot yield the secret: it decrypts with the token and fails without it", async () => {
    const { ws, handover, token } = await handedOver();
    // Everything a copy of the database holds about the link, and the key's own row.
    const row = await db.keyHandover.findUniqueOrThrow({ where: { id: handover.id } });
    const keyRow = await db.apiKey.findUniqueOrThrow({ where: { id: ws.key.id } });
    const binding = { handoverId: row.id, keyId: row.keyId };
    expect(openHandoverSeal(row.sealedSecret, token, binding)).toBe(ws.secret);
    for (const guess of [row.tokenHash, row.id, row.keyId, keyRow.hash, row.createdById, "", newOneTimeToken().token]) {
      expect(openHandoverSeal(row.sealedSecret, guess, binding), guess).toBeNull();
    }
    // Nothing stored is the token itself: the hash is one-way.
    expect(JSON.stringify({ row, keyRow })).not.toContain(token);
    expect(JSON.stringify({ row, keyRow })).not.toContain(ws.secret);
  });

  it("after opening, not even the token decrypts what is left", async () => {
    const { handover, token } = await handedOver();
    await openHandover(token, origin);
    const row = await db.keyHandover.findUniqueOrThrow({ where: { id: handover.id } });
    expect(openHandoverSeal(row.sealedSecret, token, { handoverId: row.id, keyId: row.keyId })).toBeNull();
  });
});
