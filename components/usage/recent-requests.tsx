"use client";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type RefObject, useEffect, useId, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ClearFiltersButton } from "@/components/ui/clear-filters-button";
import { ScrollArea } from "@/components/ui/scroll-area";
import { TableHead } from "@/components/ui/table-head";
import { countOf, formatLogTime } from "@/lib/format";
import { DECISION_LABELS, OUTCOME_LABELS, OUTCOMES, type Outcome } from "@/lib/usage/outcomes";
import { type RequestFilterName, requestFilters, type UsageView } from "@/lib/validation/usage";
import { FilterInput } from "./filter-input";
import { FilterSelect, ResourceOptions } from "./filter-select";
import { LiveStatus } from "./live-status";
import { fetchUsage, LIVE_REFRESH_MS, type RecentRequest, type RequestPage, usageKeys } from "./usage-api";
import { useUrlRecord, useUrlState } from "./use-url-state";

const OUTCOME_TONES = { allowed: "success", denied: "danger", rate_limited: "accent", errors: "warning" } as const;
export type KeyChoice = { id: string; name: string; masked: string };

/** The finer filters, for answering one caller's question ("my request 0mh… failed"). */
const FINE_FILTERS: { name: RequestFilterName; label: string; placeholder?: string; problem: string; type?: "datetime-local" }[] = [
  {
    name: "requestId",
    label: "Request ID",
    placeholder: "From the Request-Id header",
    problem: "Not a request ID (25 letters and digits).",
  },
  { name: "status", label: "Status", placeholder: "422", problem: "A status is a number from 100 to 599." },
  { name: "path", label: "Path starts with", placeholder: "/api/v1/profiles", problem: "A path starts with /." },
  { name: "ip", label: "IP address", placeholder: "203.0.113.7", problem: "An address has at most 64 characters." },
  { name: "from", label: "From (UTC)", type: "datetime-local", problem: "Not a date and time that exists." },
  { name: "to", label: "To (UTC)", type: "datetime-local", problem: "Not a date and time that exists." },
];
type FineValues = Record<RequestFilterName, string>;

/** Whether a filter's text is one the server will apply (it drops nonsense rather than refusing it). */
const applies = (name: RequestFilterName, value: string) => value === "" || requestFilters[name].safeParse(value).data !== undefined;

/** Whether the pointer or the focus is inside the element: someone is reading what it shows. */
function useAttention(ref: RefObject<HTMLElement | null>): boolean {
  const [pointer, setPointer] = useState(false);
  const [focus, setFocus] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const enter = () => setPointer(true);
    const leave = () => setPointer(false);
    const focusIn = () => setFocus(true);
    const focusOut = (event: FocusEvent) => setFocus(element.contains(event.relatedTarget as Node | null));
    element.addEventListener("pointerenter", enter);
    element.addEventListener("pointerleave", leave);
    element.addEventListener("focusin", focusIn);
    element.addEventListener("focusout", focusOut);
    return () => {
      element.removeEventListener("pointerenter", enter);
      element.removeEventListener("pointerleave", leave);
      element.removeEventListener("focusin", focusIn);
      element.removeEventListener("focusout", focusOut);
    };
  });
  return pointer || focus;
}

const isNewer = (a: RecentRequest, b: RecentRequest) => a.at > b.at || (a.at === b.at && a.id > b.id);

