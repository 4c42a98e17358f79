"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type ReactNode, useId } from "react";
import { Card } from "@/components/ui/card";
import { ClearFiltersButton } from "@/components/ui/clear-filters-button";
import { ScrollArea } from "@/components/ui/scroll-area";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { TableHead } from "@/components/ui/table-head";
import { OUTCOME_LABELS, OUTCOMES, type OutcomeCounts } from "@/lib/usage/outcomes";
import { USAGE_RANGE_IDS, USAGE_RANGES } from "@/lib/usage/ranges";
import type { UsageView } from "@/lib/validation/usage";
import { FilterSelect, ResourceOptions } from "./filter-select";
import { LiveStatus } from "./live-status";
import { RequestsChart } from "./requests-chart";
import { fetchUsage, LIVE_REFRESH_MS, type UsageSummary, usageKeys } from "./usage-api";
import { useUsageRange } from "./usage-range";
import { useUrlState } from "./use-url-state";

const RANGE_OPTIONS = USAGE_RANGE_IDS.map((id) => ({ value: id, label: id }));
const TOTAL_TONES = { allowed: "text-success", denied: "text-danger", rate_limited: "text-accent", errors: "text-warning" } as const;
const COUNT_COLUMNS = OUTCOMES.map((outcome) => ({ label: OUTCOME_LABELS[outcome], align: "right" as const }));

/** Requests split by one dimension (resource, key): a row each, its outcomes in columns. */
function CountsTable({
  caption,
  label,
  rows,
}: {
  caption: string;
  label: string;
  rows: { id: string; header: ReactNode; counts: OutcomeCounts }[];
}) {
  return (
    <ScrollArea label={`Requests ${caption.toLowerCase()}`} className="mt-6">
      <table className="w-full text-left text-sm">
        <caption className="mb-2 text-left text-sm font-semibold">{caption}</caption>
        <TableHead columns={[{ label }, ...COUNT_COLUMNS]} />
        <tbody className="divide-y divide-border">
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="px-4 py-2 font-normal">
                {row.header}
              </th>
              {OUTCOMES.map((outcome) => (
                <td key={outcome} className="px-4 py-2 text-right tabular-nums">
                  {row.counts[outcome].toLocaleString("en")}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}

/**
 * Requests over time for a key (keyId) or the whole workspace: totals, a chart by outcome, and the split
 * by resource (and by key, across keys). Refreshes live.
 */
export function UsageOverview({
  keyId,
  initial,
  view,
}: {
  keyId?: string;
  initial: UsageSummary;
  view: Pick<UsageView, "range" | "resource">;
}) {
  const [range, setRange] = useUsageRange(view.range);
  const [resource, setResource] = useUrlState("resource", view.resource ?? "", "");
  const titleId = useId();
  const params = { keyId, range, resource: resource || undefined };
  const isInitial = range === view.range && resource === (view.resource ?? "");
  const { data, dataUpdatedAt, error } = useQuery({
    queryKey: usageKeys.summary(params),
    queryFn: () => fetchUsage<UsageSummary>("", params),
    initialData: isInitial ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_REFRESH_MS,
  });
  const summary = data ?? initial;

  return (
    <Card className="p-5" role="region" aria-labelledby={titleId}>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={titleId} className="text-base font-semibold">
            Requests
          </h2>
          <LiveStatus updatedAt={dataUpdatedAt} error={error} />
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <FilterSelect label="Resource" value={resource} onChange={setResource}>
            <ResourceOptions />
          </FilterSelect>
          <SegmentedControl legend="Period" options={RANGE_OPTIONS} value={range} onChange={setRange} />
          {/* The period is the view's span, not a filter: clearing keeps it. */}
          <ClearFiltersButton active={resource !== ""} onClear={() => setResource("")} />
        </div>
      </div>

      <dl className="mb-4 grid grid-cols-3 gap-3">
        {OUTCOMES.map((outcome) => (
          <div key={outcome} className="rounded-md border border-border px-3 py-2">
            <dt className="text-xs text-fg-muted">{OUTCOME_LABELS[outcome]}</dt>
            <dd className={`text-xl font-semibold tabular-nums ${TOTAL_TONES[outcome]}`}>{summary.totals[outcome].toLocaleString("en")}</dd>
          </div>
        ))}
      </dl>
      <p className="mb-2 text-sm text-fg-muted">{USAGE_RANGES[summary.range].label}, in UTC</p>
      <RequestsChart summary={summary} />

      {summary.byResource.length ? (
        <CountsTable
          caption="By resource"
          label="Resource"
          rows={summary.byResource.map((row) => ({ id: row.resource ?? "none", header: row.label, counts: row }))}
        />
      ) : (
        <p className="mt-6 text-sm text-fg-muted">No requests in this period{resource ? " for this resource" : ""}.</p>
      )}
      {summary.byKey.length ? (
        <CountsTable
          caption="By key"
          label="Key"
          rows={summary.byKey.map((row) => ({
            id: row.keyId ?? "none",
            counts: row,
            header: (
              <>
                {row.keyId ? (
                  <Link href={`/keys/${row.keyId}`} className="underline underline-offset-2">
                    {row.name}
                  </Link>
                ) : (
                  row.name
                )}
                {row.masked ? <span className="block font-mono text-xs text-fg-muted">{row.masked}</span> : null}
              </>
            ),
          }))}
        />
      ) : null}
    </Card>
  );
}
