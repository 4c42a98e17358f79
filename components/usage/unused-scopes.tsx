"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { type ReactNode, useId, useState } from "react";
import { toast } from "sonner";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ScrollArea } from "@/components/ui/scroll-area";
import { TableHead } from "@/components/ui/table-head";
import { narrowUnusedScopesAction } from "@/lib/actions/narrow-unused-scopes";
import { formatDate } from "@/lib/format";
import { ACCESS_LABELS, type Access } from "@/lib/scopes/scopes";
import { fetchUsage, type KeyUnusedScopes, LIVE_REFRESH_MS, usageKeys, type WorkspaceUnusedScopes } from "./usage-api";

const TITLE = "Scopes granted but unused in the last 30 days";
const DAY_MS = 24 * 3600 * 1000;

function narrowLabel(suggested: Access) {
  return suggested === "none" ? "Remove access" : `Narrow to ${ACCESS_LABELS[suggested]}`;
}

/** Narrows the given scopes of a key in one click, then refreshes everything that shows the key. */
function NarrowButton({
  unused,
  resources,
  variant = "secondary",
  children,
}: {
  unused: KeyUnusedScopes;
  resources: string[];
  variant?: ButtonVariant;
  children: ReactNode;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { execute, isPending } = useAction(narrowUnusedScopesAction, {
    onSuccess: ({ data }) => {
      const count = data?.narrowed.length ?? 0;
      if (count) toast.success(`${unused.name}: narrowed ${count} ${count === 1 ? "scope" : "scopes"}.`);
      else toast.info(`${unused.name} used these scopes in the meantime; nothing was changed.`);
      void queryClient.invalidateQueries({ queryKey: usageKeys.all });
      router.refresh();
    },
    onError: ({ error }) => toast.error(error.serverError ?? "Could not narrow the scopes."),
  });
  return (
    <Button variant={variant} disabled={isPending} onClick={() => execute({ keyId: unused.keyId, resources })}>
      {isPending ? "Narrowing…" : children}
    </Button>
  );
}

function evidenceSince(unused: KeyUnusedScopes) {
  const since = new Date(unused.observedSince);
  const days = Math.floor((Date.now() - since.getTime()) / DAY_MS);
  return days >= 29
    ? null
    : `Based on ${days < 1 ? "less than a day" : `${days} ${days === 1 ? "day" : "days"}`} of use, since ${formatDate(since)}.`;
}

function EvidenceNote({ unused }: { unused: KeyUnusedScopes }) {
  const caveat = evidenceSince(unused);
  return caveat ? <p className="mt-1 text-xs text-fg-muted">{caveat}</p> : null;
}

function scopesToNarrow(unused: KeyUnusedScopes) {
  return unused.unused.map((scope) => scope.resource);
}

const COLLAPSED_ROWS = 5;

/** One key's unused scopes, each with its narrowing, and all of them at once. */
export function KeyUnusedScopesCard({ keyId, initial, canManage }: { keyId: string; initial: KeyUnusedScopes; canManage: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const titleId = useId();
  const { data } = useQuery({
    queryKey: usageKeys.unused(keyId),
    queryFn: async () => (await fetchUsage<{ key: KeyUnusedScopes | null }>("/unused-scopes", { keyId })).key,
    initialData: initial,
    refetchInterval: LIVE_REFRESH_MS * 3,
  });
  if (!data) return null;
  const caveat = evidenceSince(data);
  const count = data.unused.length;
  const shown = expanded ? data.unused : data.unused.slice(0, COLLAPSED_ROWS);

  return (
    <Card className="p-5" role="region" aria-labelledby={titleId}>
      <h2 id={titleId} className="text-base font-semibold">
        {TITLE}
      </h2>
      <p className="mt-1 text-sm text-fg-muted">
        {count
          ? `No request needed ${count === 1 ? "this scope" : `these ${count} scopes`} as granted. Narrowing keeps what the key did use.`
          : "Every scope of this key was used. Nothing to narrow."}
        {caveat ? ` ${caveat}` : ""}
      </p>
      {canManage && count > 1 ? (
        <div className="mt-3">
          {data.narrowsToNothing ? (
            <p className="text-sm text-fg-muted">
              This key has used none of its scopes. Narrowing them all would leave it with no access: revoke it if it is no longer needed.
            </p>
          ) : (
            <NarrowButton unused={data} resources={scopesToNarrow(data)} variant="primary">
              {`Narrow all ${count} to what was used`}
            </NarrowButton>
          )}
        </div>
      ) : null}
      {count ? (
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
              {shown.map((scope) => (
                <tr key={scope.resource}>
                  <th scope="row" className="px-4 py-2 font-normal">
                    {scope.label}
                  </th>
                  <td className="px-4 py-2">{ACCESS_LABELS[scope.granted]}</td>
                  <td className="px-4 py-2">{scope.suggested === "none" ? "Not used" : ACCESS_LABELS[scope.suggested]}</td>
                  {canManage ? (
                    <td className="px-4 py-2 text-right">
                      <NarrowButton unused={data} resources={[scope.resource]}>
                        {narrowLabel(scope.suggested)}
                        <span className="sr-only"> ({scope.label})</span>
                      </NarrowButton>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          {count > COLLAPSED_ROWS ? (
            <Button variant="ghost" className="mt-2" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
              {expanded ? "Show fewer" : `Show all ${count}`}
            </Button>
          ) : null}
        </ScrollArea>
      ) : null}
    </Card>
  );
}

function ScopeChange({ unused }: { unused: KeyUnusedScopes["unused"][number] }) {
  return (
    <li className="inline-flex items-center gap-1 rounded-full border border-border px-2 py-0.5 text-xs">
      {unused.label}: {ACCESS_LABELS[unused.granted]}
      <ArrowRight aria-label="to" className="size-3" />
      {unused.suggested === "none" ? "No access" : ACCESS_LABELS[unused.suggested]}
    </li>
  );
}

/** Across the workspace: each live key that holds unused scopes, with its narrowing. */
export function WorkspaceUnusedScopesCard({ initial, canManage }: { initial: WorkspaceUnusedScopes; canManage: boolean }) {
  const titleId = useId();
  const { data } = useQuery({
    queryKey: usageKeys.unused(),
    queryFn: () => fetchUsage<WorkspaceUnusedScopes>("/unused-scopes", {}),
    initialData: initial,
    refetchInterval: LIVE_REFRESH_MS * 3,
  });

  return (
    <Card className="p-5" role="region" aria-labelledby={titleId}>
      <h2 id={titleId} className="text-base font-semibold">
        {TITLE}
      </h2>
      <p className="mt-1 text-sm text-fg-muted">
        {data.more ? `Of the ${data.checked} newest live keys. ` : ""}A scope is unused when no request needed it. Narrowing keeps what each
        key did use.
      </p>
      {data.keys.length ? (
        <ul className="mt-3 divide-y divide-border">
          {data.keys.map((key) => (
            <li key={key.keyId} className="flex flex-wrap items-start justify-between gap-3 py-3">
              <div className="min-w-0">
                <Link href={`/keys/${key.keyId}`} className="font-medium underline underline-offset-2">
                  {key.name}
                </Link>
                <span className="ml-2 font-mono text-xs text-fg-muted">{key.masked}</span>
                <ul className="mt-2 flex flex-wrap items-center gap-1.5" aria-label={`Unused scopes of ${key.name}`}>
                  {key.unused.slice(0, COLLAPSED_ROWS).map((scope) => (
                    <ScopeChange key={scope.resource} unused={scope} />
                  ))}
                  {key.unused.length > COLLAPSED_ROWS ? (
                    <li className="text-xs text-fg-muted">and {key.unused.length - COLLAPSED_ROWS} more</li>
                  ) : null}
                </ul>
                <EvidenceNote unused={key} />
              </div>
              {!canManage ? null : key.narrowsToNothing ? (
                <p className="max-w-56 text-xs text-fg-muted">Used none of its scopes: revoke it if it is no longer needed.</p>
              ) : (
                <NarrowButton unused={key} resources={scopesToNarrow(key)}>
                  Narrow<span className="sr-only"> {key.name}</span>
                </NarrowButton>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-sm text-fg-muted">Every live key used all of its scopes. Nothing to narrow.</p>
      )}
    </Card>
  );
}
