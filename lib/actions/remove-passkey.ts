"use server";
import { revalidatePath } from "next/cache";
import { currentRequestOrigin } from "@/lib/auth/current";
import { removePasskey } from "@/lib/two-factor/passkeys";
import { removePasskeySchema } from "@/lib/validation/two-factor";
import { sessionAction } from "./safe-action";

export const removePasskeyAction = sessionAction
  .metadata({})
  .inputSchema(removePasskeySchema)
  .action(async ({ parsedInput, ctx }) => {
    await removePasskey(ctx.session.user, parsedInput.passkeyId, await currentRequestOrigin());
    revalidatePath("/", "layout");
  });
