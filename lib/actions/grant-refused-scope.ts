"use server";
import { revalidatePath } from "next/cache";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { grantRefusedScope } from "@/lib/usage/grant-refused-scope";
import { grantRefusedScopeSchema } from "@/lib/validation/usage";
import { workspaceAction } from "./safe-action";

// Raising a scope is a key edit: same permission as the edit form, so a later step-up on edits covers it.
export const grantRefusedScopeAction = workspaceAction
  .metadata({ name: "Grant refused scope", permission: "keys.manage" })
  .inputSchema(async () => grantRefusedScopeSchema(loadedCatalog()))
  .action(async ({ parsedInput, ctx }) => {
    const key = await grantRefusedScope(ctx.change, parsedInput.keyId, parsedInput.scope);
    revalidatePath("/keys");
    revalidatePath(`/keys/${key.id}`);
    revalidatePath("/usage");
    return { keyId: key.id, scopes: key.scopes };
  });
