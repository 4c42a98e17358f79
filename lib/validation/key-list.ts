import { KEY_STATUSES } from "@/lib/api-keys/status";
import { withoutInvisible } from "./text";
import { z } from "./zod";

export const KEY_SORTS = { newest: "Newest first", oldest: "Oldest first", name: "Name A–Z" } as const;
export type KeySort = keyof typeof KEY_SORTS;

// The list's URL parameters. Anything unrecognised falls back to the default instead of failing:
// a hand-edited URL still shows the list.
export const keyListQuerySchema = z.object({
  status: z.enum(["all", ...KEY_STATUSES]).catch("all"),
  q: z.string().trim().max(64).catch("").transform(withoutInvisible),
  sort: z.enum(Object.keys(KEY_SORTS) as [KeySort, ...KeySort[]]).catch("newest"),
  cursor: z.string().max(512).optional().catch(undefined),
});
export type KeyListQuery = z.output<typeof keyListQuerySchema>;
