// What a signed-in person changes about their own account: name, password, sessions. Security changes
// are audited in each of the person's workspaces, in the transaction that makes them.
import { RateLimiterMemory } from "rate-limiter-flexible";
import { appendAuditEvent } from "@/lib/audit/append";
import type { AuditAction, RequestOrigin } from "@/lib/audit/types";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db, type Tx } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";

export const WRONG_CURRENT_PASSWORD = "That is not your current password. Nothing was changed.";
export const TOO_MANY_WRONG = "Too many wrong current passwords. Wait 15 minutes, then try again.";

// A session left open somewhere must not become a way to guess the password it was opened with.
const wrongCurrentPasswords = new RateLimiterMemory({ keyPrefix: "change-password", points: 5, duration: 15 * 60 });
type Account = { id: string; email: string };

export async function changeName(userId: string, name: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { name } });
}

/** Checks the current password, sets the new one and ends every other session of the account. */
export async function changePassword(account: Account, keepSessionId: string, current: string, next: string, origin: RequestOrigin) {
  const attempts = await wrongCurrentPasswords.get(account.id);
  if (attempts && attempts.remainingPoints <= 0) throw new UserFacingError(TOO_MANY_WRONG);
  const stored = await db.user.findUniqueOrThrow({ where: { id: account.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(stored.passwordHash, current))) {
    await wrongCurrentPasswords.penalty(account.id);
    throw new UserFacingError(WRONG_CURRENT_PASSWORD);
  }
  const passwordHash = await hashPassword(next);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: account.id }, data: { passwordHash } });
    const ended = await tx.session.deleteMany({ where: { userId: account.id, id: { not: keepSessionId } } });
    await auditEverywhere(tx, account, "auth.password_changed", origin, { otherSessionsEnded: ended.count });
    return { otherSessionsEnded: ended.count };
  });
}

/** Ends every session of the account, this one included. */
export async function signOutEverywhere(account: Account, origin: RequestOrigin) {
  return db.$transaction(async (tx) => {
    const ended = await tx.session.deleteMany({ where: { userId: account.id } });
    await auditEverywhere(tx, account, "auth.signed_out_everywhere", origin, { sessionsEnded: ended.count });
    return { sessionsEnded: ended.count };
  });
}

async function auditEverywhere(tx: Tx, account: Account, action: AuditAction, origin: RequestOrigin, metadata: Record<string, unknown>) {
  const memberships = await tx.membership.findMany({ where: { userId: account.id }, select: { workspaceId: true } });
  for (const { workspaceId } of memberships) {
    await appendAuditEvent(tx, {
      workspaceId,
      actor: { type: "user", id: account.id, label: account.email },
      origin,
      action,
      target: { type: "user", id: account.id, label: account.email },
      metadata,
    });
  }
}
