// A revoked key's pending handover links are cancelled in the revocation's transaction: a link that
// still opened would hand out a dead secret as if it worked, and would keep a sealed copy of it
// stored for no purpose. Each cancelled link gets its own audit event, as a cancel by hand does.
import type { KeyChange } from "@/lib/api-keys/lifecycle";
import { auditTarget } from "@/lib/api-keys/records";
import { appendAuditEvent } from "@/lib/audit/append";
import type { Tx } from "@/lib/db";

export async function cancelPendingHandovers(tx: Tx, change: KeyChange, key: { id: string; name: string }, now: Date): Promise<number> {
  const pending = await tx.keyHandover.findMany({
    where: { keyId: key.id, workspaceId: change.workspaceId, openedAt: null, cancelledAt: null, expiresAt: { gt: now } },
    select: { id: true },
  });
  for (const handover of pending) {
    // Conditional like every other claim on a link: an open that won the row first keeps it.
    const { count } = await tx.keyHandover.updateMany({
      where: { id: handover.id, openedAt: null, cancelledAt: null },
      data: { cancelledAt: now, cancelledByLabel: change.actor.label, sealedSecret: "" },
    });
    if (count === 1)
      await appendAuditEvent(tx, {
        ...change,
        at: now,
        action: "key.handover_cancelled",
        target: auditTarget(key),
        metadata: { handover: handover.id, because: "key revoked" },
      });
  }
  return pending.length;
}
