import { withoutInvisible } from "./text";
import { z } from "./zod";

// The audit log's URL: who acted, what they did, to what, and when (UTC), plus the page cursor. Kept in
// the URL so a filtered view can be shared. A filter that makes no sense falls back to "any" (a
// hand-edited URL still shows the log); the page says which filters are applied, so nothing widens
// silently.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => withoutInvisible(value) || undefined)
    .optional()
    .catch(undefined);

/** "2026-12-03T10:15" (a datetime-local value, read as UTC) or a full ISO timestamp. */
const utcTime = z
  .string()
  .max(40)
  .transform((value) => new Date(/(Z|[+-]\d\d:\d\d)$/.test(value) ? value : `${value}Z`))
  .refine((date) => !Number.isNaN(date.getTime()))
  .optional()
  .catch(undefined);

export const auditQuerySchema = z.object({
  /** A user id, a key id, or "system". */
  actor: optionalText(64),
  action: z
    .string()
    .regex(/^[a-z_]+\.[a-z_]+$/)
    .max(64)
    .optional()
    .catch(undefined),
  /** A key or member, by name, email, key prefix or last four characters. */
  target: optionalText(64),
  from: utcTime,
  to: utcTime,
  cursor: z.string().max(512).optional().catch(undefined),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;
export type AuditFilters = Omit<AuditQuery, "cursor">;

/** A page's searchParams or a URL's (a value may be repeated: the first one counts) as an audit query. */
export function auditQueryOf(searchParams: Record<string, string | string[] | undefined> | URLSearchParams): AuditQuery {
  const entries =
    searchParams instanceof URLSearchParams
      ? [...searchParams.keys()].map((name) => [name, searchParams.get(name) ?? undefined] as const)
      : Object.entries(searchParams).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value] as const);
  return auditQuerySchema.parse(Object.fromEntries(entries));
}
