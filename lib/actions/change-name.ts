"use server";
import { revalidatePath } from "next/cache";
import { changeName } from "@/lib/accounts/account";
import { changeNameSchema } from "@/lib/validation/accounts";
import { sessionAction } from "./safe-action";

export const changeNameAction = sessionAction
  .metadata({})
  .inputSchema(changeNameSchema)
  .action(async ({ parsedInput, ctx }) => {
    await changeName(ctx.session.user.id, parsedInput.name);
    revalidatePath("/", "layout");
    return { name: parsedInput.name };
  });
