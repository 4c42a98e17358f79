// The /docs page's examples, produced by the API's own code: the record and page documents, the page
// links, the error constructors and the OpenAPI document's summaries. What the page shows is what the
// API answers, and a change to the API changes the page with it.
import { CATALOG, type Endpoint, endpointsOf, type ResourceDefinition } from "@/lib/scopes/catalog";
import { supports } from "@/lib/scopes/scopes";
import { MAX_BODY_BYTES } from "./body";
import {
  type ApiError,
  databaseUnavailable,
  errorBody,
  internalError,
  invalidCursor,
  invalidLimit,
  ipNotAllowed,
  methodNotAllowed,
  notAuthenticated,
  payloadTooLarge,
  permissionDenied,
  REFUSAL_DETAILS,
  unknownEndpoint,
  unsupportedMediaType,
} from "./errors";
import { openApiDocument } from "./openapi";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageLinks } from "./pagination";
import { documentJson, resourceJson } from "./records";

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

/**
 * A request, and what the API answers to it when the page shows that (a null body: none is sent).
 * `id` and `title` are unique on the page: the anchor, and the copy buttons' names.
 */
export type ApiExample = { id: string; title: string; request: string; answer?: { status: string; body: string | null } };

const EXAMPLE_TIME = new Date("2026-01-15T09:30:00.000Z");
const EXAMPLE_IDS = ["cmexample0000000000000001", "cmexample0000000000000002", "cmexample0000000000000003"] as const;
const EXAMPLE_ADDRESS = "203.0.113.7"; // TEST-NET-3: an address that is no one's

/**
 * The answer as the page shows it: indented down to each record's fields, deeper values on one line
 * (attributes, meta), so an example reads at a glance without a screen of braces.
 */
function pretty(json: string): string {
  return layout(JSON.parse(json), 0);
}

const INDENTED_LEVELS = 3;

