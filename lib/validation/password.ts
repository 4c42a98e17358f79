// The one rule for a new password (ASVS 5.0 V6.2, NIST SP 800-63B 3.1.1.2): at least 12 characters, up
// to 128, any Unicode (spaces and emoji included), normalized to NFKC as lib/auth/password.ts hashes it,
// and not among the most common passwords (zxcvbn-ts's maintained list, from @zxcvbn-ts/language-common).
// No composition rules. Server-side only: the list is large; the browser loads its own copy lazily for
// the strength meter (components/auth/new-password-field.tsx).
import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";
import { normalizePassword } from "@/lib/auth/normalize-password";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const TOO_SHORT = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
const TOO_LONG = `A password has at most ${PASSWORD_MAX_LENGTH} characters.`;
export const COMMON_PASSWORD = "This password is one of the most common ones. Choose a less predictable one.";

const common = new Set(dictionary["passwords-common"].map((password) => password.toLowerCase()));

/** Characters as a person counts them (code points, so an emoji is one). */
const length = (password: string) => [...password].length;

export const newPasswordSchema = z
  .string({ error: "Enter a password." })
  // Refused before normalizing or hashing anything: a 4,000-character password costs nothing.
  .max(PASSWORD_MAX_LENGTH * 4, TOO_LONG)
  .transform(normalizePassword)
  .refine((password) => length(password) >= PASSWORD_MIN_LENGTH, TOO_SHORT)
  .refine((password) => length(password) <= PASSWORD_MAX_LENGTH, TOO_LONG)
  .refine((password) => !common.has(password.toLowerCase()), COMMON_PASSWORD);
