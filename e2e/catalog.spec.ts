// The scope catalog as configuration (KEYSMITH_CATALOG): second built servers on their own catalogs.
// An invalid file stops the start with its problems by line and field; a valid custom one is what
// the API serves and documents; and a catalog without a resource leaves the scopes keys still store
// for it inert: not granted, not introspected, not verified, shown as no longer in the catalog and
// dropped by saving the edit form. The browser client bundle holds no copy of the default catalog.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type BuiltServer, freePort, startBuiltServer } from "@/lib/testing/built-server";
import { peopleCatalog } from "@/lib/testing/people-catalog";
import { createWorkspaceWithOwner, expect, insertApiKeys, pageHeading, signIn, test, uniqueName, withDatabase } from "./fixtures";

const DIRECTORY = ".tmp/e2e-catalog";
const DEFAULT_CATALOG = "lib/scopes/default.catalog.json";
// The shared e2e server's database: the second server serves the same workspaces and keys.
const SHARED_DATABASE = ".tmp/e2e/keysmith.db";

function writeCatalog(name: string, content: string): string {
  fs.mkdirSync(DIRECTORY, { recursive: true });
  const file = path.join(DIRECTORY, name);
  fs.writeFileSync(file, content);
  return file;
}

/** The built server's exit code and stderr, for a start that is expected to fail. */
function failedStart(catalogFile: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["dist/server.mjs"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: "0",
        KEYSMITH_CATALOG: catalogFile,
        DATABASE_URL: `file:./${DIRECTORY}/never.db`,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.once("exit", (code) => resolve({ code, stderr }));
  });
}

test.describe("an invalid catalog file", () => {
  test("stops the start, naming the line, the column and the field of each problem", async () => {
    const catalog = JSON.parse(fs.readFileSync(DEFAULT_CATALOG, "utf8")) as { resources: { levels: string[] }[] };
    catalog.resources[2]!.levels[0] = "admin";
    const file = writeCatalog("broken.catalog.json", JSON.stringify(catalog, null, 2));
    const { code, stderr } = await failedStart(file);
    expect(code).not.toBe(0);
    expect(stderr).toContain(`${file}:`);
    expect(stderr).toMatch(/broken\.catalog\.json:\d+:\d+: resources\[2\]\.levels\[0\]: must be "read" or "write"/);
    // The line named is the line of the wrong level.
    const line = Number(/broken\.catalog\.json:(\d+):/.exec(stderr)![1]);
    expect(fs.readFileSync(file, "utf8").split("\n")[line - 1]).toContain('"admin"');
  });

  test("that is not JSON stops the start too", async () => {
    const { code, stderr } = await failedStart(writeCatalog("not-json.catalog.json", '{\n  "groups": ["A"],\n  "resources": [\n'));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/not-json\.catalog\.json:4:1: \(file\): invalid JSON/);
  });
});

/** A second production server on the shared database, serving `catalogFile`. */
async function serverWithCatalog(catalogFile: string, env: Record<string, string> = {}): Promise<BuiltServer> {
  const port = await freePort();
  return startBuiltServer({
    port,
    databaseFile: SHARED_DATABASE,
    env: { KEYSMITH_CATALOG: catalogFile, AUTH_URL: `http://127.0.0.1:${port}`, ...env },
  });
}

