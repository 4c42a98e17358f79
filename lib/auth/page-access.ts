import "server-only";
import { redirect } from "next/navigation";
import { requireWorkspaceContext, type WorkspaceContext } from "./current";
import { can, type Permission } from "./permissions";

export const TWO_FACTOR_SETUP_PATH = "/account/security?required=1";

/** For pages: the workspace context and whether its role holds the permission the page needs. */
export async function pageAccess(permission: Permission): Promise<{ context: WorkspaceContext; allowed: boolean }> {
  const context = await requireWorkspaceContext();
  // The workspace requires two-factor of Owners and Admins: set it up before anything else there.
  if (context.needsTwoFactorSetup) redirect(TWO_FACTOR_SETUP_PATH);
  return { context, allowed: can(context.current.role, permission) };
}
