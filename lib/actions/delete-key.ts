"use server";
import { revalidatePath } from "next/cache";
import { deleteApiKey } from "@/lib/api-keys/lifecycle";
import { deleteKeySchema } from "@/lib/validation/keys";
import { workspaceAction } from "./safe-action";

export const deleteKeyAction = workspaceAction
  .metadata({ name: "Delete key", permission: "keys.delete", stepUp: true })
  .inputSchema(deleteKeySchema)
  .action(async ({ parsedInput, ctx }) => {
    await deleteApiKey(ctx.change, parsedInput.keyId);
    revalidatePath("/keys");
    return { keyId: parsedInput.keyId };
  });
