"use client";
import { useQuery } from "@tanstack/react-query";
import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ScrollArea } from "@/components/ui/scroll-area";
import { TableHead } from "@/components/ui/table-head";
import { countOf, formatDate } from "@/lib/format";
import { ACCESS_LABELS, type Access } from "@/lib/scopes/scopes";
import { READINESS } from "@/lib/usage/readiness";
import { type HeldNarrowing, NarrowButton, UndoNarrowingButton, useHeldNarrowings } from "./narrowing";
import { RefusedScopes } from "./refused-scopes";
import { fetchUsage, type KeyUnusedScopes, LIVE_REFRESH_MS, usageKeys, type WorkspaceUnusedScopes } from "./usage-api";

const TITLE = "Scopes granted but unused in the last 30 days";
const DAY_MS = 24 * 3600 * 1000;

function narrowLabel(suggested: Access) {
  return suggested === "none" ? "Remove access" : `Narrow to ${ACCESS_LABELS[suggested]}`;
}

function daysWatched(unused: KeyUnusedScopes) {
  const days = Math.floor((Date.now() - new Date(unused.observedSince).getTime()) / DAY_MS);
  return days < 1 ? "less than a day" : countOf(days, "day");
}

/** What the suggestions rest on, or why there are none yet. */
function evidenceNote(unused: KeyUnusedScopes) {
  const traffic = `${countOf(unused.requests, "request")} over ${daysWatched(unused)}`;
  return unused.ready
    ? `Based on ${traffic}, since ${formatDate(new Date(unused.observedSince))}.`
    : `Too new to judge: suggestions wait until a key (with the keys it replaced) has been in use for ${READINESS.days} days and served ${READINESS.requests} requests. So far: ${traffic}.`;
}

function EvidenceNote({ unused }: { unused: KeyUnusedScopes }) {
  return <p className="mt-1 text-xs text-fg-muted">{evidenceNote(unused)}</p>;
}

function scopesToNarrow(unused: KeyUnusedScopes) {
  return unused.unused.map((scope) => scope.resource);
}

const COLLAPSED_ROWS = 5;

