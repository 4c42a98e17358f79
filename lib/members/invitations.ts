// Invitations to a workspace. The link's token is 256 random bits; only its SHA-256 is stored, so the
// database alone cannot produce a working link. A link works once (acceptance is a conditional update
// that only one request can win), for 7 days, for the invited email only. Every change writes its
// audit event in the same transaction; another workspace's invitation answers as a missing one.
import { createHash, randomBytes } from "node:crypto";
import { appendAuditEvent } from "@/lib/audit/append";
import type { RequestOrigin } from "@/lib/audit/types";
import { hashPassword } from "@/lib/auth/password";
import { isRole, ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { db, type Tx } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, UserFacingError } from "@/lib/errors";
import type { MemberChange } from "./members";

export const INVITATION_DAYS = 7;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

// A role may invite its own rank and below: an Admin invites Admins and Support, never an Owner.
const RANK: Record<Role, number> = { OWNER: 3, ADMIN: 2, SUPPORT: 1 };

export const INVITATION_NOT_FOUND = "That invitation was not found in this workspace.";
export const LINK_UNUSABLE = "This invitation link cannot be used. Nothing was changed.";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createInvitation(change: MemberChange, inviterRole: Role, input: { email: string; role: Role }) {
  if (RANK[input.role] > RANK[inviterRole]) {
    throw new ForbiddenError(`As ${ROLE_LABELS[inviterRole]} you cannot invite an ${ROLE_LABELS[input.role]}. Ask an Owner.`);
  }
  const token = randomBytes(32).toString("base64url");
  const invitation = await db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { workspaceId: change.workspaceId, user: { email: input.email } } });
    if (member) throw new ConflictError(`${input.email} is already a member of this workspace.`);
    const pending = await tx.invitation.findFirst({ where: { workspaceId: change.workspaceId, email: input.email, ...pendingNow() } });
    if (pending) throw new ConflictError(`${input.email} has a pending invitation already. Revoke it to make a new one.`);
    const created = await tx.invitation.create({
      data: {
        workspaceId: change.workspaceId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        createdById: change.actor.type === "system" ? "" : change.actor.id,
        createdByLabel: change.actor.label,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
      },
    });
    await appendAuditEvent(tx, {
      ...change,
      action: "invitation.created",
      target: { type: "invitation", id: created.id, label: created.email },
      metadata: { email: created.email, role: created.role, expiresAt: created.expiresAt.toISOString() },
    });
    return created;
  });
  return { invitation, token };
}

export function listPendingInvitations(workspaceId: string) {
  return db.invitation.findMany({
    where: { workspaceId, ...pendingNow() },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, createdByLabel: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
}

export async function revokeInvitation(change: MemberChange, invitationId: string) {
  await db.$transaction(async (tx) => {
    const revoked = await tx.invitation.updateMany({
      where: { id: invitationId, workspaceId: change.workspaceId, ...pendingNow() },
      data: { revokedAt: new Date() },
    });
    if (revoked.count !== 1) throw new NotFoundError(INVITATION_NOT_FOUND);
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    await appendAuditEvent(tx, {
      ...change,
      action: "invitation.revoked",
      target: { type: "invitation", id: invitation.id, label: invitation.email },
      metadata: { email: invitation.email, role: invitation.role },
    });
  });
}

export type InvitationLink =
  | { usable: false; reason: "unknown" | "expired" | "used" | "revoked" }
  | { usable: true; email: string; role: Role; workspaceName: string; expiresAt: Date; accountExists: boolean };

/** What a link leads to, for the invitation page. Reading it changes nothing. */
export async function readInvitationLink(token: string): Promise<InvitationLink> {
  if (!TOKEN_PATTERN.test(token)) return { usable: false, reason: "unknown" };
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { workspace: { select: { name: true } } },
  });
  if (!invitation || !isRole(invitation.role)) return { usable: false, reason: "unknown" };
  if (invitation.acceptedAt) return { usable: false, reason: "used" };
  if (invitation.revokedAt) return { usable: false, reason: "revoked" };
  if (invitation.expiresAt.getTime() <= Date.now()) return { usable: false, reason: "expired" };
  const account = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    usable: true,
    email: invitation.email,
    role: invitation.role,
    workspaceName: invitation.workspace.name,
    expiresAt: invitation.expiresAt,
    accountExists: Boolean(account),
  };
}

/** A person without an account accepts: the account is made for the invited email. */
export async function acceptInvitationAsNewUser(token: string, input: { name: string; password: string }, origin: RequestOrigin) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const invitation = await claimInvitation(tx, token);
    if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
      throw new ConflictError(`An account for ${invitation.email} exists already. Sign in to accept this invitation.`);
    }
    const user = await tx.user.create({ data: { email: invitation.email, name: input.name, passwordHash } });
    await joinWorkspace(tx, invitation, user, origin);
    return { userId: user.id, email: user.email, workspaceId: invitation.workspaceId };
  });
}

/** A signed-in person accepts: only as the invited email, and only when not a member already. */
export async function acceptInvitationAsUser(token: string, user: { id: string; email: string }, origin: RequestOrigin) {
  return db.$transaction(async (tx) => {
    const invitation = await claimInvitation(tx, token);
    if (invitation.email !== user.email) {
      throw new ForbiddenError(`This invitation is for ${invitation.email}. Sign in as ${invitation.email} to accept it.`);
    }
    const member = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: user.id } },
      select: { id: true },
    });
    if (member) throw new ConflictError("You are already a member of this workspace.");
    await joinWorkspace(tx, invitation, user, origin);
    return { workspaceId: invitation.workspaceId };
  });
}

function pendingNow() {
  return { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } };
}

// The conditional update is the single-use guarantee: of two acceptances at once, one updates the row
// and the other finds nothing left to update. Any refusal after it rolls the claim back.
async function claimInvitation(tx: Tx, token: string) {
  if (!TOKEN_PATTERN.test(token)) throw new UserFacingError(LINK_UNUSABLE);
  const tokenHash = hashToken(token);
  const claimed = await tx.invitation.updateMany({ where: { tokenHash, ...pendingNow() }, data: { acceptedAt: new Date() } });
  if (claimed.count !== 1) throw new UserFacingError(LINK_UNUSABLE);
  const invitation = await tx.invitation.findUniqueOrThrow({ where: { tokenHash } });
  if (!isRole(invitation.role)) throw new UserFacingError(LINK_UNUSABLE);
  return { ...invitation, role: invitation.role };
}

async function joinWorkspace(
  tx: Tx,
  invitation: { id: string; workspaceId: string; email: string; role: Role },
  user: { id: string; email: string },
  origin: RequestOrigin,
) {
  await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedById: user.id } });
  await tx.membership.create({ data: { workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role } });
  await appendAuditEvent(tx, {
    workspaceId: invitation.workspaceId,
    actor: { type: "user", id: user.id, label: user.email },
    origin,
    action: "invitation.accepted",
    target: { type: "invitation", id: invitation.id, label: invitation.email },
    metadata: { email: invitation.email, role: invitation.role },
  });
}
