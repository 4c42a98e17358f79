"use server";
import { revalidatePath } from "next/cache";
import { currentPublicOrigin, currentRequestOrigin } from "@/lib/auth/current";
import { finishPasskeyRegistration, relyingPartyFor } from "@/lib/two-factor/passkeys";
import { passkeyRegistrationSchema } from "@/lib/validation/two-factor";
import { sessionAction } from "./safe-action";

export const finishPasskeyRegistrationAction = sessionAction
  .metadata({})
  .inputSchema(passkeyRegistrationSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await finishPasskeyRegistration(
      ctx.session.user,
      parsedInput,
      relyingPartyFor(await currentPublicOrigin()),
      await currentRequestOrigin(),
    );
    revalidatePath("/", "layout");
    return result;
  });
