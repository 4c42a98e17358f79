import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createResetLinkAction } from "@/lib/actions/create-reset-link";
import { requestPasswordResetAction } from "@/lib/actions/request-password-reset";
import { db } from "@/lib/db";
import { actAs } from "@/lib/testing/acting-session";
import { addMember, changeBy, createWorkspace, type TestMember } from "@/lib/testing/factories";
import { type SmtpSink, startSmtpSink } from "@/lib/testing/smtp-sink";
import { hashPassword, verifyPassword } from "./password";
import {
  createResetLinkForMember,
  MEMBER_NOT_FOUND,
  mailResetLink,
  OTHER_WORKSPACES_REFUSED,
  OWNER_RESET_REFUSED,
  resetLinkIsUsable,
  resetPassword,
} from "./password-reset";
import { RESET_SENT_MESSAGE } from "./reset-messages";
import { createSession } from "./sessions";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "localhost:3000", "x-forwarded-for": "192.0.2.77" }) }));

const ORIGIN = { ip: "192.0.2.10", userAgent: "vitest" };
const NEW_PASSWORD = "a brand new passphrase";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  process.env.AUTH_URL = "http://keys.example.test";
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.AUTH_URL;
  await sink.close();
});

async function workspaceWithLink() {
  const ws = await createWorkspace();
  const member = ws.member("SUPPORT");
  await db.user.update({ where: { id: member.userId }, data: { passwordHash: await hashPassword("the old password!") } });
  const sessionId = await createSession(member.userId);
  const { token } = await createResetLinkForMember(changeBy(ws.workspace.id, ws.member("ADMIN")), "ADMIN", member.membershipId);
  return { ws, member, sessionId, token };
}

