// Which refusals of a workspace action are audited, and what they name: the action (its metadata's
// name), the object the input points at, and why. Only authorization refusals: a missing permission,
// a required second factor not set up, an object that is not this workspace's (or not anywhere: the
// two answer alike), a rule of the role (ForbiddenError). Validation errors, conflicts and "Confirm
// it's you" are not refusals of who the caller is, and are not recorded.
import { type RefusalReason, type RefusedObject, recordRefusedAction } from "@/lib/audit/refused-action";
import { currentRequestOrigin } from "@/lib/auth/current";
import type { SessionContext } from "@/lib/auth/sessions";
import { ForbiddenError, NotFoundError, UserFacingError } from "@/lib/errors";
import { idSchema } from "@/lib/validation/members";
import { z } from "@/lib/validation/zod";

/** Thrown by the workspace middleware when the role or the workspace's two-factor rule refuses the caller. */
export class ActionRefusedError extends UserFacingError {
  override name = "ActionRefusedError";
  constructor(
    message: string,
    readonly reason: Extract<RefusalReason, "missing_permission" | "two_factor_required">,
  ) {
    super(message);
  }
}

function reasonOf(error: Error): RefusalReason | null {
  if (error instanceof ActionRefusedError) return error.reason;
  if (error instanceof NotFoundError) return "not_found";
  if (error instanceof ForbiddenError) return "not_allowed";
  return null;
}

// The input has not been validated yet when the middleware refuses: only a well-formed id is taken.
const namedObjectSchema = z.object({
  keyId: idSchema.optional().catch(undefined),
  membershipId: idSchema.optional().catch(undefined),
  invitationId: idSchema.optional().catch(undefined),
  handoverId: idSchema.optional().catch(undefined),
});

function objectOf(clientInput: unknown): RefusedObject | null {
  const named = namedObjectSchema.safeParse(clientInput);
  if (!named.success) return null;
  const { keyId, membershipId, invitationId, handoverId } = named.data;
  if (keyId) return { type: "api_key", id: keyId };
  if (membershipId) return { type: "member", id: membershipId };
  if (invitationId) return { type: "invitation", id: invitationId };
  if (handoverId) return { type: "key_handover", id: handoverId };
  return null;
}

/** Records the refusal when it is one; a failure to record is logged and never changes the answer. */
export async function auditRefusal(error: Error, ctx: object, actionName: string | undefined, clientInput: unknown): Promise<void> {
  const reason = reasonOf(error);
  const session = (ctx as { session?: SessionContext }).session;
  if (!reason || !actionName || !session?.current) return;
  try {
    await recordRefusedAction({
      workspaceId: session.current.workspaceId,
      user: session.user,
      action: actionName,
      reason,
      object: objectOf(clientInput),
      origin: await currentRequestOrigin(),
    });
  } catch (cause) {
    console.error(`[action] the refusal of '${actionName}' was not audited: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
