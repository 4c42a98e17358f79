import { z } from "./zod";

// Resolved against a placeholder origin: only a reference that stays on it is a path of this site.
const PLACEHOLDER_ORIGIN = "http://keysmith.invalid";
const MAX_CALLBACK_LENGTH = 2048;
// Raw whitespace and control characters are refused before parsing: the URL parser silently drops
// tabs and newlines, so "/\t/evil.test" would become "//evil.test".
const CONTROL_OR_SPACE = /[\s\p{Cc}\p{Cf}]/u;

/**
 * The normalized path (+ search + hash) of a callback that stays on this site, or undefined.
 * The value is resolved as a URL the way a browser would (dot segments, backslashes, percent-encoded
 * dots), against `origin` when given (so an absolute URL to this very site is kept); anything that
 * leaves the origin, or whose path a later decoding could turn into another origin ("//evil.test",
 * "/%2F/evil.test", "/%5Cevil.test": no empty segment, no backslash, no encoded slash), is refused.
 */
export function safeCallbackPath(value: string | undefined, origin: string = PLACEHOLDER_ORIGIN): string | undefined {
  if (!value || value.length > MAX_CALLBACK_LENGTH || CONTROL_OR_SPACE.test(value)) return undefined;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base.origin || url.username || url.password) return undefined;
  // A relative reference must look like a path: "keys" or "?x" resolve on the site but are not what a
  // redirect to a page means; an absolute one must name this origin (checked above).
  if (!value.startsWith("/") && !/^https?:\/\//i.test(value)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes("//") || decoded.includes("\\") || /%(2f|5c)/i.test(decoded) || CONTROL_OR_SPACE.test(decoded)) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.length <= MAX_CALLBACK_LENGTH ? path : undefined;
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
