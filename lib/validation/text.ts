import { z } from "zod";

// Control characters (and Unicode line/paragraph separators) never belong in a name: they hide text,
// break logs and CSV exports.
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
const CONTROL_EXCEPT_NEWLINE = /(?!\n)[\p{Cc}\p{Zl}\p{Zp}]/u;

export function singleLineText(field: string, max: number) {
  return z
    .string({ error: `${field} must be text.` })
    .max(max * 4, `${field} has at most ${max} characters.`)
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .min(1, `Enter a ${field.toLowerCase()}.`)
        .max(max, `${field} has at most ${max} characters.`)
        .refine((value) => !CONTROL.test(value), `${field} cannot contain control characters.`),
    );
}

export function multiLineText(field: string, max: number) {
  return z
    .string({ error: `${field} must be text.` })
    .max(max * 4, `${field} has at most ${max} characters.`)
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .max(max, `${field} has at most ${max} characters.`)
        .refine((value) => !CONTROL_EXCEPT_NEWLINE.test(value), `${field} cannot contain control characters.`),
    );
}
