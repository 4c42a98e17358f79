"use server";
import { revalidatePath } from "next/cache";
import { rotateApiKey } from "@/lib/api-keys/lifecycle";
import { rotateKeySchema } from "@/lib/validation/keys";
import { workspaceAction } from "./safe-action";

// Like createKeyAction, the new secret travels in this response only.
export const rotateKeyAction = workspaceAction
  .metadata({ permission: "keys.manage" })
  .inputSchema(rotateKeySchema)
  .action(async ({ parsedInput, ctx }) => {
    const { key, secret } = await rotateApiKey(ctx.change, parsedInput.keyId, parsedInput.grace);
    revalidatePath("/keys");
    revalidatePath(`/keys/${parsedInput.keyId}`);
    return { keyId: key.id, name: key.name, masked: key.masked, secret };
  });
