import { z } from "./zod";

/**
 * What a server action answers (as its serverError) when the session's last confirmation is older than
 * STEP_UP_MINUTES: the browser asks for the password or a code, then sends the same action again.
 */
export const STEP_UP_REQUIRED = "step_up_required";

/** What "Confirm it's you" sends: the password, or a code (6 digits from the app, or a recovery code). */
export const confirmIdentitySchema = z.discriminatedUnion("method", [
  z.object({
    method: z.literal("password"),
    password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(256, "A password has at most 256 characters."),
  }),
  z.object({
    method: z.literal("code"),
    code: z
      .string({ error: "Enter a code from your app or a recovery code." })
      .trim()
      .min(1, "Enter a code from your app or a recovery code.")
      .max(64, "That is not a code: it is far too long."),
  }),
]);
export type ConfirmIdentityInput = z.input<typeof confirmIdentitySchema>;
