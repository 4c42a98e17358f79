// Serializes changes that check a rule across a workspace's rows (at least one Owner; unique names
// among live keys). The increment takes the workspace row's lock on PostgreSQL and the write lock on
// SQLite, until the transaction ends: a second such change in the workspace waits, then sees the first.
import type { Tx } from "@/lib/db";

export async function serializeWorkspaceChanges(tx: Tx, workspaceId: string): Promise<void> {
  await tx.workspace.update({ where: { id: workspaceId }, data: { changeVersion: { increment: 1 } }, select: { id: true } });
}
