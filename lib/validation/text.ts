import { z } from "./zod";

// Characters that never belong in a name: control characters, Unicode line/paragraph separators, and
// every format character (\p{Cf}: zero-width spaces and joiners, bidirectional overrides such as
// U+202E, the BOM), plus unassigned, private-use and lone surrogate code points and the Hangul fillers,
// which render as nothing. They hide text, make `acme-A` and `acme-A` + U+200B look like one name, and
// reorder what a reviewer reads. Multi-line text may keep its newlines.
const INVISIBLE = String.raw`\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0`;
const FORBIDDEN = new RegExp(`[${INVISIBLE}]`, "u");
const FORBIDDEN_EXCEPT_NEWLINE = new RegExp(`(?!\\n)[${INVISIBLE}]`, "u");

/** Trimmed text of at most `max` characters; oversized input is refused before any other work. */
function text(field: string, max: number, { required, forbidden }: { required: boolean; forbidden: RegExp }) {
  const tooLong = `${field} has at most ${max} characters.`;
  const trimmed = z.string().max(max, tooLong);
  return z
    .string({ error: `${field} must be text.` })
    .max(max * 4, tooLong)
    .transform((value) => value.trim())
    .pipe(required ? trimmed.min(1, `Enter a ${field.toLowerCase()}.`) : trimmed)
    .refine((value) => !forbidden.test(value), `${field} cannot contain control characters or invisible formatting characters.`);
}

export function singleLineText(field: string, max: number) {
  return text(field, max, { required: true, forbidden: FORBIDDEN });
}

export function multiLineText(field: string, max: number) {
  return text(field, max, { required: false, forbidden: FORBIDDEN_EXCEPT_NEWLINE });
}

/** Drops what a name can never contain, for search terms that should still find something. */
export function withoutInvisible(value: string): string {
  return value.replace(new RegExp(FORBIDDEN.source, "gu"), "");
}

/**
 * The form under which two names count as the same: NFKC (full-width `ＡＣＭＥ` and ligatures fold to
 * their plain letters, a no-break space to a space), lower case, runs of spaces as one. Names that
 * differ only in those ways look alike on screen, so they must not name two different things.
 */
export function comparableName(name: string): string {
  return name.normalize("NFKC").toLowerCase().normalize("NFKC").replace(/\s+/gu, " ").trim();
}
