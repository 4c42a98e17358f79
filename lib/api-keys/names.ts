import type { Tx } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { comparableName } from "@/lib/validation/text";

/** The name is taken: actions report it under the Name field. */
export class NameTakenError extends ConflictError {
  override name = "NameTakenError";
}

// A name is unique among the workspace's live keys: not revoked, not expired, not replaced by a
// rotation (the replacement carries the name on). Names are compared as comparableName makes them, so
// `Billing`, `billing` and `Ｂｉｌｌｉｎｇ` are one name. Callers serialize with serializeWorkspaceChanges.
export async function ensureNameAvailable(tx: Tx, workspaceId: string, name: string, exceptKeyId?: string): Promise<void> {
  const now = new Date();
  const clash = await tx.apiKey.findFirst({
    where: {
      workspaceId,
      // A row the start-up backfill has not reached yet (written by hand, or by an older version while
      // this one started) still clashes on its exact name.
      OR: [{ nameKey: comparableName(name) }, { nameKey: null, name }],
      id: exceptKeyId ? { not: exceptKeyId } : undefined,
      revokedAt: null,
      AND: [{ OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }],
      rotatedTo: { is: null },
    },
    select: { name: true },
  });
  if (clash) throw new NameTakenError(`An active key is already named "${clash.name}". Choose another name.`);
}
