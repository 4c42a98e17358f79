"use server";
import { revalidatePath } from "next/cache";
import { currentRequestOrigin } from "@/lib/auth/current";
import { confirmTotpEnrolment } from "@/lib/two-factor/two-factor";
import { totpCodeSchema } from "@/lib/validation/two-factor";
import { sessionAction } from "./safe-action";

export const confirmTotpEnrolmentAction = sessionAction
  .metadata({})
  .inputSchema(totpCodeSchema)
  .action(async ({ parsedInput, ctx }) => {
    const recoveryCodes = await confirmTotpEnrolment(ctx.session.user, parsedInput.code, await currentRequestOrigin());
    revalidatePath("/", "layout");
    return { recoveryCodes };
  });
