// The OpenAPI 3.1 document of /api/v1 and the verify endpoint, generated from the scope catalog's routes: every operation
// names the scope it needs, so the document, the matrix and the router cannot disagree.
import type { Catalog, CatalogRoute, ResourceDefinition } from "@/lib/scopes/catalog";
import { lastParamName } from "@/lib/scopes/route-patterns";
import { MAX_BODY_BYTES } from "./body";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./pagination";
import { documentedPath, type RecordOperation, recordOperation } from "./routes";
import { MAX_VERIFY_BODY_BYTES, VERIFY_CODES, VERIFY_PATH } from "./verify-contract";

const errorResponse = (description: string) => ({
  description,
  content: { "application/vnd.api+json": { schema: { $ref: "#/components/schemas/Errors" } } },
});
const recordResponse = (description: string) => ({
  description,
  content: { "application/vnd.api+json": { schema: { $ref: "#/components/schemas/RecordDocument" } } },
});
const recordBody = {
  required: true,
  description: `JSON, at most ${MAX_BODY_BYTES} bytes.`,
  content: { "application/json": { schema: { $ref: "#/components/schemas/RecordInput" } } },
};
// A key over its rate limit, or an address over its failed authentications (lib/rate-limit). A key with a
// rate limit gets RateLimit-Policy and RateLimit on every answer, not only this one.
const rateLimitHeader = (description: string, schema: object) => ({ description, schema });
const rateLimited = {
  ...errorResponse(
    "rate_limited: the key is over its rate limit, or the caller's address over its failed authentications (too many missing, malformed, unknown, revoked or expired keys in a minute)",
  ),
  headers: {
    "Retry-After": rateLimitHeader("Seconds until a request may succeed again.", { type: "integer", minimum: 1 }),
    "RateLimit-Policy": rateLimitHeader(
      'The key\'s limit, e.g. `"key";q=100;w=60` (quota, window in seconds); on every answer to a rate-limited key.',
      {
        type: "string",
      },
    ),
    RateLimit: rateLimitHeader(
      'What is left, e.g. `"key";r=0;t=17` (remaining, seconds until the window resets); on every answer to a rate-limited key.',
      {
        type: "string",
      },
    ),
  },
};
const refusals = {
  "401": errorResponse("Missing, malformed, unknown, revoked or expired key"),
  "429": rateLimited,
  "403": errorResponse(
    "The key lacks the scope this operation needs (permission_denied), or its IP allow-list does not hold the caller's address (ip_not_allowed)",
  ),
};

/** The path's parameters: the record store's id (the last `:param`) is checked as it checks it. */
function pathParameters(route: CatalogRoute) {
  const idName = lastParamName(route.path);
  const params = [...route.path.matchAll(/:([A-Za-z][A-Za-z0-9_]*)/g)].map(([, name]) => ({
    name: name!,
    in: "path",
    required: true,
    schema: name === idName ? { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } : { type: "string" },
  }));
  if (route.path.endsWith("/*"))
    params.push({
      name: "rest",
      in: "path",
      required: true,
      schema: { type: "string" },
      description: "One or more path segments.",
    } as never);
  return params;
}

/** Who answers the catalog's routes: the built-in record store, or (gateway mode) the upstream API. */
export type ApiMode = "store" | "gateway";

const upstreamAnswer = {
  default: { description: "The upstream API's answer, as it gave it" },
  "502": errorResponse("upstream_unavailable: the upstream API could not be reached"),
  "504": errorResponse("upstream_timeout: the upstream API did not answer within UPSTREAM_TIMEOUT_MS"),
};

