// One-time password reset links: asked for by email ("Forgot password?") or made by an Owner or
// Admin for a member. A link works once, for 15 minutes; using it sets the password, ends every
// session of the user, and is audited. Opening the page does not use it (mail scanners prefetch links).
import { appendAccountEvent } from "@/lib/audit/account-event";
import { appendAuditEvent } from "@/lib/audit/append";
import type { RequestOrigin } from "@/lib/audit/types";
import { db, type Tx } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { sendMail } from "@/lib/mail/mailer";
import { passwordResetMail } from "@/lib/mail/messages";
import type { MemberChange } from "@/lib/members/members";
import { hashOneTimeToken, isOneTimeTokenShape, newOneTimeToken } from "./one-time-token";
import { hashPassword } from "./password";
import type { Role } from "./roles";

export const RESET_LINK_MINUTES = 15;

export const MEMBER_NOT_FOUND = "That member was not found in this workspace.";
export const OWNER_RESET_REFUSED = "Only an Owner can make a reset link for an Owner.";
export const OTHER_WORKSPACES_REFUSED =
  "This member also belongs to another workspace, so a link from here could open that one too. They can use “Forgot password?” on the sign-in page, or an Owner of each of their workspaces can help.";

export function resetLinkPath(token: string): string {
  return `/reset-password/${token}`;
}

// One live link per user: a new one voids the ones made before.
async function issueLink(tx: Tx, userId: string, origin: { workspaceId: string; createdById: string } | null) {
  await tx.passwordReset.deleteMany({ where: { userId, usedAt: null } });
  const { token, hash } = newOneTimeToken();
  const expiresAt = new Date(Date.now() + RESET_LINK_MINUTES * 60_000);
  await tx.passwordReset.create({
    data: { userId, tokenHash: hash, expiresAt, workspaceId: origin?.workspaceId, createdById: origin?.createdById },
  });
  return { token, expiresAt };
}

/** An Owner or Admin makes a link for a member of their workspace (shown to them, to pass on). */
export async function createResetLinkForMember(change: MemberChange, actorRole: Role, membershipId: string) {
  return db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({
      where: { id: membershipId, workspaceId: change.workspaceId },
      select: { id: true, role: true, user: { select: { id: true, email: true, _count: { select: { memberships: true } } } } },
    });
    if (!member) throw new NotFoundError(MEMBER_NOT_FOUND);
    if (member.role === "OWNER" && actorRole !== "OWNER") throw new ForbiddenError(OWNER_RESET_REFUSED);
    // A link sets the password of the account, not of a membership: from one workspace it must not
    // open the doors of another, where the one who made it may have no say.
    if (member.user._count.memberships > 1) throw new ForbiddenError(OTHER_WORKSPACES_REFUSED);
    const link = await issueLink(tx, member.user.id, {
      workspaceId: change.workspaceId,
      createdById: change.actor.type === "system" ? "" : change.actor.id,
    });
    await appendAuditEvent(tx, {
      ...change,
      action: "member.reset_link_created",
      target: { type: "member", id: member.id, label: member.user.email },
      metadata: { expiresAt: link.expiresAt.toISOString() },
    });
    return link;
  });
}

/** "Forgot password?": mails a link when the email belongs to an account; silently nothing otherwise. */
export async function mailResetLink(email: string, origin: string): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) return;
  const { token } = await db.$transaction((tx) => issueLink(tx, user.id, null));
  await sendMail(passwordResetMail(user.email, `${origin}${resetLinkPath(token)}`, RESET_LINK_MINUTES));
}

function usable(token: string) {
  return { tokenHash: hashOneTimeToken(token), usedAt: null, expiresAt: { gt: new Date() } };
}

/** Whether the link can still be used (unused, unexpired, not tampered with). Changes nothing. */
export async function resetLinkIsUsable(token: string): Promise<boolean> {
  if (!isOneTimeTokenShape(token)) return false;
  return (await db.passwordReset.count({ where: usable(token) })) === 1;
}

/** Sets the new password and ends every session, once per link; false when the link is not usable. */
export async function resetPassword(token: string, password: string, origin: RequestOrigin): Promise<boolean> {
  if (!isOneTimeTokenShape(token) || !(await resetLinkIsUsable(token))) return false;
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    // Claimed with a conditional update, so two submissions of one link cannot both set a password.
    const claimed = await tx.passwordReset.updateMany({ where: usable(token), data: { usedAt: new Date() } });
    if (claimed.count !== 1) return false;
    const reset = await tx.passwordReset.findUniqueOrThrow({
      where: { tokenHash: hashOneTimeToken(token) },
      select: { userId: true, workspaceId: true, user: { select: { email: true, memberships: { select: { workspaceId: true } } } } },
    });
    const workspaceIds = reset.user.memberships.map((m) => m.workspaceId);
    // A link an Owner or Admin made stops working once the member has left that workspace.
    if (reset.workspaceId && !workspaceIds.includes(reset.workspaceId)) return false;
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: reset.userId } });
    await tx.signInChallenge.deleteMany({ where: { userId: reset.userId } });
    await tx.passwordReset.deleteMany({ where: { userId: reset.userId, usedAt: null } });
    await appendAccountEvent(tx, {
      user: { id: reset.userId, email: reset.user.email },
      action: "auth.password_reset",
      metadata: { link: reset.workspaceId ? "made by an Owner or Admin" : "asked for by email" },
      origin,
      workspaceIds: reset.workspaceId ? [reset.workspaceId] : workspaceIds,
    });
    return true;
  });
}
