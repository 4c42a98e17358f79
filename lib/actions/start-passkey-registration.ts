"use server";
import { currentPublicOrigin } from "@/lib/auth/current";
import { relyingPartyFor, startPasskeyRegistration } from "@/lib/two-factor/passkeys";
import { sessionAction } from "./safe-action";

export const startPasskeyRegistrationAction = sessionAction
  .metadata({})
  .action(async ({ ctx }) => startPasskeyRegistration(ctx.session.user, relyingPartyFor(await currentPublicOrigin())));
