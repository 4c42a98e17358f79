// Members of a workspace: list, change a role, remove. Every query is filtered by the caller's
// workspace, and each change writes its audit event in the same transaction.
import { appendAuditEvent } from "@/lib/audit/append";
import type { AuditActor, RequestOrigin } from "@/lib/audit/types";
import type { Role } from "@/lib/auth/roles";
import { db, type Tx } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { serializeWorkspaceChanges } from "@/lib/workspace-lock";

export type MemberChange = {
  workspaceId: string;
  actor: AuditActor;
  origin: RequestOrigin;
  /**
   * Set by workspaceAction: false when the acting session's last confirmation is older than
   * STEP_UP_MINUTES, so the change may not grant new Full access (lib/auth/step-up.ts). Absent for
   * changes no session makes (demo data, scripts).
   */
  identityConfirmed?: boolean;
};

const MEMBER_NOT_FOUND = "That member was not found in this workspace.";
const LAST_OWNER = "A workspace needs at least one Owner. Make another member Owner first.";

export function listMembers(workspaceId: string) {
  return db.membership.findMany({
    where: { workspaceId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
  });
}

export async function changeMemberRole(change: MemberChange, membershipId: string, role: Role) {
  return db.$transaction(async (tx) => {
    const member = await lockedMember(tx, change.workspaceId, membershipId);
    if (member.role === role) return member;
    if (member.role === "OWNER") await ensureAnotherOwner(tx, change.workspaceId);
    const updated = await tx.membership.update({ where: { id: member.id }, data: { role } });
    await appendAuditEvent(tx, {
      ...change,
      action: "member.role_changed",
      target: { type: "member", id: member.id, label: member.user.email },
      metadata: { before: { role: member.role }, after: { role } },
    });
    return { ...updated, user: member.user };
  });
}

export async function removeMember(change: MemberChange, membershipId: string) {
  await db.$transaction(async (tx) => {
    const member = await lockedMember(tx, change.workspaceId, membershipId);
    if (member.role === "OWNER") await ensureAnotherOwner(tx, change.workspaceId);
    await tx.membership.delete({ where: { id: member.id } });
    await appendAuditEvent(tx, {
      ...change,
      action: "member.removed",
      target: { type: "member", id: member.id, label: member.user.email },
      metadata: { before: { role: member.role, email: member.user.email } },
    });
  });
}

// Serialized per workspace, so two Owners demoting each other at once cannot both see "another Owner remains".
async function lockedMember(tx: Tx, workspaceId: string, membershipId: string) {
  await serializeWorkspaceChanges(tx, workspaceId);
  const member = await tx.membership.findFirst({
    where: { id: membershipId, workspaceId },
    select: { id: true, role: true, user: { select: { email: true } } },
  });
  if (!member) throw new NotFoundError(MEMBER_NOT_FOUND);
  return member;
}

async function ensureAnotherOwner(tx: Tx, workspaceId: string) {
  const owners = await tx.membership.count({ where: { workspaceId, role: "OWNER" } });
  if (owners <= 1) throw new ConflictError(LAST_OWNER);
}
