// Dates as the dashboard shows them: UTC, so support staff and audit exports agree on the time.
const DATE = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC", hourCycle: "h23" });
const TIME = new Intl.DateTimeFormat("en", { timeStyle: "medium", timeZone: "UTC", hourCycle: "h23" });
const HOUR = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", timeZone: "UTC", hourCycle: "h23" });
const DAY_HOUR = new Intl.DateTimeFormat("en", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  hourCycle: "h23",
});
const DAY_SECOND = new Intl.DateTimeFormat("en", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZone: "UTC",
  hourCycle: "h23",
});
const DAY = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function formatDate(date: Date): string {
  return DATE.format(date);
}

export function formatDateTime(date: Date): string {
  return `${DATE_TIME.format(date)} UTC`;
}

/** "08:37:12 UTC" */
export function formatTime(date: Date): string {
  return `${TIME.format(date)} UTC`;
}

/** To the second, for a log line: "Nov 26, 08:42:05" (UTC, as the column says). */
export function formatLogTime(date: Date): string {
  return DAY_SECOND.format(date);
}

/** A chart bucket's start, as precise as its size needs: "14:00", "Nov 20, 06:00", "Nov 20". */
export function formatBucket(start: Date, bucketSeconds: number): string {
  if (bucketSeconds >= 24 * 3600) return DAY.format(start);
  return bucketSeconds >= 6 * 3600 ? DAY_HOUR.format(start) : HOUR.format(start);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 days ago", "in 2 hours", "just now". */
export function formatRelative(date: Date, now = new Date()): string {
  const seconds = (date.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return RELATIVE.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/** "1 request", "1,274 requests" */
export function countOf(count: number, word: string): string {
  return `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;
}

const NEAR_MS = 48 * 3600 * 1000;

/**
 * How long until a future moment, as a countdown while it is near ("in 58 minutes", "in 5 hours") and
 * as a date beyond two days ("on Dec 3, 2026, 14:00 UTC"). Rounded down, so a countdown never promises
 * more time than is left.
 */
export function formatTimeLeft(end: Date, now = new Date()): string {
  const ms = end.getTime() - now.getTime();
  if (ms >= NEAR_MS) return `on ${formatDateTime(end)}`;
  if (ms <= 0) return "now";
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "in less than a minute";
  if (minutes < 120) return `in ${countOf(minutes, "minute")}`;
  return `in ${countOf(Math.floor(minutes / 60), "hour")}`;
}
