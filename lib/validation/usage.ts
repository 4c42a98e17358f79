import { findResource } from "@/lib/scopes/catalog";
import { type Scope, scopeProblems } from "@/lib/scopes/scopes";
import { OUTCOMES, type Outcome } from "@/lib/usage/outcomes";
import { USAGE_RANGE_IDS } from "@/lib/usage/ranges";
import { idSchema } from "./members";
import { z } from "./zod";

// The usage views' parameters, from a page URL or a React Query fetch. A filter that makes no sense
// falls back to its default (a hand-edited URL still shows usage); a key id must be well formed,
// because silently widening a key's view to the whole workspace would mislead.
const range = z.enum(USAGE_RANGE_IDS).catch("24h");
const resource = z
  .string()
  .refine((id) => Boolean(findResource(id)))
  .optional()
  .catch(undefined);
const outcome = z.enum(["all", ...OUTCOMES] as ["all", ...Outcome[]]).catch("all");

export const usageQuerySchema = z.object({
  range,
  resource,
  outcome,
  keyId: idSchema.optional(),
  cursor: z.string().max(512).optional().catch(undefined),
});
export type UsageQuery = z.output<typeof usageQuerySchema>;

export const narrowUnusedScopesSchema = z.object({
  keyId: idSchema,
  resources: z.array(z.string().max(64)).min(1, "Choose at least one scope to narrow.").max(64),
});

export const undoNarrowingSchema = z.object({ keyId: idSchema, eventId: idSchema });

export const grantRefusedScopeSchema = z.object({
  keyId: idSchema,
  scope: z
    .string({ error: "Name the scope to grant." })
    .max(64, "A scope has at most 64 characters.")
    .superRefine((scope, ctx) => {
      for (const { problem } of scopeProblems([scope])) ctx.addIssue({ code: "custom", message: `"${scope}" ${problem}.` });
    })
    .transform((scope) => scope as Scope),
});

/**
 * The usage pages' URL: the chart's period and resource, the request table's outcome, resource and
 * key. Kept in the URL so a filtered view can be shared and survives a reload; nonsense falls back.
 */
export const usageViewSchema = z.object({
  range,
  resource,
  outcome,
  requestResource: resource,
  key: idSchema.optional().catch(undefined),
});
export type UsageView = z.output<typeof usageViewSchema>;

/** A page's searchParams (a value may be repeated: the first one counts) as a usage view. */
export function usageViewOf(searchParams: Record<string, string | string[] | undefined>): UsageView {
  return usageViewSchema.parse(
    Object.fromEntries(Object.entries(searchParams).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value])),
  );
}
