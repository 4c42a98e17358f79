// The usage views: requests counted live on a key's page and across the workspace, recent requests
// with filters, and the one-click narrowing of scopes a key did not use, for each role.
import type { APIRequestContext, Page } from "@playwright/test";
import { createWorkspaceWithOwner, expect, insertApiKeys, signIn, test, uniqueName } from "./fixtures";

function region(page: Page, name: string) {
  return page.getByRole("region", { name, exact: true });
}

const UNUSED = "Scopes granted but unused in the last 30 days";

/** Calls the public API with a key; returns the status. */
async function call(request: APIRequestContext, secret: string, method: "GET" | "POST", path: string): Promise<number> {
  const response = await request.fetch(path, {
    method,
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    data: method === "POST" ? { attributes: { name: "From the usage test" } } : undefined,
  });
  return response.status();
}

test.describe("a key's usage", () => {
  test("counts requests live, filters them, and narrows unused scopes in one click", async ({ page, request }) => {
    const owner = createWorkspaceWithOwner();
    const [key] = insertApiKeys(owner.workspaceId, [
      { name: uniqueName("Storefront"), scopes: ["lists:read", "profiles:write", "campaigns:read"], usable: true },
    ]);
    await signIn(page, owner);
    await page.goto(`/keys/${key!.id}`);
    const requests = region(page, "Requests");
    await expect(requests.getByRole("definition")).toHaveText(["0", "0", "0"]);
    // The page must update by itself: a full reload would lose this marker.
    await page.evaluate(() => Object.assign(window, { usageTestMarker: true }));

    for (let i = 0; i < 3; i++) expect(await call(request, key!.secret!, "GET", "/api/v1/lists")).toBe(200);
    expect(await call(request, key!.secret!, "GET", "/api/v1/profiles")).toBe(200);
    expect(await call(request, key!.secret!, "POST", "/api/v1/lists")).toBe(403);
    expect(await call(request, key!.secret!, "GET", "/api/v1/lists/no-such-record")).toBe(404);

    // Allowed, denied, errors.
    await expect(requests.getByRole("definition")).toHaveText(["4", "1", "1"], { timeout: 20_000 });
    expect(await page.evaluate(() => "usageTestMarker" in window)).toBe(true);
    const byResource = requests.getByRole("table", { name: "By resource" });
    await expect(byResource.getByRole("row", { name: /^Lists/ })).toContainText(/3\s*1\s*1/);

    const recent = region(page, "Recent requests");
    await expect(recent.getByRole("row")).toHaveCount(7); // header + 6
    const denied = recent.getByRole("row", { name: /POST \/api\/v1\/lists/ });
    await expect(denied).toContainText("403 · Missing scope");
    await expect(denied).toContainText("lists:write");
    await recent.getByLabel("Outcome").selectOption({ label: "Denied" });
    await expect(recent.getByRole("row")).toHaveCount(2);
    await recent.getByLabel("Outcome").selectOption({ label: "All outcomes" });
    await recent.getByLabel("Resource").selectOption({ label: "Profiles" });
    await expect(recent.getByRole("row")).toHaveCount(2);
    await expect(recent.getByRole("row").nth(1)).toContainText("GET /api/v1/profiles");

    // The period, with the keyboard: arrow keys move between 24h, 7d and 30d.
    await requests.getByRole("radio", { name: "24h" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(requests.getByRole("radio", { name: "7d" })).toBeChecked();
    await expect(requests.getByText("Last 7 days, in UTC")).toBeVisible();
    await expect(page).toHaveURL((url) => url.searchParams.get("range") === "7d");
    await expect(requests.getByRole("definition")).toHaveText(["4", "1", "1"]);

    // Campaigns was never used, profiles only read: narrowing keeps lists:read and profiles:read.
    const unused = region(page, UNUSED);
    await expect(unused.getByRole("row", { name: /^Campaigns/ })).toContainText("Not used");
    await expect(unused.getByRole("row", { name: /^Profiles/ })).toContainText(/Full access\s*Read/);
    await expect(unused.getByRole("button", { name: "Narrow to Read (Profiles)" })).toBeVisible();
    await unused.getByRole("button", { name: "Narrow all 2 to what was used" }).click();
    await expect(page.getByText(`${key!.name}: narrowed 2 scopes.`)).toBeVisible();
    await expect(unused).toContainText("Every scope of this key was used. Nothing to narrow.");
    await expect(page.getByText("Grants: 2 read")).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Access changed" })).toContainText(owner.email);

    // The narrowed key is refused what it no longer holds.
    expect(await call(request, key!.secret!, "GET", "/api/v1/campaigns")).toBe(403);
  });
});

test.describe("as Support of Acme", () => {
  test.use({ signedInAs: "support" });

  test("sees usage across keys, filters by key, and cannot narrow", async ({ page, request }) => {
    const [alpha, beta] = insertApiKeys("Acme", [
      { name: uniqueName("Usage alpha"), scopes: ["lists:read", "tags:read"], usable: true },
      { name: uniqueName("Usage beta"), scopes: ["profiles:read"], usable: true },
    ]);
    expect(await call(request, alpha!.secret!, "GET", "/api/v1/lists")).toBe(200);
    expect(await call(request, beta!.secret!, "GET", "/api/v1/profiles")).toBe(200);
    expect(await call(request, beta!.secret!, "GET", "/api/v1/lists")).toBe(403);

    await page.goto("/usage");
    const byKey = region(page, "Requests").getByRole("table", { name: "By key" });
    await expect(byKey.getByRole("row", { name: new RegExp(`^${beta!.name}`) })).toContainText(/1\s*1\s*0/, { timeout: 20_000 });
    await expect(byKey.getByRole("row", { name: new RegExp(`^${alpha!.name}`) })).toContainText(/1\s*0\s*0/);

    const recent = region(page, "Recent requests");
    await recent.getByLabel("Key").selectOption({ label: `${beta!.name} (${beta!.masked})` });
    await expect(recent.getByRole("row")).toHaveCount(3);
    await expect(recent.getByRole("row").nth(1)).toContainText("403 · Missing scope");
    // The filters live in the URL: a reload (or a shared link) shows the same view.
    await recent.getByLabel("Outcome").selectOption({ label: "Denied" });
    await expect(page).toHaveURL((url) => url.searchParams.get("key") === beta!.id && url.searchParams.get("outcome") === "denied");
    await page.reload();
    await expect(region(page, "Recent requests").getByLabel("Key")).toHaveValue(beta!.id);
    await expect(region(page, "Recent requests").getByLabel("Outcome")).toHaveValue("denied");
    await expect(region(page, "Recent requests").getByRole("row")).toHaveCount(2);

    const unused = region(page, UNUSED);
    await expect(unused.getByRole("list", { name: `Unused scopes of ${alpha!.name}` })).toContainText("Tags: Read");
    await expect(unused.getByRole("button")).toHaveCount(0);
    await page.goto(`/keys/${alpha!.id}`);
    await expect(region(page, UNUSED).getByRole("row", { name: /^Tags/ })).toBeVisible();
    await expect(region(page, UNUSED).getByRole("button")).toHaveCount(0);
  });
});

test.describe("as the Owner of Globex", () => {
  test.use({ signedInAs: "globex" });

  test("sees none of Acme's usage, and Acme's key answers 404", async ({ page, request }) => {
    const [acmeKey] = insertApiKeys("Acme", [{ name: uniqueName("Acme secret usage"), scopes: ["lists:read"], usable: true }]);
    expect(await call(request, acmeKey!.secret!, "GET", "/api/v1/lists")).toBe(200);
    await page.goto("/usage");
    await expect(region(page, "Requests")).toBeVisible();
    await expect(page.locator("body")).not.toContainText(acmeKey!.name);
    const status = await page.evaluate(async (id) => (await fetch(`/api/internal/usage?keyId=${id}`)).status, acmeKey!.id);
    expect(status).toBe(404);
  });
});

test("the usage reads answer a signed-out caller 401 in JSON, not a sign-in page", async ({ request }) => {
  for (const path of ["/api/internal/usage", "/api/internal/usage/requests", "/api/internal/usage/unused-scopes"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status()).toBe(401);
    expect((await response.json()).errors[0].code).toBe("not_authenticated");
  }
});
