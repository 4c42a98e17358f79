"use server";
import { revalidatePath } from "next/cache";
import { createApiKey } from "@/lib/api-keys/lifecycle";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { createKeySchema } from "@/lib/validation/keys";
import { keyFieldErrors } from "./key-field-errors";
import { workspaceAction } from "./safe-action";

// Returns the secret exactly once, in this response only (the custom server marks action responses
// no-store); it is never stored, logged or rendered by a server component.
export const createKeyAction = workspaceAction
  .metadata({ name: "Create key", permission: "keys.manage" })
  .inputSchema(async () => createKeySchema(loadedCatalog()))
  .action(async ({ parsedInput, ctx }) => {
    const { key, secret } = await createApiKey(ctx.change, parsedInput).catch(keyFieldErrors(createKeySchema(loadedCatalog())));
    revalidatePath("/keys");
    return { keyId: key.id, name: key.name, masked: key.masked, secret };
  });
