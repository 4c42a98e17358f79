// The periods the usage views offer, each split into buckets small enough to show a shape and few
// enough to read as bars. Client-safe.
export const USAGE_RANGES = {
  "24h": { label: "Last 24 hours", seconds: 24 * 3600, bucketSeconds: 3600 },
  "7d": { label: "Last 7 days", seconds: 7 * 24 * 3600, bucketSeconds: 6 * 3600 },
  "30d": { label: "Last 30 days", seconds: 30 * 24 * 3600, bucketSeconds: 24 * 3600 },
} as const;
export type UsageRange = keyof typeof USAGE_RANGES;
export const USAGE_RANGE_IDS = Object.keys(USAGE_RANGES) as [UsageRange, ...UsageRange[]];

/**
 * The buckets of a range ending now: aligned to whole bucket sizes in UTC (hours, 6-hour blocks, days),
 * the last one holding now.
 */
export function bucketsOf(range: UsageRange, now: Date): { from: Date; starts: Date[]; bucketSeconds: number } {
  const { seconds, bucketSeconds } = USAGE_RANGES[range];
  const count = seconds / bucketSeconds;
  const bucketMs = bucketSeconds * 1000;
  const lastStart = Math.floor(now.getTime() / bucketMs) * bucketMs;
  const starts = Array.from({ length: count }, (_, i) => new Date(lastStart - (count - 1 - i) * bucketMs));
  return { from: starts[0]!, starts, bucketSeconds };
}