function operation(resource: ResourceDefinition, route: CatalogRoute, operationId: string, mode: ApiMode) {
  const label = resource.label.toLowerCase();
  const scope = `${resource.id}:${route.level}`;
  const parameters = pathParameters(route);
  const common = {
    operationId,
    tags: [resource.label],
    security: [{ bearerKey: [] }],
    "x-required-scope": scope,
    description: `Needs the \`${scope}\` scope.`,
    ...(parameters.length ? { parameters } : {}),
  };
  // In gateway mode every route is forwarded, whatever its shape: the upstream's answer is the document.
  if (mode === "gateway")
    return { ...common, summary: `${route.method} ${label} (forwarded)`, responses: { ...upstreamAnswer, ...refusals } };
  const notFound = { "404": errorResponse("No such record in this key's workspace") };
  switch (recordOperation(route)) {
    case "list":
      return {
        ...common,
        summary: `List ${label}`,
        parameters: [
          ...parameters,
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE } },
          { name: "cursor", in: "query", schema: { type: "string" }, description: "From links.next of the previous page." },
        ],
        responses: {
          "200": {
            description: "A page of records",
            content: { "application/vnd.api+json": { schema: { $ref: "#/components/schemas/RecordPage" } } },
          },
          ...refusals,
          "422": errorResponse("Invalid limit or cursor"),
        },
      };
    case "create":
      return {
        ...common,
        summary: `Create a ${label} record`,
        requestBody: recordBody,
        responses: {
          "201": recordResponse("Created"),
          ...refusals,
          "413": errorResponse("Body too large"),
          "422": errorResponse("Invalid body, or the workspace's record quota is reached (quota_exceeded)"),
        },
      };
    case "read":
      return { ...common, summary: `Get a ${label} record`, responses: { "200": recordResponse("The record"), ...refusals, ...notFound } };
    case "update":
      return {
        ...common,
        summary: `Update a ${label} record`,
        requestBody: recordBody,
        responses: {
          "200": recordResponse("Updated"),
          ...refusals,
          ...notFound,
          "413": errorResponse("Body too large"),
          "422": errorResponse("Invalid body, or the workspace's record quota is reached (quota_exceeded)"),
        },
      };
    case "delete":
      return { ...common, summary: `Delete a ${label} record`, responses: { "204": { description: "Deleted" }, ...refusals, ...notFound } };
    default:
      // A route the built-in record store does not serve: answered by the upstream API in gateway mode.
      return {
        ...common,
        summary: `${route.method} ${label}`,
        responses: { default: { description: "The upstream API's answer" }, ...refusals, "404": errorResponse("Not served here") },
      };
  }
}

const OPERATION_NAMES: Record<RecordOperation, string> = {
  list: "list",
  read: "get",
  create: "create",
  update: "update",
  delete: "delete",
};

/** POST /api/keysmith/verify (lib/api/verify-endpoint.ts): outside /api/v1, called with the service token. */
const verifyOperation = {
  post: {
    operationId: "verify-key",
    tags: ["Verify"],
    summary: "Verify a key for a scope or a route, from a service's own code",
    description:
      "Answers whether `key` may do what is asked: a `scope`, or a `method` and `path` of the catalog's routes (with or without " +
      "`/api/v1`, or under a version segment such as `/v2`). `ip` is the end client's address; a key with an IP allow-list is " +
      "`ip_not_allowed` without it. Answers 404 unless the server is started with `KEYSMITH_SERVICE_TOKEN`. " +
      "`rate_limited`: the key is over its rate limit (the same count as its API requests; RateLimit-Policy, RateLimit and " +
      "Retry-After are sent with that verdict). Each call is recorded in usage.",
    security: [{ serviceToken: [] }],
    requestBody: {
      required: true,
      description: `JSON, at most ${MAX_VERIFY_BODY_BYTES} bytes: a scope, or a method and path, never both.`,
      content: { "application/json": { schema: { $ref: "#/components/schemas/VerifyRequest" } } },
    },
    responses: {
      "200": {
        description: "The verdict, valid or not",
        content: { "application/json": { schema: { $ref: "#/components/schemas/VerifyAnswer" } } },
      },
      "400": errorResponse("The body is not JSON"),
      "401": errorResponse("Missing or wrong service token (WWW-Authenticate: Bearer)"),
      "429": {
        ...errorResponse("Too many wrong service tokens from the caller's address in a minute"),
        headers: { "Retry-After": rateLimited.headers["Retry-After"] },
      },
      "404": errorResponse("The endpoint is off: KEYSMITH_SERVICE_TOKEN is not set"),
      "405": errorResponse("Not POST"),
      "413": errorResponse("Body too large"),
      "415": errorResponse("Not sent as application/json"),
      "422": errorResponse("Invalid body, or a method and path that reach no route of the catalog"),
    },
  },
};
const verifySchemas = {
  VerifyRequest: {
    type: "object",
    required: ["key"],
    additionalProperties: false,
    properties: {
      key: { type: "string", description: "The key the service's client sent (ksk_…)." },
      scope: { type: "string", pattern: "^[a-z][a-z0-9-]*:(read|write)$", examples: ["profiles:read"] },
      method: { type: "string", examples: ["GET"] },
      path: { type: "string", examples: ["/v2/profiles/42"] },
      ip: { type: "string", description: "The end client's IPv4 or IPv6 address.", examples: ["203.0.113.5"] },
    },
    oneOf: [{ required: ["scope"] }, { required: ["method", "path"] }],
  },
  VerifyAnswer: {
    oneOf: [
      {
        type: "object",
        required: ["valid", "keyId", "workspaceId", "scopes", "expiresAt"],
        properties: {
          valid: { const: true },
          keyId: { type: "string" },
          workspaceId: { type: "string" },
          scopes: { type: "array", items: { type: "string" } },
          expiresAt: { type: ["string", "null"], format: "date-time" },
        },
      },
      {
        type: "object",
        required: ["valid", "code", "requiredScope"],
        properties: {
          valid: { const: false },
          code: { enum: [...VERIFY_CODES] },
          requiredScope: { type: "string" },
        },
      },
    ],
  },
};

