"use server";
import { approveAccessRequest } from "@/lib/access-requests/decide";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { approveAccessRequestSchema } from "@/lib/validation/access-requests";
import { keyFieldErrors } from "./key-field-errors";
import { workspaceAction } from "./safe-action";

// Creates the key as the reviewer set it and returns its secret exactly once, in this response only,
// as createKeyAction does. No revalidation: it would re-render the review page, now approved, in place
// of the reveal that holds the secret; the pages read afresh on the next visit (force-dynamic).
export const approveAccessRequestAction = workspaceAction
  .metadata({ name: "Approve access request", permission: "requests.review" })
  .inputSchema(async () => approveAccessRequestSchema(loadedCatalog()))
  .action(async ({ parsedInput: { requestId, ...key }, ctx }) => {
    const { key: created, secret } = await approveAccessRequest({ ...ctx.change, workspaceName: ctx.workspaceName }, requestId, key).catch(
      keyFieldErrors(approveAccessRequestSchema(loadedCatalog())),
    );
    return { keyId: created.id, name: created.name, masked: created.masked, secret };
  });
