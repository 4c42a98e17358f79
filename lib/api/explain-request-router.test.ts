// The key tester and the API agree: for every route the catalog has, every method, and keys that hold
// the scope, lack it or no longer work, what explainRequest says is what the router answers.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/lifecycle";
import type { KeyStatus } from "@/lib/api-keys/status";
import { serveApiForTests } from "@/lib/testing/api-server";
import { defaultCatalog } from "@/lib/testing/catalogs";
import { changeBy, createWorkspace } from "@/lib/testing/factories";
import { keyInput } from "@/lib/testing/key-fixtures";
import { explainRequest } from "./explain-request";

const api = serveApiForTests();
const catalog = defaultCatalog();
const RESOURCES = catalog.resources;
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
// Every third resource at its highest level, every third at read where it has one, the rest not at all.
const SCOPES = RESOURCES.flatMap((r, index) => {
  if (index % 3 === 0) return [`${r.id}:${r.levels.includes("write") ? "write" : "read"}`];
  if (index % 3 === 1 && r.levels.includes("read")) return [`${r.id}:read`];
  return [];
});
const MISSING_RECORD = "cmnosuchrecord000000000001";
const PATHS = [
  ...RESOURCES.flatMap((r) => [`/api/v1/${r.id}`, `/api/v1/${r.id}/${MISSING_RECORD}`]),
  "/api/v1/key",
  "/api/v1/health",
  "/api/v1/openapi.json",
  "/api/v1/nothing",
  "/api/v1/profiles/a/b",
  "/api/v1/profiles?api_key=x",
];
const BODY = { data: { attributes: { name: "from the tester test" } } };

const keys: Partial<Record<KeyStatus, string>> = {};

beforeAll(async () => {
  const { workspace, member } = await createWorkspace(["OWNER"]);
  const change = changeBy(workspace.id, member("OWNER"));
  keys.active = (await createApiKey(change, keyInput({ scopes: SCOPES }))).secret;
  const revoked = await createApiKey(change, keyInput({ scopes: SCOPES }));
  await revokeApiKey(change, revoked.key.id, "leaked");
  keys.revoked = revoked.secret;
});

describe.each(["active", "revoked"] as const)("a %s key", (status) => {
  it.each(PATHS)("%s: the explanation matches the router's answer for every method", async (path) => {
    for (const method of METHODS) {
      const explained = explainRequest({ catalog, method, path, scopes: SCOPES, status });
      const sendsBody = method === "POST" || method === "PATCH";
      const response = await api.request(path, { method, key: keys[status], body: sendsBody ? BODY : undefined });
      const what = `${method} ${path}: ${explained.message}`;
      if (explained.allowed) {
        // Allowed: the router got past the key and the scope; an item may still be missing (404).
        expect([200, 201, 204, ...(path.includes(MISSING_RECORD) ? [404] : [])], what).toContain(response.status);
      } else {
        expect(response.status, what).toBe(explained.httpStatus);
      }
    }
  });
});
