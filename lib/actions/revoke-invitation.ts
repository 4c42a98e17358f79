"use server";
import { revalidatePath } from "next/cache";
import { revokeInvitation } from "@/lib/members/invitations";
import { revokeInvitationSchema } from "@/lib/validation/invitations";
import { workspaceAction } from "./safe-action";

export const revokeInvitationAction = workspaceAction
  .metadata({ name: "Revoke invitation", permission: "members.invite" })
  .inputSchema(revokeInvitationSchema)
  .action(async ({ parsedInput, ctx }) => {
    await revokeInvitation(ctx.change, parsedInput.invitationId);
    revalidatePath("/members");
    return { invitationId: parsedInput.invitationId };
  });
