// Opening a handover link: the first request with the token gets the secret, once; every later one,
// and one for a cancelled, expired or unknown token, gets only the reason. The claim is a conditional
// update that only one request can win (PostgreSQL re-checks the row after waiting on its lock; SQLite
// runs one writer at a time), and it empties the sealed secret in the same write, so after this
// request not even the token can decrypt it again.
import { maskedKey } from "@/lib/api-keys/key-format";
import { auditTarget } from "@/lib/api-keys/records";
import { appendAuditEvent } from "@/lib/audit/append";
import type { RequestOrigin } from "@/lib/audit/types";
import { hashOneTimeToken, isOneTimeTokenShape } from "@/lib/auth/one-time-token";
import { db } from "@/lib/db";
import { openHandoverSeal } from "./crypto";
import { recordHandoverExpiry } from "./expiry";
import { HANDOVER_OPENER } from "./handover-actor";
import { handoverState } from "./state";

export type HandoverRefusal = "used" | "expired" | "cancelled" | "invalid";
export type HandoverOpening =
  | { outcome: "opened"; secret: string; keyName: string; keyMasked: string; workspaceName: string }
  | { outcome: HandoverRefusal };

const MAX_USER_AGENT = 512;

/** Thrown inside the claim's transaction to roll it back: the row matched the token but its seal did not open. */
class UnreadableSeal extends Error {}

export async function openHandover(token: string, origin: RequestOrigin, now = new Date()): Promise<HandoverOpening> {
  if (!isOneTimeTokenShape(token)) return { outcome: "invalid" };
  const tokenHash = hashOneTimeToken(token);
  try {
    return await db.$transaction(async (tx) => {
      const handover = await tx.keyHandover.findUnique({
        where: { tokenHash },
        include: { key: { select: { id: true, name: true, prefix: true, last4: true } }, workspace: { select: { name: true } } },
      });
      if (!handover) return { outcome: "invalid" } as const;
      const claimed = await tx.keyHandover.updateMany({
        where: { tokenHash, openedAt: null, cancelledAt: null, expiresAt: { gt: now } },
        data: {
          openedAt: now,
          openedIp: origin.ip,
          openedUserAgent: origin.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
          sealedSecret: "",
        },
      });
      if (claimed.count !== 1) {
        // Read again: another request may have opened or cancelled it since the read above.
        const current = await tx.keyHandover.findUniqueOrThrow({ where: { tokenHash } });
        const state = handoverState(current, now);
        if (state === "expired") await recordHandoverExpiry(tx, handover, now);
        return { outcome: state === "opened" || state === "pending" ? "used" : state } as const;
      }
      // The sealed value read above is the one the claim emptied: it is written once, at creation.
      const secret = openHandoverSeal(handover.sealedSecret, token, { handoverId: handover.id, keyId: handover.keyId });
      if (secret === null) throw new UnreadableSeal();
      await appendAuditEvent(tx, {
        workspaceId: handover.workspaceId,
        actor: HANDOVER_OPENER,
        origin,
        action: "key.handover_opened",
        target: auditTarget(handover.key),
        metadata: { handover: handover.id },
      });
      return {
        outcome: "opened",
        secret,
        keyName: handover.key.name,
        keyMasked: maskedKey(handover.key),
        workspaceName: handover.workspace.name,
      } as const;
    });
  } catch (error) {
    if (error instanceof UnreadableSeal) return { outcome: "invalid" };
    throw error;
  }
}
