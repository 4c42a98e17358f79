"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ClearFiltersButton } from "@/components/ui/clear-filters-button";
import { ScrollArea } from "@/components/ui/scroll-area";
import { TableHead } from "@/components/ui/table-head";
import { formatLogTime } from "@/lib/format";
import { DECISION_LABELS, OUTCOME_LABELS, OUTCOMES, type Outcome } from "@/lib/usage/outcomes";
import type { UsageView } from "@/lib/validation/usage";
import { FilterSelect, ResourceOptions } from "./filter-select";
import { LiveStatus } from "./live-status";
import { fetchUsage, LIVE_REFRESH_MS, type RequestPage, usageKeys } from "./usage-api";
import { useUrlState } from "./use-url-state";

const OUTCOME_TONES = { allowed: "success", denied: "danger", errors: "warning" } as const;
export type KeyChoice = { id: string; name: string; masked: string };

/**
 * The newest requests first, with filters by outcome and resource (and by key, across keys). The first
 * page refreshes live; "Show more" loads older requests.
 */
export function RecentRequests({
  keyId,
  keys,
  initial,
  view,
}: {
  keyId?: string;
  keys?: KeyChoice[];
  initial: RequestPage;
  view: Pick<UsageView, "outcome" | "requestResource" | "key">;
}) {
  const [outcome, setOutcome] = useUrlState<"all" | Outcome>("outcome", view.outcome, "all");
  const [resource, setResource] = useUrlState("requestResource", view.requestResource ?? "", "");
  const [keyFilter, setKeyFilter] = useUrlState("key", view.key ?? "", "");
  const titleId = useId();
  const params = { keyId: keyId ?? (keyFilter || undefined), outcome, resource: resource || undefined };
  const isInitial = outcome === view.outcome && resource === (view.requestResource ?? "") && keyFilter === (view.key ?? "");
  const query = useInfiniteQuery({
    queryKey: usageKeys.requests(params),
    queryFn: ({ pageParam }) => fetchUsage<RequestPage>("/requests", { ...params, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: isInitial ? { pages: [initial], pageParams: [null] } : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_REFRESH_MS,
  });
  const requests = (query.data?.pages ?? [initial]).flatMap((page) => page.requests);
  const across = !keyId;

  return (
    <Card className="p-5" role="region" aria-labelledby={titleId}>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={titleId} className="text-base font-semibold">
            Recent requests
          </h2>
          <LiveStatus updatedAt={query.dataUpdatedAt} error={query.error} />
        </div>
        <div className="flex flex-wrap items-end gap-3">
          {across && keys ? (
            <FilterSelect label="Key" value={keyFilter} onChange={setKeyFilter} className="max-w-56">
              <option value="">All keys</option>
              {keys.map((key) => (
                <option key={key.id} value={key.id}>
                  {key.name} ({key.masked})
                </option>
              ))}
            </FilterSelect>
          ) : null}
          <FilterSelect label="Outcome" value={outcome} onChange={(value) => setOutcome(value as "all" | Outcome)}>
            <option value="all">All outcomes</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o]}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect label="Resource" value={resource} onChange={setResource}>
            <ResourceOptions />
          </FilterSelect>
          <ClearFiltersButton
            active={outcome !== "all" || resource !== "" || keyFilter !== ""}
            onClear={() => {
              setOutcome("all");
              setResource("");
              setKeyFilter("");
            }}
          />
        </div>
      </div>

      {requests.length ? (
        <ScrollArea label="Recent requests table">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Recent requests, newest first</caption>
            <TableHead
              columns={[
                { label: "Time (UTC)" },
                ...(across ? [{ label: "Key", from: "md" as const }] : []),
                { label: "Request" },
                { label: "Outcome" },
                { label: "Scope needed", from: "lg" },
                { label: "Latency", from: "sm", align: "right" },
                { label: "IP address", from: "lg" },
              ]}
            />
            <tbody className="divide-y divide-border">
              {requests.map((request) => (
                <tr key={request.id}>
                  <td className="px-4 py-2 whitespace-nowrap text-fg-muted">
                    <time dateTime={request.at}>{formatLogTime(new Date(request.at))}</time>
                  </td>
                  {across ? (
                    <td className="hidden px-4 py-2 md:table-cell">
                      {request.key ? (
                        <Link href={`/keys/${request.key.id}`} className="underline underline-offset-2">
                          {request.key.name}
                        </Link>
                      ) : (
                        "No key"
                      )}
                    </td>
                  ) : null}
                  <td className="px-4 py-2">
                    <span className="font-mono text-xs break-words">
                      <span className="font-semibold">{request.method}</span> {request.path}
                    </span>
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap">
                    <Badge tone={OUTCOME_TONES[request.outcome]}>
                      {request.status} · {DECISION_LABELS[request.decision] ?? request.decision}
                    </Badge>
                  </td>
                  <td className="hidden px-4 py-2 font-mono text-xs lg:table-cell">{request.requiredScope ?? "—"}</td>
                  <td className="hidden px-4 py-2 text-right tabular-nums sm:table-cell">{request.latencyMs.toFixed(1)} ms</td>
                  <td className="hidden px-4 py-2 font-mono text-xs lg:table-cell">{request.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      ) : (
        <p className="text-sm text-fg-muted">No requests match these filters yet.</p>
      )}
      {query.hasNextPage ? (
        <div className="mt-4">
          <Button variant="secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading…" : "Show older requests"}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
