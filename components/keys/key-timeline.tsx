import { Ban, KeyRound, PenLine } from "lucide-react";
import Link from "next/link";
import { useId } from "react";
import { LocalTime } from "@/components/audit/local-time";
import { Card } from "@/components/ui/card";
import type { TimelineEntry } from "@/lib/api-keys/key-timeline";
import { formatDateTime } from "@/lib/format";

const ICONS = { change: PenLine, use: KeyRound, denial: Ban } as const;

/**
 * Where an audit event of the key is shown in full (who, from where, the before and after): the audit
 * log filtered to this key, this action and this instant.
 */
function auditHref(masked: string, action: string, at: Date): string {
  const instant = at.toISOString();
  return `/audit?${new URLSearchParams({ target: masked, action, from: instant, to: instant })}`;
}

/**
 * The key's timeline, its one history: what was done to it and, from usage, how it was used and
 * refused. `auditLinks`: whether the viewer may read the audit log, where each change links to.
 */
export function KeyTimeline({ entries, masked, auditLinks }: { entries: TimelineEntry[]; masked: string; auditLinks: boolean }) {
  const titleId = useId();
  return (
    <Card className="p-5" role="region" aria-labelledby={titleId}>
      <h2 id={titleId} className="mb-3 text-base font-semibold">
        Timeline
      </h2>
      {entries.length ? (
        <ol className="space-y-3">
          {entries.map((entry) => {
            const Icon = ICONS[entry.kind];
            return (
              <li key={entry.id} className="flex gap-2 text-sm">
                <Icon aria-hidden className={`mt-0.5 size-4 shrink-0 ${entry.kind === "denial" ? "text-danger" : "text-fg-muted"}`} />
                <div className="min-w-0">
                  {entry.auditAction && auditLinks ? (
                    <Link href={auditHref(masked, entry.auditAction, entry.at)} className="font-medium underline underline-offset-2">
                      {entry.title}
                      <span className="sr-only"> (in the audit log)</span>
                    </Link>
                  ) : (
                    <span className="font-medium">{entry.title}</span>
                  )}
                  {entry.detail ? <span className="block break-words text-fg-muted">{entry.detail}</span> : null}
                  {entry.kind === "denial" ? null : (
                    <span className="block text-xs text-fg-muted">
                      <LocalTime iso={entry.at.toISOString()} utc={formatDateTime(entry.at)} />
                    </span>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="text-sm text-fg-muted">Nothing has happened to this key yet.</p>
      )}
    </Card>
  );
}
