// Every change to keys runs here, so every one takes its locks in the same order: first the workspace
// row (serializeWorkspaceChanges), then the key rows it reads and writes, then the workspace row again
// for the audit event (already held). Two changes to one workspace queue on the first lock instead of
// each holding a key row the other wants, which is how a rotation and a revocation of one key
// deadlocked on PostgreSQL. What the database still refuses under contention (a write conflict, a
// deadlock, a unique violation between two racing writers) is a conflict the user can act on, not a
// generic failure.
import { db, type Tx } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { serializeWorkspaceChanges } from "@/lib/workspace-lock";
import { forgetCachedKeysOf } from "./key-lookup";

export const CONCURRENT_CHANGE = "Another change to this key happened at the same time. Reload and try again.";

// P2034: write conflict or deadlock (PostgreSQL 40001 / 40P01); P2002: a unique constraint another
// transaction satisfied first.
const CONCURRENCY_CODES = new Set(["P2034", "P2002"]);

function isConcurrencyFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && CONCURRENCY_CODES.has(code);
}

export async function keyChangeTransaction<T>(workspaceId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    const result = await db.$transaction(async (tx) => {
      await serializeWorkspaceChanges(tx, workspaceId);
      return work(tx);
    });
    forgetCachedKeysOf(workspaceId);
    return result;
  } catch (error) {
    if (isConcurrencyFailure(error)) throw new ConflictError(CONCURRENT_CHANGE);
    throw error;
  }
}
