// The /docs page's examples, produced by the API's own code: the record and page documents, the page
// links, the error constructors and the OpenAPI document's summaries. What the page shows is what the
// API answers, and a change to the API changes the page with it.
import type { Catalog, CatalogRoute, ResourceDefinition } from "@/lib/scopes/catalog";
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
import { documentedPath, type RecordOperation, recordOperation } from "./routes";

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
function summaryOf(catalog: Catalog, route: CatalogRoute): string {
  const { paths } = openApiDocument(catalog) as { paths: Record<string, Record<string, { summary?: string }>> };
  const path = documentedPath(route.path);
  return paths[path]?.[route.method.toLowerCase()]?.summary ?? `${route.method} ${path}`;
}

/** The route's path with its parameters filled in: the record's id for the last `:param`, "example" for the others. */
function examplePath(route: CatalogRoute, id: string): string {
  const params = [...route.path.matchAll(/:[A-Za-z][A-Za-z0-9_]*/g)];
  let index = 0;
  const filled = route.path
    .replace(/:[A-Za-z][A-Za-z0-9_]*/g, () => (++index === params.length ? id : "example"))
    .replace(/\*$/, "example");
  return `/api/v1${filled}`;
}

const routeFor = (resource: ResourceDefinition, operation: RecordOperation) =>
  resource.routes.find((route) => recordOperation(route) === operation);

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
export function curl(origin: string, method: string, path: string, body?: object): string {
  const parts = ["curl"];
  if (method !== "GET") parts.push(`-X ${method}`);
  parts.push('-H "Authorization: Bearer $KEYSMITH_KEY"');
  if (body) parts.push('-H "Content-Type: application/json"', `-d '${JSON.stringify(body)}'`);
  parts.push(`"${origin}${path}"`);
  return parts.join(" \\\n  ");
}

const CREATE_BODY = { data: { attributes: { name: "Example" } } };

/** The request shown with each resource: its list where it has one, else its create, else its first route. */
export function resourceExample(catalog: Catalog, origin: string, resource: ResourceDefinition): ApiExample {
  const route = routeFor(resource, "list") ?? routeFor(resource, "create") ?? resource.routes[0]!;
  const path = examplePath(route, EXAMPLE_IDS[0]);
  const operation = recordOperation(route);
  return {
    id: `example-${resource.id}`,
    title: summaryOf(catalog, route),
    request:
      operation === "list"
        ? curl(origin, "GET", `${path}?limit=${DEFAULT_PAGE_SIZE}`)
        : curl(origin, route.method, path, operation === "create" ? CREATE_BODY : undefined),
  };
}

/** The resource the shared examples use: the first with every operation of the record store, else the first. */
function sampleResource(catalog: Catalog): ResourceDefinition {
  const operations: RecordOperation[] = ["list", "read", "create", "update", "delete"];
  return catalog.resources.find((resource) => operations.every((operation) => routeFor(resource, operation))) ?? catalog.resources[0]!;
}

/** The sample resource's collection and item paths, as its list (or create) and read routes have them. */
function samplePaths(catalog: Catalog) {
  const resource = sampleResource(catalog);
  const collection = routeFor(resource, "list") ?? routeFor(resource, "create");
  const item = routeFor(resource, "read") ?? routeFor(resource, "update") ?? routeFor(resource, "delete");
  return {
    resource,
    list: collection ? examplePath(collection, EXAMPLE_IDS[0]) : `/api/v1/${resource.id}`,
    item: item ? examplePath(item, EXAMPLE_IDS[0]) : `/api/v1/${resource.id}/${EXAMPLE_IDS[0]}`,
  };
}

/** Every answer the resources share, on one resource: a page, one record, created, updated, deleted. */
export function responseExamples(catalog: Catalog, origin: string): ApiExample[] {
  const { resource, list, item } = samplePaths(catalog);
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
export function nextPageExample(catalog: Catalog, origin: string): ApiExample {
  const { resource, list } = samplePaths(catalog);
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
export function errorExample(catalog: Catalog, origin: string): ApiExample {
  const { resource, list } = samplePaths(catalog);
  return {
    id: "error-permission",
    title: "A refused request",
    request: curl(origin, "POST", list, CREATE_BODY),
    answer: { status: "403 Forbidden", body: pretty(errorBody(permissionDenied(`${resource.id}:write`))) },
  };
}

/** Every refusal the API makes, with the detail it sends. */
export function apiErrors(catalog: Catalog): ApiError[] {
  const { resource, list } = samplePaths(catalog);
  return [
    ...Object.values(REFUSAL_DETAILS).map((detail) => notAuthenticated(detail)),
    permissionDenied(`${resource.id}:write`),
    ipNotAllowed(EXAMPLE_ADDRESS),
    unknownEndpoint(`${list}-typo`),
    methodNotAllowed("/api/v1/key", ["GET", "HEAD"]),
    payloadTooLarge(MAX_BODY_BYTES),
    unsupportedMediaType,
    invalidLimit,
    invalidCursor,
    databaseUnavailable,
    internalError,
  ];
}