function layout(value: unknown, depth: number): string {
  if (depth >= INDENTED_LEVELS || value === null || typeof value !== "object") return JSON.stringify(value);
  const entries = Array.isArray(value)
    ? value.map((item) => layout(item, depth + 1))
    : Object.entries(value).map(([name, item]) => `${JSON.stringify(name)}: ${layout(item, depth + 1)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (!entries.length) return `${open}${close}`;
  const pad = "  ".repeat(depth);
  return `${open}\n${entries.map((entry) => `${pad}  ${entry}`).join(",\n")}\n${pad}${close}`;
}

/** The OpenAPI document's summary of an operation ("List profiles"), the words its clients see. */
function summaryOf(endpoint: Pick<Endpoint, "method" | "path">): string {
  const { paths } = openApiDocument() as { paths: Record<string, Record<string, { summary?: string }>> };
  return paths[endpoint.path]?.[endpoint.method.toLowerCase()]?.summary ?? `${endpoint.method} ${endpoint.path}`;
}

function exampleRecord(resource: ResourceDefinition, id: string) {
  return resourceJson({
    id,
    resource: resource.id,
    attributes: JSON.stringify({ name: `Example ${resource.label.toLowerCase()}` }),
    createdAt: EXAMPLE_TIME,
    updatedAt: EXAMPLE_TIME,
  });
}

/** A curl command for the request, against this dashboard's address. */
export function curl(origin: string, method: Endpoint["method"], path: string, body?: object): string {
  const parts = ["curl"];
  if (method !== "GET") parts.push(`-X ${method}`);
  parts.push('-H "Authorization: Bearer $KEYSMITH_KEY"');
  if (body) parts.push('-H "Content-Type: application/json"', `-d '${JSON.stringify(body)}'`);
  parts.push(`"${origin}${path}"`);
  return parts.join(" \\\n  ");
}

const CREATE_BODY = { data: { attributes: { name: "Example" } } };

/** The request shown with each resource: its list where it can be read, else its create (the answers' shapes are shared). */
export function resourceExample(origin: string, resource: ResourceDefinition): ApiExample {
  const endpoint = endpointsOf(resource)[0]!;
  return {
    id: `example-${resource.id}`,
    title: summaryOf(endpoint),
    request:
      endpoint.method === "GET"
        ? curl(origin, "GET", `${endpoint.path}?limit=${DEFAULT_PAGE_SIZE}`)
        : curl(origin, "POST", endpoint.path, CREATE_BODY),
  };
}

/** The resource the shared examples use: the first that can be both read and changed. */
function sampleResource(): ResourceDefinition {
  return CATALOG.find((resource) => supports(resource, "read") && supports(resource, "write")) ?? CATALOG[0]!;
}

/** Every answer the resources share, on one resource: a page, one record, created, updated, deleted. */
export function responseExamples(origin: string): ApiExample[] {
  const resource = sampleResource();
  const list = `/api/v1/${resource.id}`;
  const item = `${list}/${EXAMPLE_IDS[0]}`;
  const [one, two] = [exampleRecord(resource, EXAMPLE_IDS[0]), exampleRecord(resource, EXAMPLE_IDS[1])];
  return [
    {
      id: "response-list",
      title: "A page of records",
      request: curl(origin, "GET", `${list}?limit=2`),
      answer: { status: "200 OK", body: pretty(documentJson(`[${one},${two}]`, pageLinks(list, 2, null, EXAMPLE_IDS[1]))) },
    },
    {
      id: "response-get",
      title: "One record",
      request: curl(origin, "GET", item),
      answer: { status: "200 OK", body: pretty(documentJson(one)) },
    },
    {
      id: "response-create",
      title: "A created record",
      request: curl(origin, "POST", list, CREATE_BODY),
      answer: { status: `201 Created, Location: ${item}`, body: pretty(documentJson(one)) },
    },
    {
      id: "response-update",
      title: "An updated record",
      request: curl(origin, "PATCH", item, { data: { attributes: { name: "Renamed", obsolete: null } } }),
      answer: { status: "200 OK", body: pretty(documentJson(one)) },
    },
    {
      id: "response-delete",
      title: "A deleted record",
      request: curl(origin, "DELETE", item),
      answer: { status: "204 No Content", body: null },
    },
  ];
}

/** The next page of the list in responseExamples: the cursor comes from links.next, and the last page's next is null. */
export function nextPageExample(origin: string): ApiExample {
  const resource = sampleResource();
  const list = `/api/v1/${resource.id}`;
  return {
    id: "pagination-next",
    title: "The last page",
    request: curl(origin, "GET", `${list}?limit=2&cursor=${EXAMPLE_IDS[1]}`),
    answer: {
      status: "200 OK",
      body: pretty(documentJson(`[${exampleRecord(resource, EXAMPLE_IDS[2])}]`, pageLinks(list, 2, EXAMPLE_IDS[1], null))),
    },
  };
}

/** A refusal as the API sends it. */
export function errorExample(origin: string): ApiExample {
  const resource = sampleResource();
  return {
    id: "error-permission",
    title: "A refused request",
    request: curl(origin, "POST", `/api/v1/${resource.id}`, CREATE_BODY),
    answer: { status: "403 Forbidden", body: pretty(errorBody(permissionDenied(`${resource.id}:write`))) },
  };
}

/** Every refusal the API makes, with the detail it sends. */
export function apiErrors(): ApiError[] {
  const resource = sampleResource();
  return [
    ...Object.values(REFUSAL_DETAILS).map((detail) => notAuthenticated(detail)),
    permissionDenied(`${resource.id}:write`),
    ipNotAllowed(EXAMPLE_ADDRESS),
    unknownEndpoint(`/api/v1/${resource.id}-typo`),
    methodNotAllowed("/api/v1/key", ["GET", "HEAD"]),
    payloadTooLarge(MAX_BODY_BYTES),
    unsupportedMediaType,
    invalidLimit,
    invalidCursor,
    databaseUnavailable,
    internalError,
  ];
}
