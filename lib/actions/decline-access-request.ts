"use server";
import { revalidatePath } from "next/cache";
import { declineAccessRequest } from "@/lib/access-requests/decide";
import { declineAccessRequestSchema } from "@/lib/validation/access-requests";
import { workspaceAction } from "./safe-action";

export const declineAccessRequestAction = workspaceAction
  .metadata({ name: "Decline access request", permission: "requests.review" })
  .inputSchema(declineAccessRequestSchema)
  .action(async ({ parsedInput, ctx }) => {
    await declineAccessRequest({ ...ctx.change, workspaceName: ctx.workspaceName }, parsedInput.requestId, parsedInput.message);
    // The layout's navigation counts the pending requests.
    revalidatePath("/", "layout");
    return { requestId: parsedInput.requestId };
  });
