"use server";
import { revalidatePath } from "next/cache";
import { undoUnusedScopesNarrowing } from "@/lib/usage/narrow-unused-scopes";
import { undoNarrowingSchema } from "@/lib/validation/usage";
import { workspaceAction } from "./safe-action";

export const undoNarrowingAction = workspaceAction
  .metadata({ name: "Undo narrowing", permission: "keys.manage" })
  .inputSchema(undoNarrowingSchema)
  .action(async ({ parsedInput, ctx }) => {
    const key = await undoUnusedScopesNarrowing(ctx.change, parsedInput.keyId, parsedInput.eventId);
    revalidatePath("/keys");
    revalidatePath(`/keys/${key.id}`);
    revalidatePath("/usage");
    return { keyId: key.id, scopes: key.scopes };
  });
