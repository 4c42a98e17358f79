import { z } from "zod";

// A new password: long enough to resist guessing, short enough to bound hashing work. The accounts
// work adds the common-password check and a strength meter; this is the one place to extend.
export const NEW_PASSWORD_MIN = 12;
export const NEW_PASSWORD_MAX = 256;

export const newPasswordSchema = z
  .string({ error: "Enter a new password." })
  .min(1, "Enter a new password.")
  .refine((value) => value.length <= NEW_PASSWORD_MAX * 4 && [...value].length <= NEW_PASSWORD_MAX, {
    message: `A password has at most ${NEW_PASSWORD_MAX} characters.`,
    abort: true,
  })
  .refine((value) => [...value].length >= NEW_PASSWORD_MIN, `Use at least ${NEW_PASSWORD_MIN} characters.`);
