import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";

/**
 * A key's stored scopes that the catalog no longer has (their resource or level was removed): they
 * grant nothing, and are shown as they are stored so nobody mistakes them for access. Nothing when
 * there are none.
 */
export function GoneScopes({ scopes, children }: { scopes: readonly string[]; children?: ReactNode }) {
  if (scopes.length === 0) return null;
  return (
    <div className="space-y-1.5 text-sm text-fg-muted">
      <p>No longer in the catalog, so they grant nothing:</p>
      <ul aria-label="Scopes no longer in the catalog" className="flex flex-wrap gap-1.5">
        {scopes.map((scope) => (
          <li key={scope}>
            <Badge>
              <code className="font-mono">{scope}</code>
              <span className="sr-only"> (no longer in the catalog)</span>
            </Badge>
          </li>
        ))}
      </ul>
      {children}
    </div>
  );
}
