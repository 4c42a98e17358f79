import { KEY_LENGTH } from "@/lib/api-keys/key-format";
import { idSchema } from "./members";
import { z } from "./zod";

// The secret comes from the browser's state right after the key was created; the server checks it
// against the key's stored hash, so only its length is limited here.
export const createHandoverLinkSchema = z.object({
  keyId: idSchema,
  secret: z.string().min(1, "Missing secret.").max(KEY_LENGTH, "That is not a key's secret."),
});

export const cancelHandoverLinkSchema = z.object({ handoverId: idSchema });

/** The body the handover page posts: the token from the link's fragment. Its shape is checked by the domain. */
export const openHandoverSchema = z.object({ token: z.string().max(100) });
