// Usage rows for tests, written the way the server writes them: through the recorder and its batch
// writer, at chosen times.
import { db } from "@/lib/db";
import { READINESS } from "@/lib/usage/readiness";
import { type Decision, type UsageEvent, usageRecorder } from "@/lib/usage/recorder";

export type RequestSpec = {
  workspaceId: string | null;
  keyId?: string | null;
  resource?: string;
  level?: "read" | "write";
  decision?: Decision;
  at: Date;
  path?: string;
  ip?: string | null;
  status?: number;
  field?: string;
  /** A request the gateway forwarded: what the upstream answered, and in how many milliseconds. */
  upstream?: { status: number | null; ms: number };
};

const STATUS: Record<Decision, number> = {
  allowed: 200,
  missing_scope: 403,
  revoked: 401,
  expired: 401,
  invalid: 401,
  ip_not_allowed: 403,
  rate_limited: 429,
  not_found: 404,
  bad_request: 422,
};

export async function recordRequests(specs: RequestSpec[]): Promise<void> {
  for (const spec of specs) {
    const resource = spec.resource ?? "lists";
    const level = spec.level ?? "read";
    const decision = spec.decision ?? "allowed";
    const event: UsageEvent = {
      workspaceId: spec.workspaceId,
      keyId: spec.keyId ?? null,
      method: level === "read" ? "GET" : "POST",
      path: spec.path ?? `/api/v1/${resource}`,
      resource,
      requiredScope: `${resource}:${level}`,
      decision,
      status: spec.status ?? STATUS[decision],
      latencyMs: 1.5,
      ip: spec.ip === undefined ? "198.51.100.7" : spec.ip,
      createdAt: spec.at,
      field: spec.field ?? null,
      ...(spec.upstream && { upstreamStatus: spec.upstream.status, upstreamMs: spec.upstream.ms }),
    };
    usageRecorder.record(event);
  }
  await usageRecorder.flush();
}

export const hoursAgo = (hours: number, now = new Date()) => new Date(now.getTime() - hours * 3600 * 1000);

/**
 * Makes a key one the unused-scope suggestions may judge (lib/usage/readiness.ts): created ten days
 * ago, with READINESS.requests reads of tags three days back (outside a 24-hour view; a 404 on a
 * resource the key does not hold, so it proves nothing about its scopes).
 */
export async function watchedLongEnough(workspaceId: string, keyId: string): Promise<void> {
  await db.apiKey.update({ where: { id: keyId }, data: { createdAt: hoursAgo((READINESS.days + 3) * 24) } });
  await recordRequests(
    Array.from({ length: READINESS.requests }, (_, i) => ({
      workspaceId,
      keyId,
      resource: "tags",
      decision: "not_found" as const,
      at: hoursAgo(72 + (i % 24)),
    })),
  );
}
