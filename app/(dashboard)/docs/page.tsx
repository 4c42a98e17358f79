import type { ReactNode } from "react";
import { ApiExampleBlock } from "@/components/docs/api-example";
import { KeySnippets } from "@/components/keys/key-snippets";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollArea } from "@/components/ui/scroll-area";
import { TableHead } from "@/components/ui/table-head";
import {
  apiErrors,
  DEFAULT_PAGE_SIZE,
  errorExample,
  MAX_PAGE_SIZE,
  nextPageExample,
  resourceExample,
  responseExamples,
} from "@/lib/api/reference";
import { documentedPath } from "@/lib/api/routes";
import { VERIFY_CODES, VERIFY_PATH } from "@/lib/api/verify-contract";
import { currentPublicOrigin, requireWorkspaceContext } from "@/lib/auth/current";
import { resourcesByGroup } from "@/lib/scopes/catalog";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";

export const metadata = { title: "API reference" };

const METHOD_TONES: Record<string, string> = {
  GET: "text-success",
  POST: "text-accent",
  PUT: "text-warning",
  PATCH: "text-warning",
  DELETE: "text-danger",
};

const LINK = "underline underline-offset-2";
const SECTIONS = [
  { id: "authentication", label: "Authentication" },
  { id: "responses", label: "Responses" },
  { id: "pagination", label: "Pagination" },
  { id: "errors", label: "Errors" },
] as const;
const groupAnchor = (group: string) => `group-${group.toLowerCase()}`;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} id={id} className="scroll-mt-4">
      <h2 id={`${id}-title`} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

