import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-workspace";
import { checkCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { changeBy, createUser, createWorkspace } from "@/lib/testing/factories";
import {
  acceptInvitationAsNewUser,
  acceptInvitationAsUser,
  createInvitation,
  INVITATION_NOT_FOUND,
  LINK_UNUSABLE,
  listPendingInvitations,
  readInvitationLink,
  revokeInvitation,
} from "./invitations";

const origin = { ip: "192.0.2.60", userAgent: "vitest" };
const newEmail = () => `invitee-${Math.random().toString(36).slice(2, 10)}@example.test`;

async function invited(role: "OWNER" | "ADMIN" | "SUPPORT" = "SUPPORT") {
  const ws = await createWorkspace();
  const email = newEmail();
  const { invitation, token } = await createInvitation(changeBy(ws.workspace.id, ws.member("OWNER")), "OWNER", { email, role });
  return { ws, email, invitation, token };
}

describe("inviting", () => {
  it("stores only the token's hash and lists the invitation as pending, audited", async () => {
    const { ws, invitation, token } = await invited();
    const row = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeCloseTo(7 * 24 * 3600 * 1000, -4);
    expect((await listPendingInvitations(ws.workspace.id)).map((i) => i.id)).toEqual([invitation.id]);
    expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id, action: "invitation.created" } })).toBe(1);
  });

  it("refuses an Admin inviting an Owner, an existing member and a second pending invitation", async () => {
    const ws = await createWorkspace();
    const byAdmin = changeBy(ws.workspace.id, ws.member("ADMIN"));
    await expect(createInvitation(byAdmin, "ADMIN", { email: newEmail(), role: "OWNER" })).rejects.toThrow(
      "As Admin you cannot invite an Owner. Ask an Owner.",
    );
    const member = ws.member("SUPPORT");
    await expect(createInvitation(byAdmin, "ADMIN", { email: member.email, role: "SUPPORT" })).rejects.toThrow(
      `${member.email} is already a member of this workspace.`,
    );
    const email = newEmail();
    await createInvitation(byAdmin, "ADMIN", { email, role: "ADMIN" });
    await expect(createInvitation(byAdmin, "ADMIN", { email, role: "SUPPORT" })).rejects.toThrow(/has a pending invitation already/);
    expect(await db.invitation.count({ where: { workspaceId: ws.workspace.id } })).toBe(1);
  });
});

describe("accepting", () => {
  it("a new person gets an account for the invited email and joins with that role, once", async () => {
    const { ws, email, token } = await invited("ADMIN");
    expect(await readInvitationLink(token)).toMatchObject({ usable: true, email, role: "ADMIN", accountExists: false });
    await acceptInvitationAsNewUser(token, { name: "New Person", password: "a long new password" }, origin);
    const membership = await db.membership.findFirstOrThrow({ where: { workspaceId: ws.workspace.id, user: { email } } });
    expect(membership.role).toBe("ADMIN");
    expect((await checkCredentials(email, "a long new password", "192.0.2.61")).ok).toBe(true);
    expect(await verifyAuditChain(ws.workspace.id)).toMatchObject({ ok: true });
    expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id, action: "invitation.accepted" } })).toBe(1);

    expect(await readInvitationLink(token)).toEqual({ usable: false, reason: "used" });
    await expect(acceptInvitationAsNewUser(token, { name: "Again", password: "a long new password" }, origin)).rejects.toThrow(
      LINK_UNUSABLE,
    );
    expect(await listPendingInvitations(ws.workspace.id)).toEqual([]);
  });

  it("someone with an account accepts only as the invited email", async () => {
    const ws = await createWorkspace();
    const existing = await createUser("Existing");
    const stranger = await createUser("Stranger");
    const { token } = await createInvitation(changeBy(ws.workspace.id, ws.member("OWNER")), "OWNER", {
      email: existing.email,
      role: "SUPPORT",
    });
    expect(await readInvitationLink(token)).toMatchObject({ usable: true, accountExists: true });
    await expect(acceptInvitationAsUser(token, stranger, origin)).rejects.toThrow(`This invitation is for ${existing.email}.`);
    await expect(acceptInvitationAsNewUser(token, { name: "Hijack", password: "a long new password" }, origin)).rejects.toThrow(
      /exists already. Sign in to accept/,
    );
    expect(await readInvitationLink(token)).toMatchObject({ usable: true }); // the refusals changed nothing
    await acceptInvitationAsUser(token, existing, origin);
    expect(await db.membership.count({ where: { workspaceId: ws.workspace.id, userId: existing.id, role: "SUPPORT" } })).toBe(1);
  });

  it("two acceptances at once: one joins, the other is refused", async () => {
    const { ws, token } = await invited();
    const results = await Promise.allSettled([
      acceptInvitationAsNewUser(token, { name: "One", password: "a long new password" }, origin),
      acceptInvitationAsNewUser(token, { name: "Two", password: "a long new password" }, origin),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.membership.count({ where: { workspaceId: ws.workspace.id } })).toBe(4);
  });

  it.each([
    ["expired", async (id: string) => db.invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } })],
    ["revoked", async (id: string) => db.invitation.update({ where: { id }, data: { revokedAt: new Date() } })],
  ])("an %s link is refused and changes nothing", async (reason, spoil) => {
    const { ws, invitation, token } = await invited();
    await spoil(invitation.id);
    expect(await readInvitationLink(token)).toEqual({ usable: false, reason });
    await expect(acceptInvitationAsNewUser(token, { name: "Late", password: "a long new password" }, origin)).rejects.toThrow(
      LINK_UNUSABLE,
    );
    expect(await db.membership.count({ where: { workspaceId: ws.workspace.id } })).toBe(3);
  });

  it("a tampered or malformed token is unknown", async () => {
    const { token } = await invited();
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const bad of [tampered, "short", `${token}x`, "../../etc/passwd", ""]) {
      expect(await readInvitationLink(bad)).toEqual({ usable: false, reason: "unknown" });
      await expect(acceptInvitationAsNewUser(bad, { name: "X", password: "a long new password" }, origin)).rejects.toThrow(LINK_UNUSABLE);
    }
  });
});

describe("revoking", () => {
  it("ends a pending invitation, audited; another workspace's answers as not found", async () => {
    const { ws, invitation, token } = await invited();
    const other = await createWorkspace();
    await expect(revokeInvitation(changeBy(other.workspace.id, other.member("OWNER")), invitation.id)).rejects.toThrow(
      INVITATION_NOT_FOUND,
    );
    await expect(revokeInvitation(changeBy(ws.workspace.id, ws.member("OWNER")), "missing-id")).rejects.toThrow(INVITATION_NOT_FOUND);
    expect(await readInvitationLink(token)).toMatchObject({ usable: true });
    await revokeInvitation(changeBy(ws.workspace.id, ws.member("ADMIN")), invitation.id);
    expect(await readInvitationLink(token)).toEqual({ usable: false, reason: "revoked" });
    expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id, action: "invitation.revoked" } })).toBe(1);
    await expect(revokeInvitation(changeBy(ws.workspace.id, ws.member("OWNER")), invitation.id)).rejects.toThrow(INVITATION_NOT_FOUND);
  });
});
