"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ScrollArea } from "@/components/ui/scroll-area";
import { formatBucket } from "@/lib/format";
import { OUTCOME_LABELS, OUTCOMES, type Outcome } from "@/lib/usage/outcomes";
import type { UsageSummary } from "./usage-api";

// Colours by role from the theme (app/globals.css), so the chart follows light and dark.
const OUTCOME_COLORS: Record<Outcome, string> = {
  allowed: "var(--color-success)",
  denied: "var(--color-danger)",
  rate_limited: "var(--color-accent)",
  errors: "var(--color-warning)",
};

/**
 * Requests per bucket, stacked by outcome. The chart is keyboard navigable (Recharts' accessibility
 * layer moves the tooltip with the arrow keys); the same numbers are in a table below it.
 */
export function RequestsChart({ summary }: { summary: UsageSummary }) {
  const label = (start: string) => formatBucket(new Date(start), summary.bucketSeconds);
  return (
    <figure>
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 224 }}>
          <BarChart data={summary.series} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
            <CartesianGrid vertical={false} stroke="var(--color-border)" strokeDasharray="3 3" />
            <XAxis dataKey="start" tickFormatter={label} stroke="var(--color-fg-muted)" fontSize={12} tickLine={false} minTickGap={24} />
            <YAxis allowDecimals={false} stroke="var(--color-fg-muted)" fontSize={12} tickLine={false} width={44} />
            <Tooltip
              labelFormatter={(start) => label(String(start))}
              cursor={{ fill: "var(--color-muted)" }}
              contentStyle={{ background: "var(--color-surface)", border: "1px solid var(--color-border)", borderRadius: 6 }}
              labelStyle={{ color: "var(--color-fg)" }}
            />
            <Legend iconType="square" wrapperStyle={{ fontSize: 12 }} />
            {OUTCOMES.map((outcome) => (
              <Bar
                key={outcome}
                dataKey={outcome}
                name={OUTCOME_LABELS[outcome]}
                stackId="requests"
                fill={OUTCOME_COLORS[outcome]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">Requests per {summary.bucketSeconds >= 86_400 ? "day" : "period"}, by outcome</figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-fg-muted hover:text-fg">Show the numbers</summary>
        <ScrollArea label="Requests per period" className="mt-2 max-h-64 overflow-y-auto">
          <table className="w-full text-left">
            <thead className="text-xs text-fg-muted">
              <tr>
                <th scope="col" className="py-1 pr-4 font-medium">
                  From
                </th>
                {OUTCOMES.map((outcome) => (
                  <th key={outcome} scope="col" className="py-1 pr-4 text-right font-medium">
                    {OUTCOME_LABELS[outcome]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {summary.series.map((bucket) => (
                <tr key={bucket.start} className="border-t border-border">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    {label(bucket.start)}
                  </th>
                  {OUTCOMES.map((outcome) => (
                    <td key={outcome} className="py-1 pr-4 text-right">
                      {bucket[outcome]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </details>
    </figure>
  );
}
