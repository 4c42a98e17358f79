"use server";
import { changePassword } from "@/lib/accounts/account";
import { currentRequestOrigin } from "@/lib/auth/current";
import { changePasswordSchema } from "@/lib/validation/accounts";
import { sessionAction } from "./safe-action";

export const changePasswordAction = sessionAction
  .metadata({})
  .inputSchema(changePasswordSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { session } = ctx;
    return changePassword(
      session.user,
      session.sessionId,
      parsedInput.currentPassword,
      parsedInput.newPassword,
      await currentRequestOrigin(),
    );
  });
