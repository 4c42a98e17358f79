"use server";
import { revalidatePath } from "next/cache";
import { createInvitation, INVITATION_DAYS } from "@/lib/members/invitations";
import { createInvitationSchema } from "@/lib/validation/invitations";
import { workspaceAction } from "./safe-action";

export const createInvitationAction = workspaceAction
  .metadata({ permission: "members.invite" })
  .inputSchema(createInvitationSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { invitation, token } = await createInvitation(ctx.change, ctx.role, parsedInput);
    revalidatePath("/members");
    // The token leaves the server this once, in this answer (never cached: see server.ts).
    return { email: invitation.email, role: invitation.role, token, days: INVITATION_DAYS };
  });
