// A server action refused for authorization, in the audit log of the workspace it was tried in: who,
// which action, on which object, from where, and why. Written on its own (there is no change to share
// a transaction with), bounded by RefusalLimiter, and never in the way of the refusal's answer.
import { db } from "@/lib/db";
import { appendAuditEvent } from "./append";
import { RefusalLimiter } from "./refusal-limiter";
import type { RequestOrigin } from "./types";

export type RefusalReason = "missing_permission" | "two_factor_required" | "not_found" | "not_allowed";
export type RefusedObject = { type: "api_key" | "member" | "invitation" | "key_handover"; id: string };
export type RefusedAction = {
  workspaceId: string;
  user: { id: string; email: string };
  /** The action's name in words, as its metadata declares it ("Revoke key"). */
  action: string;
  reason: RefusalReason;
  object: RefusedObject | null;
  origin: RequestOrigin;
};

const limiter = new RefusalLimiter();

/** The object's name, only when it is this workspace's: another workspace's stays an id, its name unsaid. */
async function labelOf(workspaceId: string, object: RefusedObject): Promise<string | null> {
  const where = { id: object.id, workspaceId };
  if (object.type === "api_key") return (await db.apiKey.findFirst({ where, select: { name: true } }))?.name ?? null;
  if (object.type === "member")
    return (await db.membership.findFirst({ where, select: { user: { select: { email: true } } } }))?.user.email ?? null;
  if (object.type === "key_handover")
    return (await db.keyHandover.findFirst({ where, select: { key: { select: { name: true } } } }))?.key.name ?? null;
  return (await db.invitation.findFirst({ where, select: { email: true } }))?.email ?? null;
}

export async function recordRefusedAction(refusal: RefusedAction, now = Date.now()): Promise<void> {
  const { workspaceId, user, object } = refusal;
  const actorKey = `${workspaceId}:${user.id}`;
  const decision = limiter.decide(actorKey, `${actorKey}:${refusal.action}:${object?.type ?? ""}:${object?.id ?? ""}`, now);
  if (!decision.write) return;
  const label = object ? await labelOf(workspaceId, object) : null;
  await db.$transaction((tx) =>
    appendAuditEvent(tx, {
      workspaceId,
      actor: { type: "user", id: user.id, label: user.email },
      action: "action.refused",
      target: object ? { type: object.type, id: object.id, label } : { type: "workspace", id: workspaceId, label: null },
      metadata: {
        action: refusal.action,
        reason: refusal.reason,
        ...(object ? { targetType: object.type } : {}),
        ...(decision.repeated ? { repeated: decision.repeated } : {}),
        ...(decision.othersUnrecorded ? { othersUnrecorded: decision.othersUnrecorded } : {}),
      },
      origin: refusal.origin,
    }),
  );
}
