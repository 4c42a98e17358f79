import { z } from "./zod";

// Control characters (and Unicode line/paragraph separators) never belong in a name: they hide text,
// break logs and CSV exports. Multi-line text may keep its newlines.
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
const CONTROL_EXCEPT_NEWLINE = /(?!\n)[\p{Cc}\p{Zl}\p{Zp}]/u;

/** Trimmed text of at most `max` characters; oversized input is refused before any other work. */
function text(field: string, max: number, { required, forbidden }: { required: boolean; forbidden: RegExp }) {
  const tooLong = `${field} has at most ${max} characters.`;
  const trimmed = z.string().max(max, tooLong);
  return z
    .string({ error: `${field} must be text.` })
    .max(max * 4, tooLong)
    .transform((value) => value.trim())
    .pipe(required ? trimmed.min(1, `Enter a ${field.toLowerCase()}.`) : trimmed)
    .refine((value) => !forbidden.test(value), `${field} cannot contain control characters.`);
}

export function singleLineText(field: string, max: number) {
  return text(field, max, { required: true, forbidden: CONTROL });
}

export function multiLineText(field: string, max: number) {
  return text(field, max, { required: false, forbidden: CONTROL_EXCEPT_NEWLINE });
}
