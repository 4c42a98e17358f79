import { Ban, KeyRound, PenLine } from "lucide-react";
import { useId } from "react";
import { LocalTime } from "@/components/audit/local-time";
import { Card } from "@/components/ui/card";
import type { TimelineEntry } from "@/lib/api-keys/key-timeline";
import { formatDateTime } from "@/lib/format";

const ICONS = { change: PenLine, use: KeyRound, denial: Ban } as const;

/** The key's timeline: what was done to it and, from usage, how it was used and refused. */
export function KeyTimeline({ entries }: { entries: TimelineEntry[] }) {
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
                  <span className="font-medium">{entry.title}</span>
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
