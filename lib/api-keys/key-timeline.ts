// A key's life on one line, newest first: its creation (by whom, with which access), every access
// change, its rotations with their grace, its revocation, and every other audit event of the key; and
// from usage, its first and last use and the requests refused per day and reason. Read from the audit
// log and the usage tables of the key's own workspace. The key page's one account of what happened.
import { describeAccess, describeAccessChange } from "@/lib/audit/describe";
import { auditActionLabel } from "@/lib/audit/labels";
import { db } from "@/lib/db";
import { formatDate, formatDateTime } from "@/lib/format";
import { describeRecordedRateLimit } from "@/lib/rate-limit/rate-limit";
import { DECISION_LABELS, REFUSED_DECISIONS } from "@/lib/usage/outcomes";
import { ROTATION_GRACE } from "@/lib/validation/keys";

export type TimelineEntry = {
  id: string;
  at: Date;
  kind: "change" | "use" | "denial";
  title: string;
  detail: string | null;
  /** For an entry that is an audit event, its action, so the page can link to it on /audit. */
  auditAction: string | null;
};

/** How far back the refusals per day go: the usage page's longest range. */
export const DENIALS_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

type Meta = Record<string, unknown>;
const record = (value: unknown): Meta => (value && typeof value === "object" && !Array.isArray(value) ? (value as Meta) : {});
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

const expiryOf = (value: unknown) => (typeof value === "string" ? formatDateTime(new Date(value)) : "Never");

function changeEntry(event: { id: string; action: string; actorLabel: string; createdAt: Date; metadata: string }): TimelineEntry {
  const meta = JSON.parse(event.metadata) as Meta;
  const by = `by ${event.actorLabel}`;
  const why = typeof meta.reason === "string" && meta.reason ? meta.reason : null;
  const entry = (title: string, detail: string) => ({
    id: event.id,
    at: event.createdAt,
    kind: "change" as const,
    title,
    detail,
    auditAction: event.action,
  });
  switch (event.action) {
    case "key.created":
      return entry(
        meta.rotatedFrom ? "Created as a rotation's replacement" : "Created",
        `${by}, with ${describeAccess(strings(meta.scopes))}`,
      );
    case "key.scopes_changed":
      return entry("Changed access", `${describeAccessChange(strings(meta.before), strings(meta.after))}${why ? ` (${why})` : ""}, ${by}`);
    case "key.rotated": {
      const grace = ROTATION_GRACE[meta.grace as keyof typeof ROTATION_GRACE]?.label ?? String(meta.grace);
      const until = typeof meta.oldKeyWorksUntil === "string" ? formatDateTime(new Date(meta.oldKeyWorksUntil)) : "its grace ended";
      return entry("Rotated", `${by}; grace ${grace}: the old secret keeps working until ${until}`);
    }
    case "key.revoked":
      return entry("Revoked", why ? `${by}: ${why}` : by);
    case "key.expiry_changed":
      return entry("Expiry changed", `${expiryOf(meta.before)} -> ${expiryOf(meta.after)}${why ? ` (${why})` : ""}, ${by}`);
    case "key.updated": {
      const [before, after] = [record(meta.before), record(meta.after)];
      const changed = [
        before.name !== after.name ? `name '${String(before.name)}' -> '${String(after.name)}'` : null,
        before.description !== after.description ? "description" : null,
        "ipAllowList" in after ? "IP allow-list" : null,
        "rateLimit" in after
          ? `rate limit ${describeRecordedRateLimit(before.rateLimit)} -> ${describeRecordedRateLimit(after.rateLimit)}`
          : null,
      ].filter((part) => part !== null);
      return entry("Details changed", `${changed.join(", ") || "no change"}, ${by}`);
    }
    default:
      // An event this list has no words of its own for is still shown, by its name in the audit log.
      return entry(auditActionLabel(event.action), by);
  }
}

export async function keyTimeline(workspaceId: string, keyId: string, { withUsage }: { withUsage: boolean }, now = new Date()) {
  const key = { workspaceId, keyId };
  const since = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - (DENIALS_DAYS - 1) * DAY_MS);
  const [events, first, last, denials] = await Promise.all([
    db.auditEvent.findMany({
      where: { workspaceId, targetType: "api_key", targetId: keyId },
      orderBy: { seq: "desc" },
      take: 200,
      select: { id: true, action: true, actorLabel: true, createdAt: true, metadata: true },
    }),
    withUsage
      ? db.apiRequest.findFirst({ where: key, orderBy: { createdAt: "asc" }, select: { id: true, createdAt: true, ip: true } })
      : null,
    withUsage
      ? db.apiRequest.findFirst({ where: key, orderBy: { createdAt: "desc" }, select: { id: true, createdAt: true, ip: true } })
      : null,
    withUsage
      ? db.usageRollup.groupBy({
          by: ["hour", "decision"],
          where: { ...key, hour: { gte: since }, decision: { in: [...REFUSED_DECISIONS] } },
          _sum: { count: true },
        })
      : [],
  ]);

  const entries: TimelineEntry[] = events.map(changeEntry);
  if (first)
    entries.push({
      id: `first-${first.id}`,
      at: first.createdAt,
      kind: "use",
      title: "First used",
      detail: first.ip ? `from ${first.ip}` : null,
      auditAction: null,
    });
  if (last && last.id !== first?.id)
    entries.push({
      id: `last-${last.id}`,
      at: last.createdAt,
      kind: "use",
      title: "Last used",
      detail: last.ip ? `from ${last.ip}` : null,
      auditAction: null,
    });

  // Hours to days (UTC), per reason.
  const perDay = new Map<string, { day: Date; decision: string; count: number }>();
  for (const row of denials) {
    const day = new Date(Math.floor(row.hour.getTime() / DAY_MS) * DAY_MS);
    const id = `${day.toISOString()}-${row.decision}`;
    const slot = perDay.get(id) ?? { day, decision: row.decision, count: 0 };
    slot.count += row._sum.count ?? 0;
    perDay.set(id, slot);
  }
  for (const [id, { day, decision, count }] of perDay) {
    const reason = DECISION_LABELS[decision] ?? decision;
    entries.push({
      id: `denied-${id}`,
      at: day,
      kind: "denial",
      title: `${count} denied: ${reason}`,
      detail: `on ${formatDate(day)} (UTC)`,
      auditAction: null,
    });
  }
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime());
}
