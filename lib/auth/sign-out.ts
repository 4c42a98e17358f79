// Signing out: the session row goes, and the sign-out is audited in each of the person's workspaces
// with the address and browser it came from, in one transaction.
import { appendAccountEvent } from "@/lib/audit/account-event";
import type { RequestOrigin } from "@/lib/audit/types";
import { db } from "@/lib/db";

export async function endSession(sessionId: string, origin: RequestOrigin): Promise<void> {
  await db.$transaction(async (tx) => {
    const session = await tx.session.findUnique({ where: { id: sessionId }, select: { user: { select: { id: true, email: true } } } });
    // Already ended (signed out everywhere, a password change, the idle timeout): recorded there, or nothing to record.
    if (!session) return;
    const { count } = await tx.session.deleteMany({ where: { id: sessionId } });
    if (count === 1) await appendAccountEvent(tx, { user: session.user, action: "auth.signed_out", origin });
  });
}
