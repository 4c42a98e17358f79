"use server";
import { revalidatePath } from "next/cache";
import { narrowUnusedScopes } from "@/lib/usage/narrow-unused-scopes";
import { narrowUnusedScopesSchema } from "@/lib/validation/usage";
import { workspaceAction } from "./safe-action";

export const narrowUnusedScopesAction = workspaceAction
  .metadata({ name: "Narrow unused scopes", permission: "keys.manage" })
  .inputSchema(narrowUnusedScopesSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { key, eventId, narrowed } = await narrowUnusedScopes(ctx.change, parsedInput.keyId, parsedInput.resources);
    revalidatePath("/keys");
    revalidatePath(`/keys/${key.id}`);
    revalidatePath("/usage");
    return { keyId: key.id, narrowed, scopes: key.scopes, eventId };
  });
