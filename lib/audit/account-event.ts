// Events about an account rather than a workspace (password reset, two-factor): written into the
// audit log of each workspace the user belongs to (or only the ones given), in the caller's transaction.
import type { Tx } from "@/lib/db";
import { appendAuditEvent } from "./append";
import type { AuditAction, RequestOrigin } from "./types";

export async function appendAccountEvent(
  tx: Tx,
  event: {
    user: { id: string; email: string };
    action: AuditAction;
    metadata?: Record<string, unknown>;
    origin?: RequestOrigin;
    /** Default: every workspace the user is a member of. */
    workspaceIds?: string[];
  },
): Promise<void> {
  const { user } = event;
  const workspaceIds =
    event.workspaceIds ??
    (await tx.membership.findMany({ where: { userId: user.id }, select: { workspaceId: true } })).map((m) => m.workspaceId);
  for (const workspaceId of workspaceIds) {
    await appendAuditEvent(tx, {
      workspaceId,
      actor: { type: "user", id: user.id, label: user.email },
      action: event.action,
      target: { type: "user", id: user.id, label: user.email },
      metadata: event.metadata,
      origin: event.origin,
    });
  }
}
