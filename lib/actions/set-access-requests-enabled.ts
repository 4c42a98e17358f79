"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setAccessRequestsEnabled } from "@/lib/workspaces/settings";
import { workspaceAction } from "./safe-action";

export const setAccessRequestsEnabledAction = workspaceAction
  .metadata({ name: "Turn access requests on or off", permission: "settings.manage" })
  .inputSchema(z.object({ enabled: z.boolean({ error: "Choose on or off." }) }))
  .action(async ({ parsedInput, ctx }) => {
    await setAccessRequestsEnabled(ctx.change, parsedInput.enabled);
    revalidatePath("/settings");
    return { enabled: parsedInput.enabled };
  });
