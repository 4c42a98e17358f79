// Workspace-wide settings, changed by an Owner and audited with before and after.
import { appendAuditEvent } from "@/lib/audit/append";
import { db } from "@/lib/db";
import type { MemberChange } from "@/lib/members/members";

export function workspaceSettings(workspaceId: string) {
  return db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { requireTwoFactor: true } });
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
