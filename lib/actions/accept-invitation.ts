"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentRequestOrigin } from "@/lib/auth/current";
import { switchCurrentWorkspace } from "@/lib/auth/sessions";
import { signInNewAccount } from "@/lib/auth/sign-in-steps";
import { UserFacingError } from "@/lib/errors";
import { acceptInvitationAsNewUser, acceptInvitationAsUser } from "@/lib/members/invitations";
import { acceptInvitationAsNewUserSchema, acceptInvitationSchema } from "@/lib/validation/invitations";
import { sessionAction } from "./safe-action";

export type AcceptInvitationState = {
  fieldErrors?: { name?: string[]; password?: string[]; token?: string[] };
  formError?: string;
  name?: string;
};

// A person without an account: a plain form action (no session yet), then signed in to the workspace.
export async function acceptInvitationAsNewUserAction(
  _previous: AcceptInvitationState,
  formData: FormData,
): Promise<AcceptInvitationState> {
  const raw = { token: formData.get("token"), name: formData.get("name"), password: formData.get("password") };
  const name = typeof raw.name === "string" ? raw.name.slice(0, 100) : "";
  const parsed = acceptInvitationAsNewUserSchema.safeParse(raw);
  if (!parsed.success) return { name, fieldErrors: z.flattenError(parsed.error).fieldErrors };
  let userId: string;
  try {
    ({ userId } = await acceptInvitationAsNewUser(parsed.data.token, parsed.data, await currentRequestOrigin()));
  } catch (error) {
    if (error instanceof UserFacingError) return { name, formError: error.message };
    throw error;
  }
  return { name, ...(await signInNewAccount(userId, "/keys")) };
}

// Someone signed in as the invited email: joins, and the new workspace becomes the current one.
export const acceptInvitationAction = sessionAction
  .metadata({})
  .inputSchema(acceptInvitationSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { workspaceId } = await acceptInvitationAsUser(parsedInput.token, ctx.session.user, await currentRequestOrigin());
    await switchCurrentWorkspace(ctx.session.sessionId, ctx.session.user.id, workspaceId);
    redirect("/keys");
  });
