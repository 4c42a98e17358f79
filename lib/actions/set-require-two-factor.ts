"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setRequireTwoFactor } from "@/lib/workspaces/settings";
import { workspaceAction } from "./safe-action";

export const setRequireTwoFactorAction = workspaceAction
  .metadata({ name: "Set the two-factor rule", permission: "settings.manage" })
  .inputSchema(z.object({ required: z.boolean({ error: "Choose on or off." }) }))
  .action(async ({ parsedInput, ctx }) => {
    await setRequireTwoFactor(ctx.change, parsedInput.required);
    revalidatePath("/", "layout");
    return { required: parsedInput.required };
  });
