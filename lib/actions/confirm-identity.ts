"use server";
import { confirmIdentity } from "@/lib/auth/confirm-identity";
import { currentRequestOrigin } from "@/lib/auth/current";
import { confirmIdentitySchema } from "@/lib/validation/step-up";
import { sessionAction } from "./safe-action";

// A session action, not a workspace one: the confirmation belongs to the session, whatever workspace it
// is in. The dialog sends the refused action again once this answers.
export const confirmIdentityAction = sessionAction
  .metadata({})
  .inputSchema(confirmIdentitySchema)
  .action(async ({ parsedInput, ctx }) => {
    await confirmIdentity(ctx.session, parsedInput, await currentRequestOrigin());
    return { confirmed: true };
  });
