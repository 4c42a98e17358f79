import { ChevronRight } from "lucide-react";
import { countOf } from "@/lib/format";
import type { Catalog } from "@/lib/scopes/catalog";
import { ACCESS_LABELS, goneScopes, toAccessMap } from "@/lib/scopes/scopes";
import { GoneScopes } from "./gone-scopes";

/**
 * A key's access as a reader needs it: what it grants first, and the resources it cannot reach folded
 * into one line. The full editable matrix (every resource, three choices each) made the key page
 * thousands of pixels tall for a key that reads one resource.
 */
export function KeyAccess({ catalog, scopes }: { catalog: Catalog; scopes: readonly string[] }) {
  const access = toAccessMap(catalog, scopes);
  const granted = catalog.resources.filter((resource) => access[resource.id] !== "none");
  const withoutAccess = catalog.resources.filter((resource) => access[resource.id] === "none");
  return (
    <div className="space-y-3">
      <GoneScopes scopes={goneScopes(catalog, scopes)} />
      {granted.length ? (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Resources this key can access</caption>
          <thead className="text-xs text-fg-muted">
            <tr>
              <th scope="col" className="pb-2 font-medium">
                Resource
              </th>
              <th scope="col" className="pb-2 text-right font-medium">
                Access
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {granted.map((resource) => (
              <tr key={resource.id}>
                <th scope="row" className="py-2 pr-3 font-normal">
                  <span className="font-medium">{resource.label}</span>
                  <span className="block text-xs text-fg-muted">{resource.description}</span>
                </th>
                <td className="py-2 text-right whitespace-nowrap">{ACCESS_LABELS[access[resource.id]!]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-fg-muted">This key can call no resource.</p>
      )}
      {withoutAccess.length ? (
        <details className="group rounded-md border border-border">
          <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-accent">
            <ChevronRight aria-hidden className="size-4 transition-transform group-open:rotate-90" />
            {countOf(withoutAccess.length, "resource")} with no access
          </summary>
          <ul className="grid gap-x-4 gap-y-1 border-t border-border px-3 py-2 text-sm text-fg-muted sm:grid-cols-2">
            {withoutAccess.map((resource) => (
              <li key={resource.id}>{resource.label}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
