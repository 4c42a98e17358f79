"use client";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { ClearFiltersButton } from "@/components/ui/clear-filters-button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { KEY_STATUS_LABELS, KEY_STATUSES } from "@/lib/api-keys/status";
import type { KeyListQuery } from "@/lib/validation/key-list";
import { KEY_SORTS } from "@/lib/validation/key-list";

type Filters = Pick<KeyListQuery, "q" | "status" | "sort">;

// Long enough not to load a list per keystroke, short enough to feel immediate.
const SEARCH_PAUSE_MS = 300;
const NO_FILTERS = { q: "", status: "all" } as const;

/** The list's address for these filters: page one (a cursor belongs to the previous list), defaults left out. */
function keyListHref({ q, status, sort }: Filters) {
  const params = new URLSearchParams();
  if (q.trim()) params.set("q", q.trim());
  if (status !== "all") params.set("status", status);
  if (sort !== "newest") params.set("sort", sort);
  const search = params.toString();
  return search ? `/keys?${search}` : "/keys";
}

/**
 * Filters that apply at once, like the usage filters: a choice reloads the list, the search after a pause
 * in typing. They live in the URL, so a filtered list can be shared; the form still submits as a plain GET
 * (Enter in the search field) where JavaScript has not loaded.
 */
export function KeyListFilters({ query }: { query: KeyListQuery }) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const fromUrl: Filters = { q: query.q, status: query.status, sort: query.sort };
  const [filters, setFilters] = useState<Filters>(fromUrl);
  const [urlSeen, setUrlSeen] = useState(keyListHref(fromUrl));
  const [applied, setApplied] = useState(keyListHref(fromUrl));
  const searchTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(searchTimer.current), []);

  // A navigation this form did not make (the "Keys" link, another page of the list) shows its own filters;
  // the list this form asked for leaves alone what was typed since.
  const urlNow = keyListHref(fromUrl);
  if (urlNow !== urlSeen) {
    setUrlSeen(urlNow);
    if (urlNow !== applied) {
      setFilters(fromUrl);
      setApplied(urlNow);
    }
  }

  function apply(next: Filters) {
    clearTimeout(searchTimer.current);
    setFilters(next);
    const href = keyListHref(next);
    setApplied(href);
    startTransition(() => router.replace(href, { scroll: false }));
  }

  function search(q: string) {
    setFilters({ ...filters, q });
    clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(() => apply({ ...filters, q }), SEARCH_PAUSE_MS);
  }

  const active = filters.q.trim() !== NO_FILTERS.q || filters.status !== NO_FILTERS.status;
  return (
    <form
      method="get"
      action="/keys"
      aria-label="Filter keys"
      className="mb-4 grid gap-3 sm:grid-cols-[1fr_12rem_12rem_auto] sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        apply(filters);
      }}
    >
      <div>
        <label htmlFor="key-search" className="mb-1 block text-sm font-medium">
          Search by name
        </label>
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-2.5 left-3 size-4 text-fg-muted" />
          <Input
            id="key-search"
            name="q"
            type="search"
            value={filters.q}
            onChange={(event) => search(event.target.value)}
            maxLength={64}
            className="pl-9"
          />
        </div>
      </div>
      <div>
        <label htmlFor="key-status" className="mb-1 block text-sm font-medium">
          Status
        </label>
        <Select
          id="key-status"
          name="status"
          value={filters.status}
          onChange={(event) => apply({ ...filters, status: event.target.value as Filters["status"] })}
        >
          <option value="all">All statuses</option>
          {KEY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {KEY_STATUS_LABELS[status]}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="key-sort" className="mb-1 block text-sm font-medium">
          Sort by
        </label>
        <Select
          id="key-sort"
          name="sort"
          value={filters.sort}
          onChange={(event) => apply({ ...filters, sort: event.target.value as Filters["sort"] })}
        >
          {Object.entries(KEY_SORTS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </div>
      <ClearFiltersButton active={active} onClear={() => apply({ ...filters, ...NO_FILTERS })} />
    </form>
  );
}
