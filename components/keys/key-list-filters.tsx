import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { KEY_STATUS_LABELS, KEY_STATUSES } from "@/lib/api-keys/status";
import type { KeyListQuery } from "@/lib/validation/key-list";
import { KEY_SORTS } from "@/lib/validation/key-list";

/** A plain GET form: filters live in the URL, so a filtered list can be shared and works without JavaScript. */
export function KeyListFilters({ query }: { query: KeyListQuery }) {
  return (
    <form method="get" action="/keys" aria-label="Filter keys" className="mb-4 grid gap-3 sm:grid-cols-[1fr_12rem_12rem_auto] sm:items-end">
      <div>
        <label htmlFor="key-search" className="mb-1 block text-sm font-medium">
          Search by name
        </label>
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-2.5 left-3 size-4 text-fg-muted" />
          <Input id="key-search" name="q" type="search" defaultValue={query.q} maxLength={64} className="pl-9" />
        </div>
      </div>
      <div>
        <label htmlFor="key-status" className="mb-1 block text-sm font-medium">
          Status
        </label>
        <Select id="key-status" name="status" defaultValue={query.status}>
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
        <Select id="key-sort" name="sort" defaultValue={query.sort}>
          {Object.entries(KEY_SORTS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        Apply filters
      </Button>
    </form>
  );
}
