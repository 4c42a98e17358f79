"use server";
import { currentPublicOrigin } from "@/lib/auth/current";
import { createHandover } from "@/lib/handover/handovers";
import { createHandoverLinkSchema } from "@/lib/validation/handover";
import { workspaceAction } from "./safe-action";

// The secret arrives from the reveal panel's state and leaves sealed under the link's token; the link
// is in this response only (no-store), with the token in the fragment, which browsers never send to a
// server or put in a Referer. No revalidation: the panel is shown on the page that made the key, and
// re-rendering that page (an access request's, now approved) would take away the reveal holding the
// secret; the key's page reads its links afresh when it is next opened (it is dynamic).
export const createHandoverLinkAction = workspaceAction
  .metadata({ name: "Create handover link", permission: "keys.manage" })
  .inputSchema(createHandoverLinkSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { handover, token } = await createHandover(ctx.change, parsedInput);
    return {
      handoverId: handover.id,
      link: `${await currentPublicOrigin()}/handover#${token}`,
      expiresAt: handover.expiresAt.toISOString(),
    };
  });
