// The built-in record store under a catalog of a service's own (/v2 routes, PUT, a `*` route, an
// action route): the route's resource is the record type and its last `:param` the record's id, and a
// route of another shape is answered 404 as not served here, after the key and its scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveApiForTests } from "@/lib/testing/api-server";
import { defaultCatalog, serveCatalog } from "@/lib/testing/catalogs";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { peopleCatalog } from "@/lib/testing/people-catalog";

const CUSTOM = peopleCatalog([
  { method: "GET", path: "/v2/people", level: "read" },
  { method: "POST", path: "/v2/people", level: "write" },
  { method: "GET", path: "/v2/people/:personId", level: "read" },
  { method: "PUT", path: "/v2/people/:personId", level: "write" },
  { method: "POST", path: "/v2/people/:personId/merge", level: "write" },
  { method: "GET", path: "/v2/people/files/*", level: "read" },
]);

const api = serveApiForTests();
let writer: string;
let reader: string;

beforeAll(async () => {
  serveCatalog(CUSTOM);
  writer = (await workspaceWithKey({ scopes: ["people:write"] })).secret;
  reader = (await workspaceWithKey({ scopes: ["people:read"] })).secret;
});
afterAll(() => serveCatalog(defaultCatalog()));

type Document = { data: { id: string; type: string; attributes: Record<string, unknown> } };

describe("the built-in record store under a custom catalog", () => {
  it("creates, reads, replaces and lists records on the catalog's own paths", async () => {
    const created = await api.request("/api/v1/v2/people", {
      method: "POST",
      key: writer,
      body: { data: { attributes: { name: "Ada" } } },
    });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as Document;
    expect(data.type).toBe("people");
    expect(created.headers.get("location")).toBe(`/api/v1/v2/people/${data.id}`);

    const replaced = await api.request(`/api/v1/v2/people/${data.id}`, {
      method: "PUT",
      key: writer,
      body: { data: { attributes: { name: "Ada L." } } },
    });
    expect(replaced.status).toBe(200);
    const read = await api.request(`/api/v1/v2/people/${data.id}`, { key: writer });
    expect(((await read.json()) as Document).data.attributes).toEqual({ name: "Ada L." });

    const list = await api.request("/api/v1/v2/people", { key: writer });
    expect(list.status).toBe(200);
    const page = (await list.json()) as { data: Document["data"][]; links: { self: string } };
    expect(page.data.map((record) => record.id)).toEqual([data.id]);
    expect(page.links.self).toMatch(/^\/api\/v1\/v2\/people\?/);
  });

  it("answers a route of another shape 404 as not served by the built-in record store, after the scope", async () => {
    const merge = await api.request("/api/v1/v2/people/abc/merge", { method: "POST", key: writer, body: { data: { attributes: {} } } });
    expect(merge.status).toBe(404);
    expect(((await merge.json()) as { errors: { detail: string }[] }).errors[0]!.detail).toBe(
      "/api/v1/v2/people/abc/merge is not served by the built-in record store.",
    );
    const files = await api.request("/api/v1/v2/people/files/a/b.pdf", { key: reader });
    expect(files.status).toBe(404);
    // The scope comes first: a reader is refused the write route as any other.
    expect((await api.request("/api/v1/v2/people/abc/merge", { method: "POST", key: reader })).status).toBe(403);
  });

  it("refuses a write to a reader, and answers 405 with the path's methods", async () => {
    expect((await api.request("/api/v1/v2/people/abc", { method: "PUT", key: reader, body: { data: { attributes: {} } } })).status).toBe(
      403,
    );
    const notAllowed = await api.request("/api/v1/v2/people/abc", { method: "DELETE", key: writer });
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.get("allow")).toBe("GET, HEAD, PUT");
    expect((await api.request("/api/v1/profiles", { key: writer })).status).toBe(404);
  });
});
