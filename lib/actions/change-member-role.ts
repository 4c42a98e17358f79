"use server";
import { revalidatePath } from "next/cache";
import { changeMemberRole } from "@/lib/members/members";
import { changeMemberRoleSchema } from "@/lib/validation/members";
import { workspaceAction } from "./safe-action";

export const changeMemberRoleAction = workspaceAction
  .metadata({ name: "Change member role", permission: "members.manage", stepUp: true })
  .inputSchema(changeMemberRoleSchema)
  .action(async ({ parsedInput, ctx }) => {
    const member = await changeMemberRole(ctx.change, parsedInput.membershipId, parsedInput.role);
    revalidatePath("/members");
    return { membershipId: member.id, role: member.role };
  });
