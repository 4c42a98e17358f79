import { Badge } from "@/components/ui/badge";
import { describeUserAgent } from "@/lib/accounts/user-agent";
import { describeActor, describeAuditEvent } from "@/lib/audit/describe";
import type { AuditEventRow } from "@/lib/audit/queries";
import { formatDateTime } from "@/lib/format";
import { LocalTime } from "./local-time";

const ACTOR_KINDS: Record<string, string> = { user: "Person", key: "Key", system: "System" };

function prettyMetadata(metadata: string): string {
  try {
    return JSON.stringify(JSON.parse(metadata), null, 2);
  } catch {
    return metadata;
  }
}

/** One event: who, what in words, from where, when; it opens to the full before/after it recorded. */
export function AuditEntry({ event }: { event: AuditEventRow }) {
  return (
    <li className="py-3">
      <details className="group">
        <summary className="cursor-pointer list-none rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent [&::-webkit-details-marker]:hidden">
          <span className="block text-sm font-medium break-words">{describeAuditEvent(event)}</span>
          <span className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-fg-muted">
            <Badge>{ACTOR_KINDS[event.actorType] ?? event.actorType}</Badge>
            <span className="break-all">{describeActor(event)}</span>
            <span aria-hidden>·</span>
            <span>{event.ip ?? "No address"}</span>
            <span aria-hidden>·</span>
            <span>{describeUserAgent(event.userAgent)}</span>
            <span aria-hidden>·</span>
            <LocalTime iso={event.createdAt.toISOString()} utc={formatDateTime(event.createdAt)} />
            <span aria-hidden>·</span>
            <span>#{event.seq}</span>
          </span>
        </summary>
        <dl className="mt-3 grid gap-x-4 gap-y-1 rounded-md bg-muted p-3 text-xs sm:grid-cols-[8rem_1fr]">
          <dt className="text-fg-muted">Action</dt>
          <dd className="font-mono">{event.action}</dd>
          <dt className="text-fg-muted">Target</dt>
          <dd className="break-all">
            {event.targetType} {event.targetLabel ?? ""} <span className="font-mono text-fg-muted">{event.targetId ?? ""}</span>
          </dd>
          <dt className="text-fg-muted">Browser</dt>
          <dd className="break-all">{event.userAgent ?? "Unknown"}</dd>
          <dt className="text-fg-muted">Before and after</dt>
          <dd>
            <pre className="overflow-x-auto font-mono whitespace-pre-wrap break-all">{prettyMetadata(event.metadata)}</pre>
          </dd>
        </dl>
      </details>
    </li>
  );
}
