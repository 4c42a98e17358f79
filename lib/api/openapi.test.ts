import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { defaultCatalog } from "@/lib/testing/catalogs";
import { openApiDocument } from "./openapi";

const catalog = defaultCatalog();

type Operation = { "x-required-scope"?: string; security?: unknown[] };

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(openApiDocument(catalog)) as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has every catalog endpoint, each naming the scope it needs and the bearer scheme", () => {
    const doc = openApiDocument(catalog) as {
      paths: Record<string, Record<string, Operation>>;
      components: { securitySchemes: Record<string, { scheme: string }> };
    };
    expect(doc.components.securitySchemes.bearerKey?.scheme).toBe("bearer");
    for (const resource of catalog.resources) {
      for (const endpoint of resource.routes) {
        const operation = doc.paths[`/api/v1${endpoint.path.replace(":id", "{id}")}`]?.[endpoint.method.toLowerCase()];
        expect(operation, `${endpoint.method} ${endpoint.path}`).toBeDefined();
        expect(operation!["x-required-scope"]).toBe(`${resource.id}:${endpoint.level}`);
        expect(operation!.security).toEqual([{ bearerKey: [] }]);
      }
    }
    expect(doc.paths["/api/v1/accounts"]?.post).toBeUndefined();
    expect(doc.paths["/api/v1/data-privacy"]?.get).toBeUndefined();
  });

  it("in gateway mode, documents every route as the upstream's answer, with 502 and 504, and is still valid", async () => {
    const doc = openApiDocument(catalog, "gateway") as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const list = doc.paths["/api/v1/profiles"]!.get!;
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(["default", "401", "403", "502", "504"]));
    expect(list.responses["200"]).toBeUndefined();
    expect(openApiDocument(catalog, "store")).not.toBe(doc);
    const result = await new Validator().validate(structuredClone(doc) as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
  });

  it("has the verify endpoint under the service token, with every verdict code", () => {
    const doc = openApiDocument(catalog) as {
      paths: Record<string, Record<string, Operation>>;
      components: { securitySchemes: Record<string, { scheme: string }>; schemas: Record<string, { oneOf: unknown[] }> };
    };
    expect(doc.paths["/api/keysmith/verify"]?.post?.security).toEqual([{ serviceToken: [] }]);
    expect(doc.components.securitySchemes.serviceToken?.scheme).toBe("bearer");
    expect(JSON.stringify(doc.components.schemas.VerifyAnswer)).toContain(
      JSON.stringify(["unknown", "revoked", "expired", "missing_scope", "rate_limited", "ip_not_allowed"]),
    );
  });
});
