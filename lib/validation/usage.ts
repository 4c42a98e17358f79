import { z } from "zod";
import { findResource } from "@/lib/scopes/catalog";
import { OUTCOMES, type Outcome } from "@/lib/usage/outcomes";
import { USAGE_RANGE_IDS } from "@/lib/usage/ranges";
import { idSchema } from "./members";

// The usage views' parameters, from a page URL or a React Query fetch. A filter that makes no sense
// falls back to its default (a hand-edited URL still shows usage); a key id must be well formed,
// because silently widening a key's view to the whole workspace would mislead.
export const usageQuerySchema = z.object({
  range: z.enum(USAGE_RANGE_IDS).catch("24h"),
  resource: z
    .string()
    .refine((id) => Boolean(findResource(id)))
    .optional()
    .catch(undefined),
  outcome: z.enum(["all", ...OUTCOMES] as ["all", ...Outcome[]]).catch("all"),
  keyId: idSchema.optional(),
  cursor: z.string().max(512).optional().catch(undefined),
});
export type UsageQuery = z.output<typeof usageQuerySchema>;

export const narrowUnusedScopesSchema = z.object({
  keyId: idSchema,
  resources: z.array(z.string().max(64)).min(1, "Choose at least one scope to narrow.").max(64),
});
