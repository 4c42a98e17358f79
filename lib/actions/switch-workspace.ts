"use server";
import { revalidatePath } from "next/cache";
import { switchCurrentWorkspace } from "@/lib/auth/sessions";
import { NotFoundError } from "@/lib/errors";
import { switchWorkspaceSchema } from "@/lib/validation/members";
import { sessionAction } from "./safe-action";

export const switchWorkspaceAction = sessionAction
  .metadata({})
  .inputSchema(switchWorkspaceSchema)
  .action(async ({ parsedInput, ctx }) => {
    const switched = await switchCurrentWorkspace(ctx.session.sessionId, ctx.session.user.id, parsedInput.workspaceId);
    if (!switched) throw new NotFoundError("That workspace was not found.");
    revalidatePath("/", "layout");
    return { workspaceId: parsedInput.workspaceId };
  });
