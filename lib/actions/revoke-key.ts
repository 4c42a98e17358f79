"use server";
import { revalidatePath } from "next/cache";
import { revokeApiKey } from "@/lib/api-keys/lifecycle";
import { revokeKeySchema } from "@/lib/validation/keys";
import { workspaceAction } from "./safe-action";

export const revokeKeyAction = workspaceAction
  .metadata({ name: "Revoke key", permission: "keys.manage", stepUp: true })
  .inputSchema(revokeKeySchema)
  .action(async ({ parsedInput, ctx }) => {
    await revokeApiKey(ctx.change, parsedInput.keyId, parsedInput.reason);
    revalidatePath("/keys");
    revalidatePath(`/keys/${parsedInput.keyId}`);
    return { keyId: parsedInput.keyId };
  });
