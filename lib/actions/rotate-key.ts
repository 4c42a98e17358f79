"use server";
import { rotateApiKey } from "@/lib/api-keys/lifecycle";
import { rotateKeySchema } from "@/lib/validation/keys";
import { workspaceAction } from "./safe-action";

// Like createKeyAction, the new secret travels in this response only. No revalidatePath here: it would
// re-render the old key's page while its dialog still shows the new secret, and the re-render (the key
// is now rotating, so no Rotate button) would unmount that dialog and lose the secret. The dialog's
// "I've saved it" navigates to the new key, and every key page is rendered fresh on navigation.
export const rotateKeyAction = workspaceAction
  .metadata({ name: "Rotate key", permission: "keys.manage", stepUp: true })
  .inputSchema(rotateKeySchema)
  .action(async ({ parsedInput, ctx }) => {
    const { key, secret } = await rotateApiKey(ctx.change, parsedInput.keyId, parsedInput.grace);
    return { keyId: key.id, name: key.name, masked: key.masked, secret };
  });
