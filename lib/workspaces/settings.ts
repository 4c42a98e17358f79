// Workspace-wide settings, changed by an Owner and audited with before and after.
import { appendAuditEvent } from "@/lib/audit/append";
import { db } from "@/lib/db";
import type { MemberChange } from "@/lib/members/members";

export function workspaceSettings(workspaceId: string) {
  return db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { requireTwoFactor: true, accessRequestsEnabled: true, slug: true },
  });
}

export async function setRequireTwoFactor(change: MemberChange, required: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({
      where: { id: change.workspaceId },
      select: { requireTwoFactor: true, name: true },
    });
    if (before.requireTwoFactor === required) return;
    await tx.workspace.update({ where: { id: change.workspaceId }, data: { requireTwoFactor: required } });
    await appendAuditEvent(tx, {
      ...change,
      action: "workspace.settings_changed",
      target: { type: "workspace", id: change.workspaceId, label: before.name },
      metadata: { before: { requireTwoFactor: before.requireTwoFactor }, after: { requireTwoFactor: required } },
    });
  });
}

/** Turns the public request page /request/<slug> on or off. */
export async function setAccessRequestsEnabled(change: MemberChange, enabled: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({
      where: { id: change.workspaceId },
      select: { accessRequestsEnabled: true, name: true },
    });
    if (before.accessRequestsEnabled === enabled) return;
    await tx.workspace.update({ where: { id: change.workspaceId }, data: { accessRequestsEnabled: enabled } });
    await appendAuditEvent(tx, {
      ...change,
      action: "workspace.access_requests_changed",
      target: { type: "workspace", id: change.workspaceId, label: before.name },
      metadata: { before: { accessRequestsEnabled: before.accessRequestsEnabled }, after: { accessRequestsEnabled: enabled } },
    });
  });
}