test.describe("a custom catalog", () => {
  let server: BuiltServer;
  test.beforeAll(async () => {
    const custom = peopleCatalog([
      { method: "GET", path: "/v2/people", level: "read" },
      { method: "GET", path: "/v2/people/:personId", level: "read" },
      { method: "PUT", path: "/v2/people/:personId", level: "write" },
    ]);
    server = await serverWithCatalog(writeCatalog("custom.catalog.json", JSON.stringify(custom)));
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("is what the API serves and documents", async () => {
    const document = (await (await fetch(`${server.base}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/api/v1/v2/people", "/api/v1/v2/people/{personId}", "/api/v1/health", "/api/v1/key"]),
    );
    expect(Object.keys(document.paths["/api/v1/v2/people/{personId}"]!)).toEqual(["get", "put"]);
    expect(Object.keys(document.paths)).not.toContain("/api/v1/profiles");
    // The default's routes are gone; the custom ones need a key.
    expect((await fetch(`${server.base}/api/v1/profiles`)).status).toBe(404);
    expect((await fetch(`${server.base}/api/v1/v2/people`)).status).toBe(401);
    const notAllowed = await fetch(`${server.base}/api/v1/v2/people/7`, { method: "DELETE" });
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.get("allow")).toBe("GET, HEAD, PUT");
  });
});

test.describe("a catalog without a resource", () => {
  const SERVICE_TOKEN = `service-${Date.now().toString(36)}-token-for-the-catalog-spec`;
  let server: BuiltServer;
  test.beforeAll(async () => {
    const catalog = JSON.parse(fs.readFileSync(DEFAULT_CATALOG, "utf8")) as {
      resources: { id: string }[];
      templates: { scopes: string[] }[];
    };
    catalog.resources = catalog.resources.filter((resource) => resource.id !== "coupons");
    catalog.templates = catalog.templates.filter((template) => !template.scopes.some((scope) => scope.startsWith("coupons:")));
    server = await serverWithCatalog(writeCatalog("without-coupons.catalog.json", JSON.stringify(catalog, null, 2)), {
      KEYSMITH_SERVICE_TOKEN: SERVICE_TOKEN,
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("leaves the coupons scope keys still store inert, shows it and drops it on save", async ({ browser }) => {
    const owner = createWorkspaceWithOwner();
    const name = uniqueName("Coupon sync");
    const [key] = insertApiKeys(owner.workspace, [{ name, scopes: ["profiles:read", "coupons:read"], usable: true }]);
    const secret = key!.secret!;
    const bearer = { authorization: `Bearer ${secret}` };

    // The API grants nothing for it and no longer lists it.
    const introspection = (await (await fetch(`${server.base}/api/v1/key`, { headers: bearer })).json()) as {
      data: { attributes: { scopes: string[] } };
    };
    expect(introspection.data.attributes.scopes).toEqual(["profiles:read"]);
    expect((await fetch(`${server.base}/api/v1/coupons`, { headers: bearer })).status).toBe(404);
    expect((await fetch(`${server.base}/api/v1/profiles`, { headers: bearer })).status).toBe(200);
    const verified = await fetch(`${server.base}/api/keysmith/verify`, {
      method: "POST",
      headers: { authorization: `Bearer ${SERVICE_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ key: secret, scope: "coupons:read" }),
    });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ valid: false, code: "missing_scope", requiredScope: "coupons:read" });

    // The dashboard says so, and the edit form removes it on save.
    const context = await browser.newContext({ baseURL: server.base });
    const page = await context.newPage();
    await signIn(page, { email: owner.email });
    await page.goto(`/keys/${key!.id}`);
    await expect(pageHeading(page, name)).toBeVisible();
    const gone = page.getByRole("list", { name: "Scopes no longer in the catalog" });
    await expect(gone).toContainText("coupons:read");
    await expect(page.getByText("No longer in the catalog, so they grant nothing:")).toBeVisible();
    await page.goto("/keys");
    await expect(page.getByRole("row").filter({ hasText: name })).toContainText("coupons:read: no longer in the catalog");

    await page.goto(`/keys/${key!.id}/edit`);
    await expect(pageHeading(page, `Edit ${name}`)).toBeVisible();
    await expect(page.getByRole("list", { name: "Scopes no longer in the catalog" })).toContainText("coupons:read");
    await expect(page.getByText("Saving this form removes them from the key.")).toBeVisible();
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(`/keys/${key!.id}`);
    await expect(page.getByRole("list", { name: "Scopes no longer in the catalog" })).toHaveCount(0);
    const stored = withDatabase((db) => db.prepare(`SELECT scopes FROM "ApiKey" WHERE id = ?`).get(key!.id) as { scopes: string });
    expect(JSON.parse(stored.scopes)).toEqual(["profiles:read"]);
    await expect(page.getByText("coupons:read (no longer in the catalog) removed")).toBeVisible();
    await context.close();
  });
});

test.describe("the client bundle", () => {
  test("holds no copy of the default catalog: client components get it from the server", () => {
    const files = fs.readdirSync(".next/static", { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".js"));
    expect(files.length).toBeGreaterThan(10);
    const holding = files.filter((file) =>
      fs.readFileSync(path.join(".next/static", file), "utf8").includes("Discount coupon definitions"),
    );
    expect(holding).toEqual([]);
  });
});
