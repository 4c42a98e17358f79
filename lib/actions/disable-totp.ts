"use server";
import { revalidatePath } from "next/cache";
import { currentRequestOrigin } from "@/lib/auth/current";
import { disableTotp } from "@/lib/two-factor/two-factor";
import { disableTotpSchema } from "@/lib/validation/two-factor";
import { sessionAction } from "./safe-action";

export const disableTotpAction = sessionAction
  .metadata({})
  .inputSchema(disableTotpSchema)
  .action(async ({ parsedInput, ctx }) => {
    await disableTotp(ctx.session.user, parsedInput.proof, await currentRequestOrigin());
    revalidatePath("/", "layout");
  });
