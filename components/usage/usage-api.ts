// How the usage views read app/api/internal/usage: the query keys React Query caches under, and the
// fetch that turns a refusal into an error the view can show.
import type { RecentRequest, RequestPage, UsageSummary } from "@/lib/usage/queries";
import type { KeyUnusedScopes } from "@/lib/usage/unused-scopes";

/** How often the live views ask again while the tab is visible. */
export const LIVE_REFRESH_MS = 5_000;

export type UsageParams = {
  keyId?: string;
  range?: string;
  resource?: string;
  outcome?: string;
  cursor?: string;
  from?: string;
  to?: string;
  status?: string;
  path?: string;
  ip?: string;
  requestId?: string;
};
export type WorkspaceUnusedScopes = { keys: KeyUnusedScopes[]; checked: number; waiting: number; more: boolean };
export type { KeyUnusedScopes, RecentRequest, RequestPage, UsageSummary };

export const usageKeys = {
  all: ["usage"] as const,
  summary: (params: UsageParams) => ["usage", "summary", params] as const,
  requests: (params: UsageParams) => ["usage", "requests", params] as const,
  /** The newest page alone, polled to tell what is new (components/usage/recent-requests.tsx). */
  requestsHead: (params: UsageParams) => ["usage", "requests-head", params] as const,
  unused: (keyId?: string) => ["usage", "unused", keyId ?? null] as const,
  denied: (range: string) => ["usage", "denied", range] as const,
};

export async function fetchUsage<T>(path: "" | "/requests" | "/unused-scopes" | "/denied", params: UsageParams): Promise<T> {
  const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const response = await fetch(`/api/internal/usage${path}?${search}`, { cache: "no-store" });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.errors?.[0]?.detail ?? `Could not load usage (${response.status}).`);
  }
  return response.json() as Promise<T>;
}
