"use client";
// "Denied requests" on /usage: what the access check refused, per key and reason. A missing scope shows
// what was asked for beside what the key has, and, for those who may edit keys, a link to the key's
// edit form with exactly that scope chosen ("Grant profiles:write").
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId } from "react";
import { Card } from "@/components/ui/card";
import { ScrollArea } from "@/components/ui/scroll-area";
import { TableHead } from "@/components/ui/table-head";
import { countOf } from "@/lib/format";
import { ACCESS_LABELS } from "@/lib/scopes/scopes";
import type { DeniedGroup } from "@/lib/usage/denied-requests";
import { USAGE_RANGES, type UsageRange } from "@/lib/usage/ranges";
import { LiveStatus } from "./live-status";
import { fetchUsage, LIVE_REFRESH_MS, usageKeys } from "./usage-api";
import { useUsageRange } from "./usage-range";

export function DeniedRequests({
  initial,
  range: initialRange,
  canManage,
}: {
  initial: DeniedGroup[];
  range: UsageRange;
  canManage: boolean;
}) {
  const titleId = useId();
  // The period picked in the requests card, so both cards count over the same span.
  const [range] = useUsageRange(initialRange);
  const query = useQuery({
    queryKey: usageKeys.denied(range),
    // The answer carries its range, so while a new period loads the caption still names what is shown.
    queryFn: async () => ({ range, groups: await fetchUsage<DeniedGroup[]>("/denied", { range }) }),
    initialData: range === initialRange ? { range, groups: initial } : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_REFRESH_MS,
  });
  const shown = query.data ?? { range: initialRange, groups: initial };
  const groups = shown.groups;
  return (
    <Card className="p-5" role="region" aria-labelledby={titleId}>
      <h2 id={titleId} className="text-base font-semibold">
        Denied requests
      </h2>
      <p className="text-xs text-fg-muted">{USAGE_RANGES[shown.range].label}, per key and reason.</p>
      <div className="mb-4">
        <LiveStatus updatedAt={query.dataUpdatedAt} error={query.error} />
      </div>
      {groups.length ? (
        <ScrollArea label="Denied requests table">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Denied requests per key and reason, most first</caption>
            <TableHead
              columns={[
                { label: "Key" },
                { label: "Reason" },
                { label: "Requests", align: "right" },
                { label: "Asked for", from: "sm" },
                { label: "Key has", from: "sm" },
                ...(canManage ? [{ label: "Action", hiddenLabel: true }] : []),
              ]}
            />
            <tbody className="divide-y divide-border">
              {groups.map((group) => (
                <tr key={`${group.keyId}:${group.decision}:${group.missing?.scope ?? ""}`}>
                  <td className="px-4 py-2">
                    {group.keyId && !group.deleted ? (
                      <Link href={`/keys/${group.keyId}`} className="underline underline-offset-2">
                        {group.name}
                      </Link>
                    ) : (
                      <>
                        {group.name}
                        {group.deleted ? " (deleted)" : ""}
                      </>
                    )}
                  </td>
                  <td className="px-4 py-2">{group.reason}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{group.requests.toLocaleString("en-US")}</td>
                  <td className="hidden px-4 py-2 font-mono text-xs sm:table-cell">{group.missing?.scope ?? "—"}</td>
                  <td className="hidden px-4 py-2 sm:table-cell">
                    {group.missing ? `${group.missing.label}: ${ACCESS_LABELS[group.missing.has]}` : "—"}
                  </td>
                  {canManage ? (
                    <td className="px-4 py-2 text-right">
                      {group.missing && group.editable ? (
                        <Link
                          href={`/keys/${group.keyId}/edit?grant=${encodeURIComponent(group.missing.scope)}`}
                          className="font-medium text-accent underline underline-offset-2"
                        >
                          Grant {group.missing.scope}
                          <span className="sr-only"> to {group.name}</span>
                        </Link>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      ) : (
        <p className="text-sm text-fg-muted">No request was denied in this period.</p>
      )}
      {groups.length ? (
        <p className="mt-3 text-xs text-fg-muted">
          {countOf(
            groups.reduce((n, g) => n + g.requests, 0),
            "denied request",
          )}{" "}
          in all.
        </p>
      ) : null}
    </Card>
  );
}
