import { z } from "zod";

/** A path on this site, never another origin ("//evil.test", "/\\evil.test"), or undefined. */
export function safeCallbackPath(url: string | undefined): string | undefined {
  return url && /^\/(?![/\\])[^\s]*$/.test(url) && url.length <= 2048 ? url : undefined;
}

/** An email address as accounts store it: trimmed and lower-case. */
export const emailSchema = z
  .string({ error: "Enter your email." })
  .trim()
  .min(1, "Enter your email.")
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email({ error: "Enter an email address like name@example.com." }))
  .transform((email) => email.toLowerCase());

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(256, "A password has at most 256 characters."),
  // Where to go after signing in: a path on this site only, never another origin.
  callbackUrl: z
    .string()
    .optional()
    .transform((url) => safeCallbackPath(url) ?? "/keys"),
});
export type SignInInput = z.input<typeof signInSchema>;
