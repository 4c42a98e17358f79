"use server";
import { currentPublicOrigin, currentRequestOrigin } from "@/lib/auth/current";
import { finishPasskeyRegistration, relyingPartyFor } from "@/lib/two-factor/passkeys";
import { passkeyRegistrationSchema } from "@/lib/validation/two-factor";
import { sessionAction } from "./safe-action";

export const finishPasskeyRegistrationAction = sessionAction
  .metadata({})
  .inputSchema(passkeyRegistrationSchema)
  .action(async ({ parsedInput, ctx }) => {
    // No revalidation: the client refreshes once any recovery codes shown are saved.
    return finishPasskeyRegistration(
      ctx.session.user,
      parsedInput,
      relyingPartyFor(await currentPublicOrigin()),
      await currentRequestOrigin(),
    );
  });
