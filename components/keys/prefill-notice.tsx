import { useId } from "react";
import { useCatalog } from "@/components/catalog-provider";
import { Card } from "@/components/ui/card";
import { type Catalog, findResource } from "@/lib/scopes/catalog";
import type { Prefill } from "@/lib/scopes/prefill";
import { parseScope, unsupportedReason } from "@/lib/scopes/scopes";

function loweredBecause(catalog: Catalog, scope: string): string {
  const parsed = parseScope(scope);
  const resource = parsed && findResource(catalog, parsed.resource);
  return (resource && unsupportedReason(resource, parsed.level)) ?? "";
}

/**
 * Says that a link filled in the create form, and what of the link the form did not take as written.
 * Everything here is text from the link, which React renders escaped.
 */
export function PrefillNotice({ prefill }: { prefill: Prefill }) {
  const { ignored, lowered, notes } = prefill;
  const headingId = useId();
  const catalog = useCatalog();
  return (
    <Card role="region" aria-labelledby={headingId} className="mb-6 max-w-3xl space-y-3 border-accent p-4 text-sm">
      <h2 id={headingId} className="text-base font-semibold">
        Requested through a link
      </h2>
      <p>A link filled in this form. Review the name, access and expiry below: nothing is created until you choose “Create key”.</p>
      {ignored.length ? (
        <div className="space-y-1">
          <p>Ignored, because this API offers no such scope:</p>
          <ul aria-label="Ignored scopes" className="flex flex-wrap gap-2">
            {ignored.map((scope) => (
              <li key={scope}>
                <code className="rounded bg-muted px-1.5 py-0.5 font-mono break-all">{scope}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {lowered.length ? (
        <div className="space-y-1">
          <p>Lowered to what the resource offers:</p>
          <ul aria-label="Lowered scopes" className="list-disc space-y-1 pl-5">
            {lowered.map(({ scope, to }) => (
              <li key={scope}>
                <code className="font-mono">{scope}</code> became <code className="font-mono">{to}</code>: {loweredBecause(catalog, scope)}.
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {notes.length ? (
        <ul aria-label="Other changes" className="list-disc space-y-1 pl-5">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
