"use server";
import { currentPublicOrigin } from "@/lib/auth/current";
import { createResetLinkForMember, resetLinkPath } from "@/lib/auth/password-reset";
import { createResetLinkSchema } from "@/lib/validation/password-reset";
import { workspaceAction } from "./safe-action";

export const createResetLinkAction = workspaceAction
  .metadata({ name: "Create password reset link", permission: "members.reset_password" })
  .inputSchema(createResetLinkSchema)
  .action(async ({ parsedInput, ctx }) => {
    const link = await createResetLinkForMember(ctx.change, ctx.role, parsedInput.membershipId);
    // Shown to the Owner or Admin who asked, in their own browser: their Host header is theirs to trust.
    return { link: `${await currentPublicOrigin()}${resetLinkPath(link.token)}`, expiresAt: link.expiresAt.toISOString() };
  });
