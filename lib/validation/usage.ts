import type { Catalog } from "@/lib/scopes/catalog";
import { findResource, perCatalog } from "@/lib/scopes/catalog";
import { type Scope, scopeProblems } from "@/lib/scopes/scopes";
import { OUTCOMES, type Outcome } from "@/lib/usage/outcomes";
import { USAGE_RANGE_IDS } from "@/lib/usage/ranges";
import { idSchema } from "./members";
import { z } from "./zod";

// The usage views' parameters, from a page URL or a React Query fetch. A filter that makes no sense
// falls back to its default (a hand-edited URL still shows usage); a key id must be well formed,
// because silently widening a key's view to the whole workspace would mislead.
const range = z.enum(USAGE_RANGE_IDS).catch("24h");
const resource = perCatalog((catalog) =>
  z
    .string()
    .refine((id) => Boolean(findResource(catalog, id)))
    .optional()
    .catch(undefined),
);
/** A filter's UTC time ("2026-12-03T10:15") as a Date. */
export const utcDate = (text: string) => new Date(`${text}Z`);

const outcome = z.enum(["all", ...OUTCOMES] as ["all", ...Outcome[]]).catch("all");

// The request log's finer filters, for answering one customer's question. Times are UTC, as the
// table shows them ("2026-12-03T10:15", seconds optional); a value that makes no sense is dropped.
const utcTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)
  // A date that does not exist (2027-02-30) would roll over into another: refused instead.
  .refine((text) => {
    const at = utcDate(text);
    return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(text);
  })
  .optional()
  .catch(undefined);
const status = z.coerce.number().int().min(100).max(599).optional().catch(undefined);
/** A path prefix, matched literally ("/api/v1/profiles" finds every request to that resource). */
const pathPrefix = z.string().trim().startsWith("/").max(512).optional().catch(undefined);
const address = z.string().trim().min(1).max(64).optional().catch(undefined);
/** The Request-Id a caller quotes, as the API sent it (time-ordered: 9 base-36 and 16 hex characters). */
const requestId = z
  .string()
  .trim()
  .regex(/^[0-9a-z]{9}[0-9a-f]{16}$/)
  .optional()
  .catch(undefined);
/** Each finer filter's rule, by its URL name: the table's inputs check what was typed against the same. */
export const requestFilters = { from: utcTime, to: utcTime, status, path: pathPrefix, ip: address, requestId };
export type RequestFilterName = keyof typeof requestFilters;

export const usageQuerySchema = perCatalog((catalog) =>
  z.object({
    range,
    resource: resource(catalog),
    outcome,
    keyId: idSchema.optional(),
    cursor: z.string().max(512).optional().catch(undefined),
    ...requestFilters,
  }),
);
export type UsageQuery = z.output<ReturnType<typeof usageQuerySchema>>;

export const narrowUnusedScopesSchema = z.object({
  keyId: idSchema,
  resources: z.array(z.string().max(64)).min(1, "Choose at least one scope to narrow.").max(64),
});

export const undoNarrowingSchema = z.object({ keyId: idSchema, eventId: idSchema });

const grantedScope = perCatalog((catalog) =>
  z
    .string({ error: "Name the scope to grant." })
    .max(64, "A scope has at most 64 characters.")
    .superRefine((scope, ctx) => {
      for (const { problem } of scopeProblems(catalog, [scope])) ctx.addIssue({ code: "custom", message: `"${scope}" ${problem}.` });
    })
    .transform((scope) => scope as Scope),
);

export const grantRefusedScopeSchema = perCatalog((catalog) => z.object({ keyId: idSchema, scope: grantedScope(catalog) }));

/**
 * The scope a "Grant <scope>" link (the denied requests on /usage) asks the key's edit form to choose,
 * `?grant=profiles:write`: a scope of the catalog, or, for anything else, what was asked (cut to 64
 * characters) so the form can say it ignored it. The form only preselects; saving checks it again.
 */
export function requestedGrantOf(catalog: Catalog, value: string | string[] | undefined): { scope: Scope } | { ignored: string } | null {
  if (value === undefined) return null;
  const asked = (Array.isArray(value) ? value[0] : value) ?? "";
  const parsed = grantedScope(catalog).safeParse(asked);
  return parsed.success ? { scope: parsed.data } : { ignored: asked.slice(0, 64) };
}

/**
 * The usage pages' URL: the chart's period and resource, the request table's outcome, resource and
 * key. Kept in the URL so a filtered view can be shared and survives a reload; nonsense falls back.
 */
export const usageViewSchema = perCatalog((catalog) =>
  z.object({
    range,
    resource: resource(catalog),
    outcome,
    requestResource: resource(catalog),
    key: idSchema.optional().catch(undefined),
    ...requestFilters,
  }),
);
export type UsageView = z.output<ReturnType<typeof usageViewSchema>>;

/** A page's searchParams (a value may be repeated: the first one counts) as a usage view. */
export function usageViewOf(catalog: Catalog, searchParams: Record<string, string | string[] | undefined>): UsageView {
  return usageViewSchema(catalog).parse(
    Object.fromEntries(Object.entries(searchParams).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value])),
  );
}

/** The request table's part of a page's view, as the recent-requests query takes it. */
export function requestQueryOf({ requestResource, outcome, from, to, status, path, ip, requestId }: UsageView) {
  return { resource: requestResource, outcome, from, to, status, path, ip, requestId };
}
