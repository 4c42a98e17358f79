"use server";
import { revalidatePath } from "next/cache";
import { updateApiKey } from "@/lib/api-keys/lifecycle";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { updateKeySchema } from "@/lib/validation/keys";
import { keyFieldErrors } from "./key-field-errors";
import { workspaceAction } from "./safe-action";

export const updateKeyAction = workspaceAction
  .metadata({ name: "Edit key", permission: "keys.manage" })
  .inputSchema(async () => updateKeySchema(loadedCatalog()))
  .action(async ({ parsedInput, ctx }) => {
    const key = await updateApiKey(ctx.change, parsedInput).catch(keyFieldErrors(updateKeySchema(loadedCatalog())));
    revalidatePath("/keys");
    revalidatePath(`/keys/${key.id}`);
    return { keyId: key.id };
  });
