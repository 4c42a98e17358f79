// Creating a workspace: the workspace, its first Owner and the audit event that opens its chain, in the
// caller's transaction. Used by first-run setup, `npm run user:create` and "Create workspace".
import { randomBytes } from "node:crypto";
import { appendAuditEvent } from "@/lib/audit/append";
import type { AuditActor, RequestOrigin } from "@/lib/audit/types";
import type { Tx } from "@/lib/db";

/** A URL-safe slug from the name, with a random tail so two workspaces of one name never collide. */
export function workspaceSlug(name: string): string {
  const base = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "workspace"}-${randomBytes(3).toString("hex")}`;
}

export async function createWorkspaceOwnedBy(
  tx: Tx,
  { name, owner, actor, origin }: { name: string; owner: { id: string; email: string }; actor: AuditActor; origin?: RequestOrigin },
) {
  const workspace = await tx.workspace.create({ data: { name, slug: workspaceSlug(name) } });
  await tx.membership.create({ data: { workspaceId: workspace.id, userId: owner.id, role: "OWNER" } });
  await appendAuditEvent(tx, {
    workspaceId: workspace.id,
    actor,
    origin,
    action: "workspace.created",
    target: { type: "workspace", id: workspace.id, label: workspace.name },
    metadata: { members: [{ email: owner.email, role: "OWNER" }] },
  });
  return workspace;
}
