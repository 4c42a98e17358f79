// Sign-in attempts against existing accounts: a row for the account page's history (kept 90 days) and
// an audit event in each of the account's workspaces, in one transaction. Attempts for an email with no
// account are not recorded (there is nobody to show them to), nor are throttled ones (the throttle
// already refused them without checking the password, and recording them would let a flood write rows).
import { appendAuditEvent } from "@/lib/audit/append";
import type { RequestOrigin } from "@/lib/audit/types";
import { db } from "@/lib/db";

export const SIGN_IN_HISTORY_DAYS = 90;
const MAX_USER_AGENT = 512;

export async function recordSignInAttempt(email: string, succeeded: boolean, origin: RequestOrigin): Promise<void> {
  const user = await db.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, email: true, memberships: { select: { workspaceId: true } } },
  });
  if (!user) return;
  await db.$transaction(async (tx) => {
    await tx.signInAttempt.create({
      data: { userId: user.id, succeeded, ip: origin.ip, userAgent: origin.userAgent?.slice(0, MAX_USER_AGENT) ?? null },
    });
    for (const { workspaceId } of user.memberships) {
      await appendAuditEvent(tx, {
        workspaceId,
        // A failure was not made by the account's owner, as far as anyone knows: the system reports it.
        actor: succeeded ? { type: "user", id: user.id, label: user.email } : { type: "system", label: "Sign-in check" },
        origin,
        action: succeeded ? "auth.signed_in" : "auth.sign_in_failed",
        target: { type: "user", id: user.id, label: user.email },
      });
    }
  });
  await db.signInAttempt.deleteMany({ where: { createdAt: { lt: historyStart() } } });
}

export function listSignInHistory(userId: string) {
  return db.signInAttempt.findMany({
    where: { userId, createdAt: { gte: historyStart() } },
    select: { id: true, succeeded: true, ip: true, userAgent: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
}

function historyStart(): Date {
  return new Date(Date.now() - SIGN_IN_HISTORY_DAYS * 24 * 60 * 60 * 1000);
}
