import "server-only";
import { type ApiError, errorBody, notAuthenticated } from "@/lib/api/errors";
import type { WorkspaceContext } from "./current";
import { getSessionContext } from "./current";
import { can, type Permission } from "./permissions";

/** A JSON refusal in the public API's error shape, never cached. */
export function refusal(error: ApiError): Response {
  return new Response(errorBody(error), {
    status: error.status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

/**
 * For the dashboard's internal route handlers (React Query reads): the signed-in session's current
 * workspace when its role holds the permission, or the refusal to send. Like pages and actions, the
 * check happens here in the server, on every request.
 */
export async function routeAccess(permission: Permission): Promise<{ context: WorkspaceContext } | { refused: Response }> {
  const context = await getSessionContext();
  if (!context) return { refused: refusal(notAuthenticated("Sign in to read this.")) };
  if (!context.current || !can(context.current.role, permission)) {
    return {
      refused: refusal({ status: 403, code: "permission_denied", title: "Permission denied", detail: "Your role cannot read this." }),
    };
  }
  if (context.needsTwoFactorSetup) {
    return {
      refused: refusal({
        status: 403,
        code: "permission_denied",
        title: "Two-factor required",
        detail: "This workspace requires two-factor authentication for Owners and Admins. Set it up first.",
      }),
    };
  }
  return { context: context as WorkspaceContext };
}
