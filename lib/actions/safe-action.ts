import "server-only";
import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { currentRequestOrigin, getSessionContext } from "@/lib/auth/current";
import { can, PERMISSION_NAMES } from "@/lib/auth/permissions";
import { needsStepUp, StepUpRequiredError } from "@/lib/auth/step-up";
import { databaseOutageLog } from "@/lib/database-outage-log";
import { UserFacingError } from "@/lib/errors";
import { ActionRefusedError, auditRefusal } from "./audit-refusal";

export const SIGNED_OUT_MESSAGE = "Your session has ended. Sign in again.";
export const NOT_ALLOWED_MESSAGE = "Your role does not allow this. Ask an Owner of this workspace.";
export const TWO_FACTOR_REQUIRED_MESSAGE =
  "This workspace requires two-factor authentication for Owners and Admins. Set it up on your Security page first.";

const baseAction = createSafeActionClient({
  defineMetadataSchema: () =>
    z.object({
      /** The action in words ("Revoke key"), as a refusal's audit event names it; every workspace action has one. */
      name: z.string().min(1).optional(),
      permission: z.enum(PERMISSION_NAMES).optional(),
      // The action is always sensitive (rotate, revoke, delete, role change, removal): it needs a recent
      // confirmation. Others pass the session's state on in ctx.change for the domain to decide.
      stepUp: z.boolean().optional(),
    }),
  defaultValidationErrorsShape: "flattened",
  async handleServerError(error, { ctx, metadata, clientInput }) {
    if (error instanceof UserFacingError) {
      await auditRefusal(error, ctx, metadata.name, clientInput);
      return error.message;
    }
    databaseOutageLog.failed("action", error, (message) => console.error(`[action] ${error.name}: ${message}`));
    return "Something went wrong and nothing was changed. Try again.";
  },
});

/** Actions that need only a signed-in user (switching workspace, signing out). */
export const sessionAction = baseAction.use(async ({ next }) => {
  const session = await getSessionContext();
  if (!session) throw new UserFacingError(SIGNED_OUT_MESSAGE);
  return next({ ctx: { session } });
});

/**
 * Actions on the current workspace. Each declares the permission it needs in its metadata; the role is
 * read from the database for this request, and the workspace is the session's, never the client's.
 */
export const workspaceAction = sessionAction.use(async ({ next, ctx, metadata }) => {
  const current = ctx.session.current;
  if (!current) throw new UserFacingError(SIGNED_OUT_MESSAGE);
  if (!metadata.permission || !metadata.name) throw new Error("A workspace action must declare its name and permission");
  if (!can(current.role, metadata.permission)) throw new ActionRefusedError(NOT_ALLOWED_MESSAGE, "missing_permission");
  if (ctx.session.needsTwoFactorSetup) throw new ActionRefusedError(TWO_FACTOR_REQUIRED_MESSAGE, "two_factor_required");
  const identityConfirmed = !needsStepUp(ctx.session.confirmedAt);
  if (metadata.stepUp && !identityConfirmed) throw new StepUpRequiredError();
  const user = ctx.session.user;
  return next({
    ctx: {
      workspaceId: current.workspaceId,
      workspaceName: current.workspaceName,
      role: current.role,
      change: {
        workspaceId: current.workspaceId,
        actor: { type: "user" as const, id: user.id, label: user.email },
        origin: await currentRequestOrigin(),
        identityConfirmed,
      },
    },
  });
});
