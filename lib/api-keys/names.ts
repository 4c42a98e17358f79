import type { Tx } from "@/lib/db";
import { ConflictError } from "@/lib/errors";

/** The name is taken: actions report it under the Name field. */
export class NameTakenError extends ConflictError {
  override name = "NameTakenError";
}

// A name is unique among the workspace's live keys: not revoked, not expired, not replaced by a
// rotation (the replacement carries the name on). Callers serialize with serializeWorkspaceChanges.
export async function ensureNameAvailable(tx: Tx, workspaceId: string, name: string, exceptKeyId?: string): Promise<void> {
  const now = new Date();
  const clash = await tx.apiKey.findFirst({
    where: {
      workspaceId,
      name,
      id: exceptKeyId ? { not: exceptKeyId } : undefined,
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      rotatedTo: { is: null },
    },
    select: { id: true },
  });
  if (clash) throw new NameTakenError(`An active key is already named "${name}". Choose another name.`);
}
