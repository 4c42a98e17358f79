// A catalog change leaves old scopes inert: a key created with coupons:read under the default
// catalog, then served by a catalog without coupons, is granted nothing for it anywhere (the router,
// introspection, the verify endpoint, the usage suggestions), and the edit form's save drops it,
// audited as a change.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { updateApiKey } from "@/lib/api-keys/lifecycle";
import { getApiKey } from "@/lib/api-keys/queries";
import { describeAuditEvent } from "@/lib/audit/describe";
import { db } from "@/lib/db";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { goneScopes, toAccessMap, toScopes } from "@/lib/scopes/scopes";
import { serveApiForTests } from "@/lib/testing/api-server";
import { catalogWithout, defaultCatalog, serveCatalog } from "@/lib/testing/catalogs";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { updateKeySchema } from "@/lib/validation/keys";
import { VERIFY_PATH } from "./verify-contract";

const api = serveApiForTests();
const TOKEN = "service-token-for-the-inert-scopes-test-0123456789";
let owned: Awaited<ReturnType<typeof workspaceWithKey>>;

beforeAll(async () => {
  serveCatalog(defaultCatalog());
  owned = await workspaceWithKey({ scopes: ["profiles:read", "coupons:read"] });
  serveCatalog(catalogWithout("coupons"));
});
afterAll(() => serveCatalog(defaultCatalog()));
beforeEach(() => vi.stubEnv("KEYSMITH_SERVICE_TOKEN", TOKEN));

describe("a scope whose resource left the catalog", () => {
  it("is still stored, and the catalog the process serves has no coupons", async () => {
    expect((await getApiKey(owned.workspace.id, owned.key.id))?.scopes).toEqual(["profiles:read", "coupons:read"]);
    expect(loadedCatalog().resources.map((resource) => resource.id)).not.toContain("coupons");
  });

  it("is not listed by introspection, and its routes are gone", async () => {
    const response = await api.request("/api/v1/key", { key: owned.secret });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { attributes: { scopes: string[] } } };
    expect(body.data.attributes.scopes).toEqual(["profiles:read"]);
    expect((await api.request("/api/v1/coupons", { key: owned.secret })).status).toBe(404);
    expect((await api.request("/api/v1/profiles", { key: owned.secret })).status).toBe(200);
  });

  it("is missing_scope for the verify endpoint, not an invalid request", async () => {
    const response = await api.request(VERIFY_PATH, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: { key: owned.secret, scope: "coupons:read" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ valid: false, code: "missing_scope", requiredScope: "coupons:read" });
    const valid = await api.request(VERIFY_PATH, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: { key: owned.secret, scope: "profiles:read" },
    });
    expect(await valid.json()).toMatchObject({ valid: true, scopes: ["profiles:read"] });
  });

  it("is what the key's pages show as no longer in the catalog, and the matrix leaves out", () => {
    const catalog = loadedCatalog();
    expect(goneScopes(catalog, ["profiles:read", "coupons:read"])).toEqual(["coupons:read"]);
    expect(toScopes(catalog, toAccessMap(catalog, ["profiles:read", "coupons:read"]))).toEqual(["profiles:read"]);
  });

  it("cannot be saved back, and saving the edit form drops it, audited", async () => {
    const schema = updateKeySchema(loadedCatalog());
    const edit = { keyId: owned.key.id, name: owned.key.name, description: "" };
    expect(schema.safeParse({ ...edit, scopes: ["profiles:read", "coupons:read"] }).success).toBe(false);
    // What the form sends: the matrix's scopes, which cannot hold coupons.
    const saved = await updateApiKey(owned.change, schema.parse({ ...edit, scopes: ["profiles:read"] }));
    expect(saved.scopes).toEqual(["profiles:read"]);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { workspaceId: owned.workspace.id, action: "key.scopes_changed", targetId: owned.key.id },
      orderBy: { seq: "desc" },
    });
    expect(JSON.parse(event.metadata)).toMatchObject({
      before: ["profiles:read", "coupons:read"],
      after: ["profiles:read"],
      removed: ["coupons:read"],
    });
    expect(describeAuditEvent(event)).toContain("coupons:read (no longer in the catalog) removed");
  });
});