/** One key's unused scopes, each with its narrowing, and all of them at once; what it was refused below. */
export function KeyUnusedScopesCard({ keyId, initial, canManage }: { keyId: string; initial: KeyUnusedScopes; canManage: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const titleId = useId();
  const { held, hold, release } = useHeldNarrowings();
  // The rows as last shown: a narrowed row stays in place (marked) while its Undo is offered.
  const shownRows = useRef<KeyUnusedScopes["unused"]>(initial.unused);
  const { data } = useQuery({
    queryKey: usageKeys.unused(keyId),
    queryFn: async () => (await fetchUsage<{ key: KeyUnusedScopes | null }>("/unused-scopes", { keyId })).key,
    initialData: initial,
    refetchInterval: LIVE_REFRESH_MS * 3,
  });
  if (!data) return null;
  const heldFor = (resource: string) => held.find((entry) => entry.resources.includes(resource));
  const rows = keepHeldInPlace(
    shownRows.current,
    data.unused,
    (row) => row.resource,
    (row) => Boolean(heldFor(row.resource)),
  );
  shownRows.current = rows;
  const count = data.unused.length;
  const shown = expanded ? rows : rows.slice(0, COLLAPSED_ROWS);

  return (
    <Card className="p-5" role="region" aria-labelledby={titleId}>
      <h2 id={titleId} className="text-base font-semibold">
        {TITLE}
      </h2>
      <p className="mt-1 text-sm text-fg-muted">
        {!data.ready
          ? ""
          : count
            ? `No request needed ${count === 1 ? "this scope" : `these ${count} scopes`} as granted. Narrowing keeps what the key did use.`
            : "Every scope of this key was used. Nothing to narrow."}
      </p>
      <EvidenceNote unused={data} />
      {canManage && count > 1 ? (
        <div className="mt-3">
          {data.narrowsToNothing ? (
            <p className="text-sm text-fg-muted">
              This key has used none of its scopes. Narrowing them all would leave it with no access: revoke it if it is no longer needed.
            </p>
          ) : (
            <NarrowButton unused={data} resources={scopesToNarrow(data)} onNarrowed={hold} variant="primary">
              {`Narrow all ${count} to what was used`}
            </NarrowButton>
          )}
        </div>
      ) : null}
      {held.length && !rows.length ? <HeldList held={held} release={release} /> : null}
      {rows.length ? (
        <ScrollArea label="Unused scopes table" className="mt-3">
          <table className="w-full text-left text-sm">
            <TableHead
              columns={[
                { label: "Resource" },
                { label: "Granted" },
                { label: "Needed" },
                ...(canManage ? [{ label: "Narrow", hiddenLabel: true, align: "right" as const }] : []),
              ]}
            />
            <tbody className="divide-y divide-border">
              {shown.map((scope) => {
                const narrowing = heldFor(scope.resource);
                return (
                  <tr key={scope.resource}>
                    <th scope="row" className="px-4 py-2 font-normal">
                      {scope.label}
                    </th>
                    <td className="px-4 py-2">{narrowing ? "Narrowed" : ACCESS_LABELS[scope.granted]}</td>
                    <td className="px-4 py-2">{scope.suggested === "none" ? "Not used" : ACCESS_LABELS[scope.suggested]}</td>
                    {canManage ? (
                      <td className="px-4 py-2 text-right">
                        {narrowing ? (
                          <UndoNarrowingButton narrowing={narrowing} onDone={release} />
                        ) : (
                          <NarrowButton unused={data} resources={[scope.resource]} onNarrowed={hold}>
                            {narrowLabel(scope.suggested)}
                            <span className="sr-only"> ({scope.label})</span>
                          </NarrowButton>
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {rows.length > COLLAPSED_ROWS ? (
            <Button variant="ghost" className="mt-2" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
              {expanded ? "Show fewer" : `Show all ${rows.length}`}
            </Button>
          ) : null}
        </ScrollArea>
      ) : null}
      <RefusedScopes unused={data} canManage={canManage} />
    </Card>
  );
}

/** Narrowings whose rows are gone (nothing left to show), each with its Undo. */
function HeldList({ held, release }: { held: HeldNarrowing[]; release: (eventId: string) => void }) {
  return (
    <ul className="mt-3 space-y-2">
      {held.map((narrowing) => (
        <li key={narrowing.eventId} className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span>Narrowed {countOf(narrowing.resources.length, "scope")}.</span>
          <UndoNarrowingButton narrowing={narrowing} onDone={release} />
        </li>
      ))}
    </ul>
  );
}

/**
 * The new rows, with every held row that the server no longer lists kept at the place it had, so
 * nothing moves under the pointer while an Undo is offered.
 */
function keepHeldInPlace<T>(previous: T[], next: T[], idOf: (row: T) => string, isHeld: (row: T) => boolean): T[] {
  const rows = [...next];
  const ids = new Set(next.map(idOf));
  previous.forEach((row, index) => {
    if (isHeld(row) && !ids.has(idOf(row))) rows.splice(Math.min(index, rows.length), 0, row);
  });
  return rows;
}

function ScopeChange({ unused }: { unused: KeyUnusedScopes["unused"][number] }) {
  return (
    <li className="inline-flex items-center gap-1 rounded-full border border-border px-2 py-0.5 text-xs">
      {unused.label}: {ACCESS_LABELS[unused.granted]}
      <ArrowRight aria-label="to" className="size-3" />
      {ACCESS_LABELS[unused.suggested]}
    </li>
  );
}

/** Across the workspace: each live key that holds unused scopes or was refused some, with its narrowing. */
export function WorkspaceUnusedScopesCard({ initial, canManage }: { initial: WorkspaceUnusedScopes; canManage: boolean }) {
  const titleId = useId();
  const { held, hold, release } = useHeldNarrowings();
  const shownKeys = useRef<KeyUnusedScopes[]>(initial.keys);
  const { data } = useQuery({
    queryKey: usageKeys.unused(),
    queryFn: () => fetchUsage<WorkspaceUnusedScopes>("/unused-scopes", {}),
    initialData: initial,
    refetchInterval: LIVE_REFRESH_MS * 3,
  });
  const heldFor = (keyId: string) => held.find((entry) => entry.keyId === keyId);
  const keys = keepHeldInPlace(
    shownKeys.current,
    data.keys,
    (key) => key.keyId,
    (key) => Boolean(heldFor(key.keyId)),
  );
  shownKeys.current = keys;

  return (
    <Card className="p-5" role="region" aria-labelledby={titleId}>
      <h2 id={titleId} className="text-base font-semibold">
        {TITLE}
      </h2>
      <p className="mt-1 text-sm text-fg-muted">
        {data.more ? `Of the ${data.checked} newest live keys. ` : ""}A scope is unused when no request needed it. Narrowing keeps what each
        key did use. Suggestions wait until a key has been in use for {READINESS.days} days and served {READINESS.requests} requests
        {data.waiting ? ` (${countOf(data.waiting, "key")} still too new to judge)` : ""}.
      </p>
      {keys.length ? (
        <ul className="mt-3 divide-y divide-border">
          {keys.map((key) => {
            const narrowing = heldFor(key.keyId);
            return (
              <li key={key.keyId} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div className="min-w-0 flex-1">
                  <Link href={`/keys/${key.keyId}`} className="font-medium underline underline-offset-2">
                    {key.name}
                  </Link>
                  <span className="ml-2 font-mono text-xs text-fg-muted">{key.masked}</span>
                  {key.unused.length ? (
                    // A narrowed key keeps its (held) row, marked, so the list keeps its height.
                    <ul className="mt-2 flex flex-wrap items-center gap-1.5" aria-label={`Unused scopes of ${key.name}`}>
                      {narrowing ? <li className="text-xs font-semibold">Narrowed:</li> : null}
                      {key.unused.slice(0, COLLAPSED_ROWS).map((scope) => (
                        <ScopeChange key={scope.resource} unused={scope} />
                      ))}
                      {key.unused.length > COLLAPSED_ROWS ? (
                        <li className="text-xs text-fg-muted">and {key.unused.length - COLLAPSED_ROWS} more</li>
                      ) : null}
                    </ul>
                  ) : null}
                  <EvidenceNote unused={key} />
                  <RefusedScopes unused={key} canManage={canManage} />
                </div>
                {!canManage || !key.unused.length ? null : narrowing ? (
                  <UndoNarrowingButton narrowing={narrowing} onDone={release} />
                ) : key.narrowsToNothing ? (
                  <p className="max-w-56 text-xs text-fg-muted">Used none of its scopes: revoke it if it is no longer needed.</p>
                ) : (
                  <NarrowButton unused={key} resources={scopesToNarrow(key)} onNarrowed={hold}>
                    Narrow<span className="sr-only"> {key.name}</span>
                  </NarrowButton>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="mt-3 text-sm text-fg-muted">
          {data.checked === 0
            ? "This workspace has no live keys yet."
            : data.waiting === data.checked
              ? "No key has been in use long enough to judge yet."
              : "Every key in use long enough to judge used all of its scopes. Nothing to narrow."}
        </p>
      )}
    </Card>
  );
}
