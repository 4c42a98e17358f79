import "server-only";
import { requireWorkspaceContext, type WorkspaceContext } from "./current";
import { can, type Permission } from "./permissions";

/** For pages: the workspace context and whether its role holds the permission the page needs. */
export async function pageAccess(permission: Permission): Promise<{ context: WorkspaceContext; allowed: boolean }> {
  const context = await requireWorkspaceContext();
  return { context, allowed: can(context.current.role, permission) };
}
