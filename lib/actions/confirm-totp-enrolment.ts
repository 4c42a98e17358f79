"use server";
import { currentRequestOrigin } from "@/lib/auth/current";
import { confirmTotpEnrolment } from "@/lib/two-factor/two-factor";
import { totpCodeSchema } from "@/lib/validation/two-factor";
import { sessionAction } from "./safe-action";

export const confirmTotpEnrolmentAction = sessionAction
  .metadata({})
  .inputSchema(totpCodeSchema)
  .action(async ({ parsedInput, ctx }) => {
    // No revalidation here: the page would re-render before the recovery codes are read. The
    // client refreshes once they are saved.
    return { recoveryCodes: await confirmTotpEnrolment(ctx.session.user, parsedInput.code, await currentRequestOrigin()) };
  });
