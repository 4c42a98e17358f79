"use server";
import { revalidatePath } from "next/cache";
import { currentRequestOrigin } from "@/lib/auth/current";
import { switchCurrentWorkspace } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { createWorkspaceSchema } from "@/lib/validation/accounts";
import { createWorkspaceOwnedBy } from "@/lib/workspaces/workspaces";
import { sessionAction } from "./safe-action";

// Any signed-in person may start a workspace of their own; they are its Owner and it becomes current.
export const createWorkspaceAction = sessionAction
  .metadata({})
  .inputSchema(createWorkspaceSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { user, sessionId } = ctx.session;
    const origin = await currentRequestOrigin();
    const workspace = await db.$transaction((tx) =>
      createWorkspaceOwnedBy(tx, { name: parsedInput.name, owner: user, actor: { type: "user", id: user.id, label: user.email }, origin }),
    );
    await switchCurrentWorkspace(sessionId, user.id, workspace.id);
    revalidatePath("/", "layout");
    return { workspaceId: workspace.id, name: workspace.name };
  });
