// How long usage is kept. The request log (one row per request) grows with traffic, so it is pruned
// after USAGE_RETENTION_DAYS (default 90); the hourly rollup the charts read is small and kept for 13
// months. Pruning runs in the usage writer, in chunks, off the thread that answers the API.
import { z } from "zod";

const DAY_MS = 24 * 3600 * 1000;
export const DEFAULT_RETENTION_DAYS = 90;
const ROLLUP_RETENTION_DAYS = 400;

// Unset, empty or nonsense: the default.
const retentionDays = z.coerce.number().int().min(1).max(3650).catch(DEFAULT_RETENTION_DAYS);

export type PruneBefore = { requests: Date; rollup: Date };

/** What to delete now: request rows and rollup hours older than these. */
export function pruneBefore(now: Date, env: string | undefined = process.env.USAGE_RETENTION_DAYS): PruneBefore {
  const days = retentionDays.parse(env);
  return {
    requests: new Date(now.getTime() - days * DAY_MS),
    rollup: new Date(now.getTime() - Math.max(days, ROLLUP_RETENTION_DAYS) * DAY_MS),
  };
}
