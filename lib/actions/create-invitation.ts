"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { trustedOriginForMail } from "@/lib/auth/public-origin";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { mailConfigured, sendMail } from "@/lib/mail/mailer";
import { invitationMail } from "@/lib/mail/messages";
import { invitationPath } from "@/lib/members/invitation-link";
import { createInvitation, INVITATION_DAYS } from "@/lib/members/invitations";
import { createInvitationSchema } from "@/lib/validation/invitations";
import { workspaceAction } from "./safe-action";

export const createInvitationAction = workspaceAction
  .metadata({ name: "Invite member", permission: "members.invite" })
  .inputSchema(createInvitationSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { invitation, token } = await createInvitation(ctx.change, ctx.role, parsedInput);
    revalidatePath("/members");
    const emailed = await mailInvitation(invitation.email, parsedInput.role, token, ctx.workspaceName, ctx.change.actor.label);
    // The token leaves the server this once, in this answer (never cached: see server.ts), and in the email.
    return { email: invitation.email, role: invitation.role, token, days: INVITATION_DAYS, emailed };
  });

/**
 * With SMTP configured, the link is also mailed to the invitee. The invitation stands either way (the
 * dialog shows the link to copy), so a mail server that is down costs the email, not the invitation.
 */
async function mailInvitation(email: string, role: Role, token: string, workspaceName: string, invitedBy: string): Promise<boolean> {
  if (!mailConfigured()) return false;
  const origin = trustedOriginForMail(await headers());
  if (!origin) {
    console.warn("[mail] invitation not mailed: set AUTH_URL so links in emails point at this dashboard");
    return false;
  }
  try {
    await sendMail(
      invitationMail(email, {
        workspaceName,
        invitedBy,
        role: ROLE_LABELS[role],
        link: `${origin}${invitationPath(token)}`,
        days: INVITATION_DAYS,
      }),
    );
    return true;
  } catch (error) {
    console.error(`[mail] invitation to ${email} not sent: ${error instanceof Error ? error.message : error}`);
    return false;
  }
}
