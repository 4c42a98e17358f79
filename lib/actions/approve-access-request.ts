"use server";
import { revalidatePath } from "next/cache";
import { approveAccessRequest } from "@/lib/access-requests/decide";
import { approveAccessRequestSchema } from "@/lib/validation/access-requests";
import { keyFieldErrors } from "./key-field-errors";
import { workspaceAction } from "./safe-action";

// Creates the key as the reviewer set it and returns its secret exactly once, in this response only,
// as createKeyAction does.
export const approveAccessRequestAction = workspaceAction
  .metadata({ permission: "requests.review" })
  .inputSchema(approveAccessRequestSchema)
  .action(async ({ parsedInput: { requestId, ...key }, ctx }) => {
    const { key: created, secret } = await approveAccessRequest({ ...ctx.change, workspaceName: ctx.workspaceName }, requestId, key).catch(
      keyFieldErrors(approveAccessRequestSchema),
    );
    revalidatePath("/", "layout");
    return { keyId: created.id, name: created.name, masked: created.masked, secret };
  });