/**
 * The newest requests first, filtered by outcome, resource, key and the finer filters. New requests
 * are polled for while live, but only join the table by themselves when nobody is reading it (one
 * page shown, no pointer or focus inside); otherwise "Show N new requests" waits, so the rows under
 * someone's eyes never move. "Pause live updates" stops the polling.
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
  view: Pick<UsageView, "outcome" | "requestResource" | "key" | RequestFilterName>;
}) {
  const [outcome, setOutcome] = useUrlState<"all" | Outcome>("outcome", view.outcome, "all");
  const [resource, setResource] = useUrlState("requestResource", view.requestResource ?? "", "");
  const [keyFilter, setKeyFilter] = useUrlState("key", view.key ?? "", "");
  const initialFine = Object.fromEntries(FINE_FILTERS.map(({ name }) => [name, String(view[name] ?? "")])) as FineValues;
  const [fine, setFine] = useUrlRecord<RequestFilterName>(initialFine);
  const [paused, setPaused] = useState(false);
  const tableRef = useRef<HTMLDivElement>(null);
  const attended = useAttention(tableRef);
  const titleId = useId();

  const applied = Object.fromEntries(
    FINE_FILTERS.flatMap(({ name }) => (fine[name] && applies(name, fine[name]) ? [[name, fine[name]]] : [])),
  );
  const params = { keyId: keyId ?? (keyFilter || undefined), outcome, resource: resource || undefined, ...applied };
  const isInitial =
    outcome === view.outcome &&
    resource === (view.requestResource ?? "") &&
    keyFilter === (view.key ?? "") &&
    FINE_FILTERS.every(({ name }) => fine[name] === initialFine[name]);
  const query = useInfiniteQuery({
    queryKey: usageKeys.requests(params),
    queryFn: ({ pageParam }) => fetchUsage<RequestPage>("/requests", { ...params, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: isInitial ? { pages: [initial], pageParams: [null] } : undefined,
    placeholderData: keepPreviousData,
  });
  // The newest page, polled on its own: what is new is compared with what is shown, not swapped in.
  const head = useQuery({
    queryKey: usageKeys.requestsHead(params),
    queryFn: () => fetchUsage<RequestPage>("/requests", params),
    refetchInterval: paused ? false : LIVE_REFRESH_MS,
    enabled: !paused,
  });
  const requests = (query.data?.pages ?? [initial]).flatMap((page) => page.requests);
  const newest = requests[0];
  const shown = new Set(requests.map((r) => r.id));
  const fresh = (head.data?.requests ?? []).filter((r) => !shown.has(r.id) && (!newest || isNewer(r, newest)));
  const reading = (query.data?.pages.length ?? 1) > 1 || attended;
  const { refetch } = query;
  useEffect(() => {
    if (fresh.length > 0 && !reading && !paused) void refetch();
  }, [fresh.length, reading, paused, refetch]);
  const across = !keyId;

  return (
    <Card className="p-5" role="region" aria-labelledby={titleId}>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={titleId} className="text-base font-semibold">
            Recent requests
          </h2>
          {paused ? (
            <p className="text-xs text-fg-muted">Paused: new requests are not fetched.</p>
          ) : (
            <LiveStatus updatedAt={head.dataUpdatedAt} error={head.error ?? query.error} />
          )}
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
            active={outcome !== "all" || resource !== "" || keyFilter !== "" || FINE_FILTERS.some(({ name }) => fine[name] !== "")}
            onClear={() => {
              setOutcome("all");
              setResource("");
              setKeyFilter("");
              for (const { name } of FINE_FILTERS) setFine(name, "");
            }}
          />
          <Button variant="secondary" aria-pressed={paused} onClick={() => setPaused(!paused)}>
            {paused ? "Resume live updates" : "Pause live updates"}
          </Button>
        </div>
      </div>
      <div className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6">
        {FINE_FILTERS.map((filter) => (
          <FilterInput
            key={filter.name}
            label={filter.label}
            type={filter.type}
            placeholder={filter.placeholder}
            value={fine[filter.name]}
            problem={applies(filter.name, fine[filter.name]) ? undefined : filter.problem}
            onChange={(value) => setFine(filter.name, value)}
          />
        ))}
      </div>

      {fresh.length > 0 && reading && !paused ? (
        <div className="mb-3">
          <Button variant="secondary" onClick={() => void refetch()}>
            Show {countOf(fresh.length, "new request")}
            {head.data?.nextCursor && fresh.length === head.data.requests.length ? " or more" : ""}
          </Button>
        </div>
      ) : null}
      {requests.length ? (
        <div ref={tableRef}>
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
                  <RequestRow key={request.id} request={request} across={across} />
                ))}
              </tbody>
            </table>
          </ScrollArea>
        </div>
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

/** A deleted key keeps its name (from its deletion's audit event) but links nowhere. */
function KeyName({ request }: { request: RecentRequest }) {
  if (!request.key) return <>No key</>;
  if (request.key.deleted) return <>{request.key.name} (deleted)</>;
  return (
    <Link href={`/keys/${request.key.id}`} className="underline underline-offset-2">
      {request.key.name}
    </Link>
  );
}

function RequestRow({ request, across }: { request: RecentRequest; across: boolean }) {
  return (
    <tr>
      <td className="px-4 py-2 whitespace-nowrap text-fg-muted">
        <time dateTime={request.at}>{formatLogTime(new Date(request.at))}</time>
      </td>
      {across ? (
        <td className="hidden px-4 py-2 md:table-cell">
          <KeyName request={request} />
        </td>
      ) : null}
      <td className="px-4 py-2">
        <span className="font-mono text-xs break-words">
          <span className="font-semibold">{request.method}</span> {request.path}
        </span>
        {/* On a phone the key column is hidden: the key stays visible under the request. */}
        {across ? (
          <span className="block text-xs md:hidden">
            <KeyName request={request} />
          </span>
        ) : null}
        <span className="block font-mono text-xs text-fg-muted">Request ID {request.id}</span>
      </td>
      <td className="px-4 py-2">
        <Badge tone={OUTCOME_TONES[request.outcome]}>
          {request.status} · {DECISION_LABELS[request.decision] ?? request.decision}
        </Badge>
        {request.field ? <span className="mt-1 block font-mono text-xs text-fg-muted">Field {request.field}</span> : null}
        {request.upstreamMs !== null ? (
          <span className="mt-1 block text-xs text-fg-muted tabular-nums">
            Upstream {request.upstreamStatus ?? "no answer"} · {Math.round(request.upstreamMs)} ms
          </span>
        ) : null}
      </td>
      <td className="hidden px-4 py-2 font-mono text-xs lg:table-cell">{request.requiredScope ?? "—"}</td>
      <td className="hidden px-4 py-2 text-right tabular-nums sm:table-cell">{request.latencyMs.toFixed(1)} ms</td>
      <td className="hidden px-4 py-2 font-mono text-xs lg:table-cell">{request.ip ?? "—"}</td>
    </tr>
  );
}
