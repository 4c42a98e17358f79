"use server";
import { revalidatePath } from "next/cache";
import { removeMember } from "@/lib/members/members";
import { removeMemberSchema } from "@/lib/validation/members";
import { workspaceAction } from "./safe-action";

export const removeMemberAction = workspaceAction
  .metadata({ name: "Remove member", permission: "members.manage", stepUp: true })
  .inputSchema(removeMemberSchema)
  .action(async ({ parsedInput, ctx }) => {
    await removeMember(ctx.change, parsedInput.membershipId);
    revalidatePath("/members");
    return { removed: parsedInput.membershipId };
  });
