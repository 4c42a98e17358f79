"use client";
// The period /usage's cards share: picked in the requests card, followed by the denied requests card,
// so both always speak of the same span. Kept in the URL like every other filter (useUrlState).
import { createContext, type ReactNode, useContext } from "react";
import type { UsageRange } from "@/lib/usage/ranges";
import { useUrlState } from "./use-url-state";

type RangeState = [UsageRange, (range: UsageRange) => void];

const UsageRangeContext = createContext<RangeState | null>(null);

export function UsageRangeProvider({ initial, children }: { initial: UsageRange; children: ReactNode }) {
  const state = useUrlState<UsageRange>("range", initial, "24h");
  return <UsageRangeContext value={state}>{children}</UsageRangeContext>;
}

/** The shared period inside a UsageRangeProvider; a card on its own (the key page) keeps its own. */
export function useUsageRange(initial: UsageRange): RangeState {
  const shared = useContext(UsageRangeContext);
  const own = useUrlState<UsageRange>("range", initial, "24h");
  return shared ?? own;
}
