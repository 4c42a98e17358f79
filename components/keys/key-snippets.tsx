"use client";
import { CopyButton } from "@/components/ui/copy-button";
import { Tabs } from "@/components/ui/tabs";
import { keySnippets } from "@/lib/api/snippets";

/** GET /api/v1/key in curl, JavaScript and Python, as tabs, each with its copy button. */
export function KeySnippets({ baseUrl, secret = null, onCopied }: { baseUrl: string; secret?: string | null; onCopied?: () => void }) {
  return (
    <Tabs
      label="Code snippets"
      tabs={keySnippets(baseUrl, secret).map((snippet) => ({
        id: snippet.id,
        label: snippet.label,
        content: (
          <div className="space-y-2">
            <pre className="rounded-md border border-border bg-muted px-3 py-2 font-mono text-xs whitespace-pre-wrap text-fg wrap-anywhere">
              <code>{snippet.code}</code>
            </pre>
            <CopyButton
              text={snippet.code}
              label="Copy"
              context={`${snippet.label} snippet`}
              toastMessage={`${snippet.label} snippet copied`}
              onCopied={onCopied}
            />
          </div>
        ),
      }))}
    />
  );
}