async function passwordOf(userId: string) {
  return (await db.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash;
}

describe("a reset link made by an Owner or Admin", () => {
  it("sets the password once, ends every session of the member, and is audited in that workspace", async () => {
    const { ws, member, token } = await workspaceWithLink();
    expect(await resetLinkIsUsable(token)).toBe(true);
    expect(await resetPassword(token, NEW_PASSWORD, ORIGIN)).toBe(true);

    expect(await verifyPassword(await passwordOf(member.userId), NEW_PASSWORD)).toBe(true);
    expect(await db.session.count({ where: { userId: member.userId } })).toBe(0);
    const actions = (await db.auditEvent.findMany({ where: { workspaceId: ws.workspace.id }, orderBy: { seq: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["member.reset_link_created", "auth.password_reset"]);
    // The token itself is stored nowhere.
    expect(JSON.stringify(await db.passwordReset.findMany())).not.toContain(token);
  });

  it("refuses a used link the second time, changing nothing", async () => {
    const { member, token } = await workspaceWithLink();
    expect(await resetPassword(token, NEW_PASSWORD, ORIGIN)).toBe(true);
    const after = await passwordOf(member.userId);
    expect(await resetLinkIsUsable(token)).toBe(false);
    expect(await resetPassword(token, "yet another passphrase", ORIGIN)).toBe(false);
    expect(await passwordOf(member.userId)).toBe(after);
  });

  it("refuses an expired link, changing nothing (sessions stay)", async () => {
    const { member, token } = await workspaceWithLink();
    const before = await passwordOf(member.userId);
    await db.passwordReset.updateMany({ where: { userId: member.userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resetLinkIsUsable(token)).toBe(false);
    expect(await resetPassword(token, NEW_PASSWORD, ORIGIN)).toBe(false);
    expect(await passwordOf(member.userId)).toBe(before);
    expect(await db.session.count({ where: { userId: member.userId } })).toBe(1);
  });

  it("refuses a tampered link: one character changed, cut short, or garbage", async () => {
    const { member, token } = await workspaceWithLink();
    const before = await passwordOf(member.userId);
    const flipped = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const bad of [flipped, token.slice(0, -1), `${token}x`, "../../etc/passwd", ""]) {
      expect(await resetLinkIsUsable(bad)).toBe(false);
      expect(await resetPassword(bad, NEW_PASSWORD, ORIGIN)).toBe(false);
    }
    expect(await passwordOf(member.userId)).toBe(before);
    expect(await resetLinkIsUsable(token)).toBe(true);
  });

  it("voids the earlier link when a new one is made", async () => {
    const { ws, member, token } = await workspaceWithLink();
    await createResetLinkForMember(changeBy(ws.workspace.id, ws.member("OWNER")), "OWNER", member.membershipId);
    expect(await resetLinkIsUsable(token)).toBe(false);
  });

  it("refuses an Admin for an Owner; an Owner may", async () => {
    const ws = await createWorkspace(["OWNER", "OWNER", "ADMIN"]);
    const [owner, otherOwner] = ws.members as [TestMember, TestMember];
    const admin = ws.member("ADMIN");
    await expect(createResetLinkForMember(changeBy(ws.workspace.id, admin), "ADMIN", owner.membershipId)).rejects.toThrow(
      OWNER_RESET_REFUSED,
    );
    await expect(createResetLinkForMember(changeBy(ws.workspace.id, otherOwner), "OWNER", owner.membershipId)).resolves.toBeTruthy();
  });

  it("answers another workspace's member exactly like a missing one", async () => {
    const acme = await createWorkspace();
    const globex = await createWorkspace();
    const change = changeBy(acme.workspace.id, acme.member("OWNER"));
    await expect(createResetLinkForMember(change, "OWNER", globex.member("SUPPORT").membershipId)).rejects.toThrow(MEMBER_NOT_FOUND);
    await expect(createResetLinkForMember(change, "OWNER", "no-such-membership")).rejects.toThrow(MEMBER_NOT_FOUND);
    expect(await db.passwordReset.count({ where: { userId: globex.member("SUPPORT").userId } })).toBe(0);
  });

  it("refuses a member who also belongs to another workspace", async () => {
    const acme = await createWorkspace();
    const globex = await createWorkspace(["OWNER"]);
    const support = acme.member("SUPPORT");
    await addMember(globex.workspace.id, "OWNER", support.userId);
    const change = changeBy(acme.workspace.id, acme.member("OWNER"));
    await expect(createResetLinkForMember(change, "OWNER", support.membershipId)).rejects.toThrow(OTHER_WORKSPACES_REFUSED);
  });

  it("stops working once the member left the workspace it was made in", async () => {
    const { member, token } = await workspaceWithLink();
    const before = await passwordOf(member.userId);
    await db.membership.delete({ where: { id: member.membershipId } });
    expect(await resetPassword(token, NEW_PASSWORD, ORIGIN)).toBe(false);
    expect(await passwordOf(member.userId)).toBe(before);
  });

  it("through the action: Owners and Admins get a full link; Support is refused", async () => {
    const ws = await createWorkspace();
    await actAs(ws.member("ADMIN"), ws.workspace.id);
    const made = await createResetLinkAction({ membershipId: ws.member("SUPPORT").membershipId });
    expect(made?.data?.link).toMatch(/^http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]{43}$/);
    await actAs(ws.member("SUPPORT"), ws.workspace.id);
    expect((await createResetLinkAction({ membershipId: ws.member("ADMIN").membershipId }))?.serverError).toMatch(/role does not allow/);
  });
});

describe("Forgot password? (by email)", () => {
  it("mails a link to an existing account; using it is audited in each of the user's workspaces", async () => {
    const acme = await createWorkspace(["OWNER"]);
    const globex = await createWorkspace(["OWNER"]);
    const user = acme.member("OWNER");
    await addMember(globex.workspace.id, "SUPPORT", user.userId);
    await mailResetLink(user.email, "http://keys.example.test");
    const mail = await sink.waitFor((m) => m.to.includes(user.email));
    const token = mail.text.match(/http:\/\/keys\.example\.test\/reset-password\/([A-Za-z0-9_-]{43})/)?.[1];
    expect(token).toBeDefined();
    expect(await resetPassword(token as string, NEW_PASSWORD, ORIGIN)).toBe(true);
    for (const ws of [acme, globex]) {
      expect(await db.auditEvent.count({ where: { workspaceId: ws.workspace.id, action: "auth.password_reset" } })).toBe(1);
    }
  });

  it("gives the same answer for an unknown email, and sends nothing", async () => {
    const ws = await createWorkspace(["OWNER"]);
    const known = ws.member("OWNER").email;
    const form = (email: string) => {
      const data = new FormData();
      data.set("email", email);
      return data;
    };
    const unknownAnswer = await requestPasswordResetAction({}, form("nobody-here@example.test"));
    const knownAnswer = await requestPasswordResetAction({}, form(known));
    expect(unknownAnswer).toEqual({ sent: true });
    expect(knownAnswer).toEqual(unknownAnswer);
    expect(RESET_SENT_MESSAGE).toMatch(/If an account uses that email/);
    await sink.waitFor((m) => m.to.includes(known));
    expect(sink.messages.some((m) => m.to.includes("nobody-here@example.test"))).toBe(false);
  });

  it("throttles per email (whether or not it has an account) and names the field for bad input", async () => {
    const data = new FormData();
    data.set("email", "throttled-unknown@example.test");
    for (let i = 0; i < 3; i++) expect(await requestPasswordResetAction({}, data)).toEqual({ sent: true });
    expect((await requestPasswordResetAction({}, data)).formError).toMatch(/Too many reset requests/);

    const bad = new FormData();
    bad.set("email", "not-an-email");
    expect((await requestPasswordResetAction({}, bad)).fieldErrors?.email).toEqual(["Enter an email address like name@example.com."]);
  });

  it("says mail is not set up when SMTP_URL is unset, and sends nothing", async () => {
    delete process.env.SMTP_URL;
    const data = new FormData();
    data.set("email", "someone@example.test");
    expect((await requestPasswordResetAction({}, data)).formError).toMatch(/Email is not set up here/);
    process.env.SMTP_URL = sink.url;
  });
});
