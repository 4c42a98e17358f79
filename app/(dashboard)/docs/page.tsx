import { headers } from "next/headers";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table-head";
import { requireWorkspaceContext } from "@/lib/auth/current";
import { CATALOG, endpointsOf, RESOURCE_GROUPS } from "@/lib/scopes/catalog";
import { supports } from "@/lib/scopes/scopes";

export const metadata = { title: "API reference" };

const METHOD_TONES: Record<string, string> = {
  GET: "text-success",
  POST: "text-accent",
  PATCH: "text-warning",
  DELETE: "text-danger",
};

// The same catalog as the router and /api/v1/openapi.json: endpoint, method, scope, an example curl.
export default async function DocsPage() {
  await requireWorkspaceContext();
  const host = (await headers()).get("host") ?? "localhost:3000";
  const base = `http://${host}`;
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Every request sends a key in the <code className="font-mono">Authorization: Bearer ksk_…</code> header; each endpoint needs the
            scope shown. Full access (write) includes read. The machine-readable form is{" "}
            <a className="underline underline-offset-2" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI 3.1).
          </>
        }
      />
      <Card className="mb-6 space-y-2 p-5 text-sm">
        <h2 className="text-base font-semibold">Check a key</h2>
        <p className="text-fg-muted">Needs no scope: answers with the key&apos;s name, scopes, expiry and workspace.</p>
        <pre className="whitespace-pre-wrap break-all rounded-md bg-muted p-3 font-mono text-xs">{`curl -H "Authorization: Bearer $KEYSMITH_KEY" ${base}/api/v1/key`}</pre>
        <p className="text-fg-muted">
          Errors always look like <code className="font-mono">{`{"errors": [{"id", "status", "code", "title", "detail"}]}`}</code>: 401 for
          a missing, unknown, revoked or expired key, 403 naming the missing scope, 404, 405, 413, 415, 422 naming the field.
        </p>
      </Card>
      <div className="space-y-8">
        {RESOURCE_GROUPS.map((group) => (
          <section key={group} aria-labelledby={`group-${group}`}>
            <h2 id={`group-${group}`} className="mb-3 text-lg font-semibold">
              {group}
            </h2>
            <div className="space-y-4">
              {CATALOG.filter((r) => r.group === group).map((resource) => (
                <Card key={resource.id} className="p-5">
                  <h3 className="font-semibold">
                    {resource.label} <code className="ml-1 font-mono text-xs text-fg-muted">{resource.id}</code>
                  </h3>
                  <p className="mb-3 text-sm text-fg-muted">{resource.description}</p>
                  <div>
                    <table className="w-full text-left text-sm">
                      <caption className="sr-only">Endpoints of {resource.label}</caption>
                      <TableHead columns={[{ label: "Method" }, { label: "Path" }, { label: "Scope" }]} />
                      <tbody>
                        {endpointsOf(resource).map((endpoint) => (
                          <tr key={`${endpoint.method} ${endpoint.path}`}>
                            <td className={`px-4 py-1 font-mono font-semibold ${METHOD_TONES[endpoint.method]}`}>{endpoint.method}</td>
                            <td className="px-4 py-1 font-mono break-all">{endpoint.path}</td>
                            <td className="px-4 py-1 font-mono">{`${resource.id}:${endpoint.level}`}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  <pre className="mt-3 whitespace-pre-wrap break-all rounded-md bg-muted p-3 font-mono text-xs">
                    {supports(resource, "read")
                      ? `curl -H "Authorization: Bearer $KEYSMITH_KEY" "${base}/api/v1/${resource.id}?limit=20"`
                      : `curl -X POST -H "Authorization: Bearer $KEYSMITH_KEY" -H "Content-Type: application/json" \\\n  -d '{"data": {"attributes": {}}}' ${base}/api/v1/${resource.id}`}
                  </pre>
                </Card>
              ))}
            </div>
          </section>
        ))}
      </div>
    </>
  );
}
