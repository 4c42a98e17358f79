// `npm run user:create`: an account made from a shell, for automated installs. Like first-run setup,
// the first account it makes completes setup (the same InstanceSetup row, the same audit event); later
// ones join a workspace given by name, which is created (with them as Owner) when none has that name.
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/append";
import { hashPassword } from "@/lib/auth/password";
import { ROLES } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { personNameSchema, workspaceNameSchema } from "@/lib/validation/accounts";
import { newPasswordSchema } from "@/lib/validation/password";
import { emailSchema } from "@/lib/validation/sign-in";
import { createWorkspaceOwnedBy } from "@/lib/workspaces/workspaces";
import { claimInstanceSetup } from "./first-run";

export const createUserSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  password: newPasswordSchema,
  workspace: workspaceNameSchema,
  role: z.enum(ROLES, { error: "--role is OWNER, ADMIN or SUPPORT." }),
});

const ACTOR = { type: "system" as const, label: "Command line (npm run user:create)" };

export async function createUserFromShell(input: z.output<typeof createUserSchema>): Promise<string[]> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } }))
      throw new ConflictError(`An account for ${input.email} exists already; nothing was changed.`);
    const first = (await tx.user.count()) === 0;
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
    const done = [`created the account ${user.email} (${user.name})`];
    let workspace = await tx.workspace.findFirst({ where: { name: input.workspace }, orderBy: { createdAt: "asc" } });
    if (workspace) {
      await tx.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: input.role } });
      await appendAuditEvent(tx, {
        workspaceId: workspace.id,
        actor: ACTOR,
        action: "member.added",
        target: { type: "user", id: user.id, label: user.email },
        metadata: { after: { role: input.role } },
      });
      done.push(`added it to the workspace ${workspace.name} as ${input.role}`);
    } else {
      workspace = await createWorkspaceOwnedBy(tx, { name: input.workspace, owner: user, actor: ACTOR });
      done.push(`created the workspace ${workspace.name} with ${user.email} as OWNER`);
    }
    if (first) {
      await claimInstanceSetup(tx, user.id);
      await appendAuditEvent(tx, {
        workspaceId: workspace.id,
        actor: ACTOR,
        action: "setup.completed",
        target: { type: "user", id: user.id, label: user.email },
      });
      done.push("completed first-run setup (the /setup page is closed)");
    }
    return done;
  });
}
