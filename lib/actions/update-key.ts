"use server";
import { revalidatePath } from "next/cache";
import { updateApiKey } from "@/lib/api-keys/lifecycle";
import { updateKeySchema } from "@/lib/validation/keys";
import { keyFieldErrors } from "./key-field-errors";
import { workspaceAction } from "./safe-action";

export const updateKeyAction = workspaceAction
  .metadata({ name: "Edit key", permission: "keys.manage" })
  .inputSchema(updateKeySchema)
  .action(async ({ parsedInput, ctx }) => {
    const key = await updateApiKey(ctx.change, parsedInput).catch(keyFieldErrors(updateKeySchema));
    revalidatePath("/keys");
    revalidatePath(`/keys/${key.id}`);
    return { keyId: key.id };
  });
