"use server";
import { revalidatePath } from "next/cache";
import { cancelHandover } from "@/lib/handover/handovers";
import { cancelHandoverLinkSchema } from "@/lib/validation/handover";
import { workspaceAction } from "./safe-action";

export const cancelHandoverLinkAction = workspaceAction
  .metadata({ name: "Cancel handover link", permission: "keys.manage" })
  .inputSchema(cancelHandoverLinkSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { keyId } = await cancelHandover(ctx.change, parsedInput.handoverId);
    revalidatePath(`/keys/${keyId}`);
    return { handoverId: parsedInput.handoverId };
  });
