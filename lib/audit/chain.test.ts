import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createWorkspace, userActor } from "@/lib/testing/factories";
import { appendAuditEvent } from "./append";
import { verifyAuditChain } from "./verify";

async function workspaceWithEvents(count: number) {
  const { workspace, member } = await createWorkspace(["OWNER"]);
  for (let i = 0; i < count; i++) {
    await db.$transaction((tx) =>
      appendAuditEvent(tx, {
        workspaceId: workspace.id,
        actor: userActor(member("OWNER")),
        action: "member.role_changed",
        target: { type: "member", id: `m${i}`, label: `member ${i}` },
        metadata: { before: { role: "ADMIN" }, after: { role: "SUPPORT" }, i },
        origin: { ip: "192.0.2.1", userAgent: "vitest" },
      }),
    );
  }
  return workspace.id;
}

describe("audit hash chain", () => {
  it("numbers events per workspace and links each to the previous hash", async () => {
    const workspaceId = await workspaceWithEvents(3);
    const events = await db.auditEvent.findMany({ where: { workspaceId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0]!.prevHash).toBe("");
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.prevHash).toBe(events[1]!.hash);
    expect(await verifyAuditChain(workspaceId)).toEqual({ ok: true, events: 3 });
  });

  it("keeps separate chains for separate workspaces", async () => {
    const a = await workspaceWithEvents(2);
    const b = await workspaceWithEvents(1);
    expect(await verifyAuditChain(a)).toEqual({ ok: true, events: 2 });
    expect(await verifyAuditChain(b)).toEqual({ ok: true, events: 1 });
  });

  it("detects an edited event", async () => {
    const workspaceId = await workspaceWithEvents(3);
    await db.auditEvent.updateMany({ where: { workspaceId, seq: 2 }, data: { metadata: '{"after":{"role":"OWNER"}}' } });
    expect(await verifyAuditChain(workspaceId)).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });

  it("detects an edited actor", async () => {
    const workspaceId = await workspaceWithEvents(2);
    await db.auditEvent.updateMany({ where: { workspaceId, seq: 1 }, data: { actorLabel: "someone-else@example.test" } });
    expect(await verifyAuditChain(workspaceId)).toMatchObject({ ok: false, brokenAtSeq: 1 });
  });

  it("detects a deleted event in the middle and at the end", async () => {
    const middle = await workspaceWithEvents(3);
    await db.auditEvent.deleteMany({ where: { workspaceId: middle, seq: 2 } });
    expect(await verifyAuditChain(middle)).toMatchObject({ ok: false, brokenAtSeq: 2 });

    const end = await workspaceWithEvents(3);
    await db.auditEvent.deleteMany({ where: { workspaceId: end, seq: 3 } });
    expect(await verifyAuditChain(end)).toMatchObject({ ok: false, brokenAtSeq: 3 });
  });

  it("detects reordered events", async () => {
    const workspaceId = await workspaceWithEvents(3);
    const [first, second] = await db.auditEvent.findMany({ where: { workspaceId }, orderBy: { seq: "asc" }, take: 2 });
    await db.$transaction([
      db.auditEvent.update({ where: { id: first!.id }, data: { seq: 100 } }),
      db.auditEvent.update({ where: { id: second!.id }, data: { seq: 1 } }),
      db.auditEvent.update({ where: { id: first!.id }, data: { seq: 2 } }),
    ]);
    expect(await verifyAuditChain(workspaceId)).toMatchObject({ ok: false, brokenAtSeq: 1 });
  });

  it("serializes concurrent appends into one unbroken chain", async () => {
    const { workspace, member } = await createWorkspace(["OWNER"]);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.$transaction((tx) =>
          appendAuditEvent(tx, {
            workspaceId: workspace.id,
            actor: userActor(member("OWNER")),
            action: "member.removed",
            target: { type: "member", id: `m${i}`, label: null },
          }),
        ),
      ),
    );
    expect(await verifyAuditChain(workspace.id)).toEqual({ ok: true, events: 8 });
  });

  it("rolls the event back with the change when the transaction fails", async () => {
    const { workspace, member } = await createWorkspace(["OWNER"]);
    await expect(
      db.$transaction(async (tx) => {
        await appendAuditEvent(tx, {
          workspaceId: workspace.id,
          actor: userActor(member("OWNER")),
          action: "member.removed",
          target: { type: "member", id: "x", label: null },
        });
        throw new Error("the change itself failed");
      }),
    ).rejects.toThrow("the change itself failed");
    expect(await db.auditEvent.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await verifyAuditChain(workspace.id)).toEqual({ ok: true, events: 0 });
  });
});
