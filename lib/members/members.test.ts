import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-workspace";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { addMember, changeBy, createWorkspace } from "@/lib/testing/factories";
import { changeMemberRole, listMembers, removeMember } from "./members";

describe("changeMemberRole", () => {
  it("changes the role and records before and after in the audit chain, in one transaction", async () => {
    const { workspace, member } = await createWorkspace();
    const owner = member("OWNER");
    const admin = member("ADMIN");
    await changeMemberRole(changeBy(workspace.id, owner), admin.membershipId, "SUPPORT");

    expect((await db.membership.findUniqueOrThrow({ where: { id: admin.membershipId } })).role).toBe("SUPPORT");
    const [event] = await db.auditEvent.findMany({ where: { workspaceId: workspace.id, action: "member.role_changed" } });
    expect(event).toMatchObject({
      actorType: "user",
      actorId: owner.userId,
      actorLabel: owner.email,
      targetId: admin.membershipId,
      targetLabel: admin.email,
      ip: "192.0.2.10",
    });
    expect(JSON.parse(event!.metadata)).toEqual({ before: { role: "ADMIN" }, after: { role: "SUPPORT" } });
    expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true });
  });

  it("writes nothing when the role does not change", async () => {
    const { workspace, member } = await createWorkspace();
    await changeMemberRole(changeBy(workspace.id, member("OWNER")), member("ADMIN").membershipId, "ADMIN");
    expect(await db.auditEvent.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("refuses to demote the last Owner, and changes nothing", async () => {
    const { workspace, member } = await createWorkspace();
    const owner = member("OWNER");
    await expect(changeMemberRole(changeBy(workspace.id, owner), owner.membershipId, "ADMIN")).rejects.toThrow(ConflictError);
    expect((await db.membership.findUniqueOrThrow({ where: { id: owner.membershipId } })).role).toBe("OWNER");
    expect(await db.auditEvent.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("lets an Owner step down when another Owner remains", async () => {
    const { workspace, member } = await createWorkspace(["OWNER", "ADMIN"]);
    const second = await addMember(workspace.id, "OWNER");
    await changeMemberRole(changeBy(workspace.id, second), second.membershipId, "ADMIN");
    expect((await db.membership.findUniqueOrThrow({ where: { id: second.membershipId } })).role).toBe("ADMIN");
    expect(member("OWNER").role).toBe("OWNER");
  });

  it("never leaves a workspace without an Owner when two Owners demote each other at once", async () => {
    const { workspace, member } = await createWorkspace(["OWNER"]);
    const first = member("OWNER");
    const second = await addMember(workspace.id, "OWNER");
    const results = await Promise.allSettled([
      changeMemberRole(changeBy(workspace.id, first), second.membershipId, "ADMIN"),
      changeMemberRole(changeBy(workspace.id, second), first.membershipId, "ADMIN"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: expect.any(ConflictError) });
    expect(await db.membership.count({ where: { workspaceId: workspace.id, role: "OWNER" } })).toBe(1);
  });

  it("answers another workspace's member exactly as a missing one, and changes nothing", async () => {
    const acme = await createWorkspace();
    const globex = await createWorkspace();
    const foreign = globex.member("ADMIN");
    const change = changeBy(acme.workspace.id, acme.member("OWNER"));

    const forged = await changeMemberRole(change, foreign.membershipId, "OWNER").catch((e: Error) => e);
    const missing = await changeMemberRole(change, "does-not-exist", "OWNER").catch((e: Error) => e);
    expect(forged).toBeInstanceOf(NotFoundError);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((forged as Error).message).toBe((missing as Error).message);
    expect((await db.membership.findUniqueOrThrow({ where: { id: foreign.membershipId } })).role).toBe("ADMIN");
    expect(await db.auditEvent.count({ where: { workspaceId: { in: [acme.workspace.id, globex.workspace.id] } } })).toBe(0);
  });
});

describe("removeMember", () => {
  it("removes the membership and records who was removed", async () => {
    const { workspace, member } = await createWorkspace();
    const support = member("SUPPORT");
    await removeMember(changeBy(workspace.id, member("OWNER")), support.membershipId);
    expect(await db.membership.findUnique({ where: { id: support.membershipId } })).toBeNull();
    const [event] = await db.auditEvent.findMany({ where: { workspaceId: workspace.id, action: "member.removed" } });
    expect(JSON.parse(event!.metadata)).toEqual({ before: { role: "SUPPORT", email: support.email } });
  });

  it("refuses to remove the last Owner", async () => {
    const { workspace, member } = await createWorkspace();
    const owner = member("OWNER");
    await expect(removeMember(changeBy(workspace.id, owner), owner.membershipId)).rejects.toThrow(
      "A workspace needs at least one Owner. Make another member Owner first.",
    );
    expect(await db.membership.findUnique({ where: { id: owner.membershipId } })).not.toBeNull();
  });

  it("cannot remove a member of another workspace", async () => {
    const acme = await createWorkspace();
    const globex = await createWorkspace();
    await expect(removeMember(changeBy(acme.workspace.id, acme.member("OWNER")), globex.member("SUPPORT").membershipId)).rejects.toThrow(
      NotFoundError,
    );
    expect(await db.membership.count({ where: { workspaceId: globex.workspace.id } })).toBe(3);
  });
});

describe("listMembers", () => {
  it("lists only the workspace's own members", async () => {
    const acme = await createWorkspace();
    await createWorkspace();
    const listed = await listMembers(acme.workspace.id);
    expect(listed.map((m) => m.id).sort()).toEqual(acme.members.map((m) => m.membershipId).sort());
  });
});