const documents: Record<ApiMode, WeakMap<Catalog, object>> = { store: new WeakMap(), gateway: new WeakMap() };

/** The document of the catalog's routes as `mode` answers them, built once per catalog and mode. */
export function openApiDocument(catalog: Catalog, mode: ApiMode = "store"): object {
  const cached = documents[mode].get(catalog);
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {
    "/api/v1/health": {
      get: {
        operationId: "health",
        summary: "Liveness and database reachability",
        security: [],
        responses: { "200": { description: "Up" }, "503": errorResponse("The database is not reachable") },
      },
    },
    "/api/v1/key": {
      get: {
        operationId: "introspect-key",
        summary: "The calling key: name, scopes, expiry, workspace",
        description: "Needs no scope.",
        security: [{ bearerKey: [] }],
        responses: {
          "200": {
            description: "The key",
            content: { "application/vnd.api+json": { schema: { $ref: "#/components/schemas/KeyDocument" } } },
          },
          "401": refusals["401"],
          "429": rateLimited,
        },
      },
    },
  };
  paths[VERIFY_PATH] = verifyOperation;
  const operationIds = new Set<string>();
  for (const resource of catalog.resources) {
    for (const route of resource.routes) {
      const kind = recordOperation(route);
      const base = `${kind ? OPERATION_NAMES[kind] : route.method.toLowerCase()}-${resource.id}`;
      let operationId = base;
      for (let n = 2; operationIds.has(operationId); n++) operationId = `${base}-${n}`;
      operationIds.add(operationId);
      const path = documentedPath(route.path);
      paths[path] ??= {};
      paths[path]![route.method.toLowerCase()] = operation(resource, route, operationId, mode);
    }
  }
  const record = {
    type: "object",
    required: ["id", "type", "attributes"],
    properties: {
      id: { type: "string" },
      type: { type: "string" },
      attributes: { type: "object" },
      meta: {
        type: "object",
        properties: { createdAt: { type: "string", format: "date-time" }, updatedAt: { type: "string", format: "date-time" } },
      },
    },
  };
  const document = {
    openapi: "3.1.0",
    info: {
      title: "Keysmith API",
      version: "1",
      description: "Every request needs `Authorization: Bearer ksk_…`; each operation names the scope it needs. Write implies read.",
    },
    servers: [{ url: "/" }],
    tags: [
      ...catalog.resources.map((r) => ({ name: r.label, description: r.description })),
      { name: "Verify", description: "The key check for services that call Keysmith from their own code" },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerKey: { type: "http", scheme: "bearer", bearerFormat: "ksk_ key", description: "A Keysmith private key. Never in the URL." },
        serviceToken: {
          type: "http",
          scheme: "bearer",
          description: "The server's KEYSMITH_SERVICE_TOKEN, for the verify endpoint only; it is no key and opens no other route.",
        },
      },
      schemas: {
        ...verifySchemas,
        Record: record,
        RecordDocument: { type: "object", required: ["data"], properties: { data: { $ref: "#/components/schemas/Record" } } },
        RecordPage: {
          type: "object",
          required: ["data", "links"],
          properties: {
            data: { type: "array", items: { $ref: "#/components/schemas/Record" } },
            links: { type: "object", properties: { self: { type: "string" }, next: { type: ["string", "null"] } } },
          },
        },
        RecordInput: {
          type: "object",
          required: ["data"],
          properties: {
            data: { type: "object", required: ["attributes"], properties: { type: { type: "string" }, attributes: { type: "object" } } },
          },
        },
        KeyDocument: { type: "object", properties: { data: { type: "object" } } },
        Errors: {
          type: "object",
          required: ["errors"],
          properties: {
            errors: {
              type: "array",
              items: {
                type: "object",
                required: ["id", "status", "code", "title", "detail"],
                properties: {
                  id: { type: "string", description: "The request's id, as in its Request-Id header: quote it to support." },
                  status: { type: "string" },
                  code: { type: "string" },
                  title: { type: "string" },
                  detail: { type: "string" },
                  source: { type: "object" },
                },
              },
            },
          },
        },
      },
    },
  };
  documents[mode].set(catalog, document);
  return document;
}
