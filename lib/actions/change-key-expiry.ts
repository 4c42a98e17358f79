"use server";
import { revalidatePath } from "next/cache";
import { changeApiKeyExpiry } from "@/lib/api-keys/lifecycle";
import { changeKeyExpirySchema } from "@/lib/validation/keys";
import { workspaceAction } from "./safe-action";

export const changeKeyExpiryAction = workspaceAction
  .metadata({ name: "Change key expiry", permission: "keys.manage" })
  .inputSchema(changeKeyExpirySchema)
  .action(async ({ parsedInput, ctx }) => {
    const key = await changeApiKeyExpiry(ctx.change, parsedInput);
    revalidatePath("/keys");
    revalidatePath(`/keys/${key.id}`);
    return { keyId: key.id, expiresAt: key.expiresAt?.toISOString() ?? null };
  });