// Everything here comes from the API's own code: the catalog (routes, scopes), the OpenAPI document's
// summaries, and the documents, page links and errors the router builds (lib/api/reference.ts).
export default async function DocsPage() {
  await requireWorkspaceContext();
  const origin = await currentPublicOrigin();
  const catalog = loadedCatalog();
  const groups = resourcesByGroup(catalog);
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Every request sends a key in the <code className="font-mono">Authorization: Bearer ksk_…</code> header; each endpoint needs the
            scope shown. Full access (write) includes read. The machine-readable form is{" "}
            <a className={LINK} href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI 3.1).
          </>
        }
      />

      <nav aria-label="Contents" className="mb-8 rounded-lg border border-border bg-surface p-4 text-sm">
        <h2 className="mb-2 font-semibold">Contents</h2>
        <ol className="grid gap-x-6 gap-y-1 sm:grid-cols-2 lg:grid-cols-4">
          {SECTIONS.map((section) => (
            <li key={section.id}>
              <a className={LINK} href={`#${section.id}`}>
                {section.label}
              </a>
            </li>
          ))}
          {groups.map(({ group, resources }) => (
            <li key={group}>
              <a className={LINK} href={`#${groupAnchor(group)}`}>
                {group}
              </a>
              <ul className="text-fg-muted">
                {resources.map((resource) => (
                  <li key={resource.id} className="ml-3">
                    <a className={LINK} href={`#resource-${resource.id}`}>
                      {resource.label}
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </nav>

      <div className="space-y-10">
        <Section id="authentication" title="Authentication">
          <Card className="space-y-3 p-5 text-sm">
            <p className="text-fg-muted">
              <code className="font-mono">GET /api/v1/key</code> needs no scope: it answers with the key&apos;s name, scopes, expiry and
              workspace, a quick way to check that a key works. Keys are never accepted in the URL.
            </p>
            <p className="text-fg-muted">
              A service that checks its own clients&apos; keys calls <code className="font-mono">POST {VERIFY_PATH}</code> with the
              server&apos;s service token (<code className="font-mono">KEYSMITH_SERVICE_TOKEN</code>; without it the endpoint is off) and{" "}
              <code className="font-mono">{'{"key": "ksk_…", "scope": "profiles:read"}'}</code> or a method and path instead of the scope.
              It answers <code className="font-mono">valid</code> with the key&apos;s id, workspace, scopes and expiry, or a{" "}
              <code className="font-mono">code</code>: {VERIFY_CODES.join(", ")}.
            </p>
            <div id="example-check-key" className="scroll-mt-4 space-y-2">
              <h3 className="font-semibold">Check a key</h3>
              <KeySnippets baseUrl={origin} />
            </div>
          </Card>
        </Section>

        <Section id="responses" title="Responses">
          <p className="mb-3 max-w-prose text-sm text-fg-muted">
            Every resource answers in the same shapes (JSON:API, <code className="font-mono">application/vnd.api+json</code>); only{" "}
            <code className="font-mono">type</code> changes. A record&apos;s attributes are the JSON you sent; a PATCH merges them, and{" "}
            <code className="font-mono">null</code> removes one.
          </p>
          <div className="grid gap-4 lg:grid-cols-2">
            {responseExamples(catalog, origin).map((example) => (
              <Card key={example.id} className="p-5">
                <ApiExampleBlock example={example} />
              </Card>
            ))}
          </div>
        </Section>

        <Section id="pagination" title="Pagination">
          <Card className="grid gap-4 p-5 text-sm lg:grid-cols-2">
            <ul className="list-disc space-y-1 pl-5 text-fg-muted">
              <li>
                Lists come in a stable order (by id), <code className="font-mono">{DEFAULT_PAGE_SIZE}</code> records a page unless{" "}
                <code className="font-mono">limit</code> asks for 1 to <code className="font-mono">{MAX_PAGE_SIZE}</code>.
              </li>
              <li>
                <code className="font-mono">links.next</code> is the address of the next page, with its{" "}
                <code className="font-mono">cursor</code>; on the last page it is <code className="font-mono">null</code>.
              </li>
              <li>Follow links.next as it is: a cursor the API did not give out answers 422.</li>
              <li>The cursor marks a place in that order, not a page number: no record comes twice while you page.</li>
            </ul>
            <ApiExampleBlock example={nextPageExample(catalog, origin)} />
          </Card>
        </Section>

        <Section id="errors" title="Errors">
          <Card className="space-y-4 p-5 text-sm">
            <p className="text-fg-muted">
              Every refusal has one shape, <code className="font-mono">{`{"errors": [{"id", "status", "code", "title", "detail"}]}`}</code>,
              with <code className="font-mono">source.pointer</code> naming the field when a body is invalid. Nothing else is ever sent: no
              stack trace, no HTML.
            </p>
            <ApiExampleBlock example={errorExample(catalog, origin)} />
            <ScrollArea label="Errors table">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Errors the API answers with</caption>
                <TableHead columns={[{ label: "Status" }, { label: "Code" }, { label: "Detail" }]} />
                <tbody className="divide-y divide-border">
                  {apiErrors(catalog).map((error) => (
                    <tr key={`${error.code} ${error.detail}`}>
                      <td className="px-4 py-1.5 font-mono">{error.status}</td>
                      <td className="px-4 py-1.5 font-mono">{error.code}</td>
                      <td className="px-4 py-1.5 text-fg-muted">{error.detail}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollArea>
          </Card>
        </Section>

        {groups.map(({ group, resources }) => (
          <Section key={group} id={groupAnchor(group)} title={group}>
            <div className="grid gap-4 lg:grid-cols-2">
              {resources.map((resource) => (
                <Card key={resource.id} id={`resource-${resource.id}`} className="min-w-0 scroll-mt-4 space-y-2 p-4">
                  <div>
                    <h3 className="font-semibold">
                      {resource.label} <code className="ml-1 font-mono text-xs text-fg-muted">{resource.id}</code>
                    </h3>
                    <p className="text-sm text-fg-muted">{resource.description}</p>
                  </div>
                  {/* A list rather than a table: three short columns that wrap on a phone instead of widening the page. */}
                  <ul aria-label={`Endpoints of ${resource.label}`} className="space-y-1 font-mono text-xs">
                    {resource.routes.map((endpoint) => (
                      <li key={`${endpoint.method} ${endpoint.path}`} className="flex flex-wrap gap-x-3">
                        <span className={`w-14 font-semibold ${METHOD_TONES[endpoint.method]}`}>{endpoint.method}</span>
                        <span className="min-w-0 break-all">{documentedPath(endpoint.path)}</span>
                        <span className="text-fg-muted">needs {`${resource.id}:${endpoint.level}`}</span>
                      </li>
                    ))}
                  </ul>
                  <ApiExampleBlock example={resourceExample(catalog, origin, resource)} headingLevel={4} />
                </Card>
              ))}
            </div>
          </Section>
        ))}
      </div>
    </>
  );
}
