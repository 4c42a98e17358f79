// Thirty days of API traffic for the demo's keys, shaped like a business's integrations (busy on
// weekday afternoons UTC, quiet at night and on weekends), with the refusals support staff look into:
// a missing scope now and then, a malformed write, a record that is not there, and the stragglers that
// keep calling after a key was revoked or expired. Written through the server's usage writer, so the
// rows, the hourly rollup and the keys' last use are exactly what the recorder writes, only in larger
// batches.
import { type Decision, latestUse, type UsageEvent } from "@/lib/usage/recorder";
import { createUsageWriter } from "@/lib/usage/writer";
import type { Call, KeyWindow, SeededTraffic } from "./demo-keys";
import { pick, type Random } from "./random";

export const USAGE_DAYS = 30;
const HOUR_MS = 3600 * 1000;
// Rows per batch: one transaction each; on PostgreSQL one statement, whose 12 parameters per row must
// stay under its limit of 65,535.
const CHUNK = 5000;

// Sunday first, as Date#getUTCDay counts.
const WEEKDAY_FACTOR = [0.35, 1, 1, 1, 1, 0.95, 0.45];

// A day's requests per UTC hour: a floor of machine traffic plus a working-day bump around 14:00 UTC.
const HOUR_WEIGHTS = Array.from({ length: 24 }, (_, hour) => 0.15 + Math.exp(-((hour - 14) ** 2) / (2 * 3.5 ** 2)));
const HOUR_WEIGHT_SUM = HOUR_WEIGHTS.reduce((sum, weight) => sum + weight, 0);

const STATUS_ALLOWED = { GET: 200, POST: 201, PATCH: 200 } as const;
const STATUS_REFUSED: Partial<Record<Decision, number>> = {
  missing_scope: 403,
  revoked: 401,
  expired: 401,
  not_found: 404,
  bad_request: 422,
};

/** The requests of every seeded key over the last USAGE_DAYS days before `now`, oldest first. */
export function demoRequests(seeded: SeededTraffic[], now: Date, random: Random): UsageEvent[] {
  const start = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - USAGE_DAYS * 24 * HOUR_MS;
  const events: UsageEvent[] = [];
  for (const { workspaceId, traffic, windows } of seeded) {
    for (let hour = start; hour < now.getTime(); hour += HOUR_MS) {
      const at = new Date(hour);
      const expected = (traffic.perWeekday * WEEKDAY_FACTOR[at.getUTCDay()]! * HOUR_WEIGHTS[at.getUTCHours()]!) / HOUR_WEIGHT_SUM;
      // Busy and slow hours: the same hour of two weekdays differs by up to a fifth either way.
      const count = Math.floor(expected * (0.8 + 0.4 * random()) + random());
      for (let i = 0; i < count; i++) {
        const createdAt = new Date(hour + Math.floor(random() * HOUR_MS));
        if (createdAt >= now) continue;
        const window = windowAt(windows, createdAt, random());
        if (!window) continue;
        const request = (call: Call, decision: Decision): UsageEvent => {
          const method = call.level === "read" ? "GET" : call.item ? "PATCH" : "POST";
          return {
            workspaceId,
            keyId: window.keyId,
            method,
            path: `/api/v1/${call.resource}${call.item ? `/${recordId(random)}` : ""}`,
            resource: call.resource,
            requiredScope: `${call.resource}:${call.level}`,
            decision,
            status: decision === "allowed" ? STATUS_ALLOWED[method] : STATUS_REFUSED[decision]!,
            latencyMs: latency(call, random),
            ip: traffic.ip,
            createdAt,
          };
        };
        const call = pick(
          random,
          traffic.calls.map((c) => ({ weight: c.weight, value: c })),
        );
        if (window.refusedAs) events.push(request(call, window.refusedAs));
        else if (traffic.refused && random() < traffic.refused.share) events.push(request(traffic.refused, "missing_scope"));
        else if (call.item && call.level === "read" && random() < (traffic.notFoundShare ?? 0)) events.push(request(call, "not_found"));
        else if (call.level === "write" && random() < (traffic.badRequestShare ?? 0)) events.push(request(call, "bad_request"));
        else events.push(request(call, "allowed"));
      }
    }
  }
  return events.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * Which key sent a request at this moment: the windows covering it split the traffic by share (a
 * rotation's old and new key); the share no window takes was never sent.
 */
function windowAt(windows: KeyWindow[], at: Date, draw: number): KeyWindow | undefined {
  let left = draw;
  for (const window of windows) {
    if (window.from > at || at >= window.to) continue;
    left -= window.share;
    if (left < 0) return window;
  }
  return undefined;
}

// Reads answer in a few milliseconds, writes take longer, and a few of either take much longer.
function latency(call: Call, random: Random): number {
  const typical = call.level === "read" ? 4 : 11;
  return Math.round(typical * (0.6 + 4 * random() ** 4) * 100) / 100;
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

function recordId(random: Random): string {
  return `rec_${Array.from({ length: 12 }, () => ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)]).join("")}`;
}

/** Writes the requests (oldest first) as the recorder would have, in large batches. */
export async function writeDemoRequests(events: UsageEvent[]): Promise<void> {
  const writer = createUsageWriter();
  try {
    for (let offset = 0; offset < events.length; offset += CHUNK) {
      const batch = events.slice(offset, offset + CHUNK);
      await writer.insert(batch);
      await writer.touchKeys(latestUse(batch));
    }
  } finally {
    await writer.close();
  }
}
