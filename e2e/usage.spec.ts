// The usage views: requests counted live on a key's page and across the workspace, recent requests
// with filters, and the one-click narrowing of scopes a key did not use, for each role.
import type { APIRequestContext, Page } from "@playwright/test";
import {
  createWorkspaceWithOwner,
  expect,
  insertApiKeys,
  insertRequests,
  insertUsage,
  pageHeading,
  signIn,
  test,
  uniqueName,
} from "./fixtures";

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
    await expect(requests.getByRole("definition")).toHaveText(["0", "0", "0", "0"]);
    // The page must update by itself: a full reload would lose this marker.
    await page.evaluate(() => Object.assign(window, { usageTestMarker: true }));

    for (let i = 0; i < 3; i++) expect(await call(request, key!.secret!, "GET", "/api/v1/lists")).toBe(200);
    expect(await call(request, key!.secret!, "GET", "/api/v1/profiles")).toBe(200);
    expect(await call(request, key!.secret!, "POST", "/api/v1/lists")).toBe(403);
    expect(await call(request, key!.secret!, "GET", "/api/v1/lists/no-such-record")).toBe(404);

    // Allowed, denied, rate limited, errors.
    await expect(requests.getByRole("definition")).toHaveText(["4", "1", "0", "1"], { timeout: 20_000 });
    expect(await page.evaluate(() => "usageTestMarker" in window)).toBe(true);
    const byResource = requests.getByRole("table", { name: "By resource" });
    await expect(byResource.getByRole("row", { name: /^Lists/ })).toContainText(/3\s*1\s*0\s*1/);

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
    await expect(requests.getByRole("definition")).toHaveText(["4", "1", "0", "1"]);

    // A key minutes old is not told to give up what it was just given.
    const unused = region(page, UNUSED);
    await expect(unused).toContainText("Too new to judge");
    await expect(unused).toContainText("6 requests over less than a day");
    await expect(unused.getByRole("button", { name: /^Narrow/ })).toHaveCount(0);
  });

  test("narrows after showing before and after, offers Undo in place, and grants what was refused", async ({ page, request }) => {
    const owner = createWorkspaceWithOwner();
    const [key] = insertApiKeys(owner.workspaceId, [
      {
        name: uniqueName("Warehouse sync"),
        scopes: ["lists:read", "profiles:write", "campaigns:read"],
        usable: true,
        createdAt: new Date(Date.now() - 12 * 24 * 3600_000 - 3600_000),
      },
    ]);
    insertUsage(owner.workspaceId, key!.id, [
      { requiredScope: "lists:read", decision: "allowed", count: 1200, hoursAgo: 200 },
      { requiredScope: "profiles:read", decision: "allowed", count: 34 },
      { requiredScope: "lists:write", decision: "missing_scope", count: 40 },
    ]);
    await signIn(page, owner);
    await page.goto(`/keys/${key!.id}`);
    const unused = region(page, UNUSED);
    await expect(unused).toContainText("Based on 1,274 requests over 12 days");

    await unused.getByRole("button", { name: "Narrow all 2 to what was used" }).click();
    const confirm = page.getByRole("dialog", { name: `Narrow ${key!.name}?` });
    await expect(confirm.getByRole("row", { name: /^Profiles/ })).toContainText(/Full access\s*Read/);
    await expect(confirm.getByRole("row", { name: /^Campaigns/ })).toContainText(/Read\s*No access/);
    await confirm.getByRole("button", { name: "Narrow 2 scopes" }).click();
    await expect(page.getByText(`${key!.name}: narrowed 2 scopes.`)).toBeVisible();
    expect(await call(request, key!.secret!, "GET", "/api/v1/campaigns")).toBe(403);

    // The rows stay where they were, marked, each offering Undo.
    await expect(unused.getByRole("row", { name: /^Campaigns/ })).toContainText("Narrowed");
    await unused
      .getByRole("button", { name: `Undo narrowing of ${key!.name}` })
      .first()
      .click();
    await expect(page.getByText(`${key!.name}: the previous access is back.`)).toBeVisible();
    expect(await call(request, key!.secret!, "GET", "/api/v1/campaigns")).toBe(200);
    await expect(unused.getByRole("button", { name: "Narrow all 2 to what was used" })).toBeVisible();

    // The other side: lists:write was refused 40 times.
    const refused = unused.getByRole("list", { name: `Scopes ${key!.name} was refused` });
    await expect(refused).toContainText("Lists: Full access · 40 refused requests");
    await refused.getByRole("button", { name: "Grant Lists Full access" }).click();
    await page.getByRole("dialog", { name: "Grant Lists Full access?" }).getByRole("button", { name: "Grant Full access" }).click();
    await expect(page.getByText(`${key!.name}: Lists is now Full access.`)).toBeVisible();
    expect(await call(request, key!.secret!, "POST", "/api/v1/lists")).not.toBe(403);
  });

  test("keeps the workspace list still under the pointer after a narrowing", async ({ page }) => {
    const owner = createWorkspaceWithOwner();
    const twelveDaysAgo = new Date(Date.now() - 12 * 24 * 3600_000);
    const keys = insertApiKeys(owner.workspaceId, [
      { name: uniqueName("Older sync"), scopes: ["lists:read", "tags:read"], createdAt: twelveDaysAgo },
      { name: uniqueName("Newer sync"), scopes: ["lists:read", "tags:read"], createdAt: new Date(twelveDaysAgo.getTime() + 60_000) },
    ]);
    for (const key of keys) insertUsage(owner.workspaceId, key.id, [{ requiredScope: "lists:read", decision: "allowed", count: 150 }]);
    await signIn(page, owner);
    await page.goto("/usage");
    const unused = region(page, UNUSED);
    const [newer, older] = [keys[1]!, keys[0]!];
    const olderNarrow = unused.getByRole("button", { name: `Narrow ${older.name}` });
    const topOf = () => olderNarrow.evaluate((button) => button.getBoundingClientRect().top + window.scrollY);
    const before = await topOf();
    await unused.getByRole("button", { name: `Narrow ${newer.name}` }).click();
    const refetched = page.waitForResponse((response) => response.url().includes("/api/internal/usage/unused-scopes"));
    await page
      .getByRole("dialog", { name: `Narrow ${newer.name}?` })
      .getByRole("button", { name: "Narrow 1 scope" })
      .click();
    await expect(page.getByText(`${newer.name}: narrowed 1 scope.`)).toBeVisible();
    await expect(unused.getByRole("button", { name: `Undo narrowing of ${newer.name}` })).toBeVisible();
    // After the refetch that no longer lists the narrowed key, its row is still there, and nothing moved.
    await refetched;
    await expect(unused.getByRole("button", { name: `Undo narrowing of ${newer.name}` })).toBeVisible();
    expect(await topOf()).toBe(before);
  });
});

test.describe("denied requests on /usage", () => {
  test("follow the period picked, and Grant opens the key's form with the scope chosen; Save grants it", async ({ page, request }) => {
    const owner = createWorkspaceWithOwner();
    const [key] = insertApiKeys(owner.workspaceId, [
      { name: uniqueName("Partner sync"), scopes: ["lists:read", "profiles:read"], usable: true },
    ]);
    insertUsage(owner.workspaceId, key!.id, [
      { requiredScope: "profiles:write", decision: "missing_scope", count: 7 },
      // Three days ago: in the last 7 days, not in the last 24 hours.
      { requiredScope: "tags:read", decision: "missing_scope", count: 3, hoursAgo: 72 },
    ]);
    await signIn(page, owner);
    await page.goto("/usage");
    const denied = region(page, "Denied requests");
    const rowOf = (scope: string) => denied.getByRole("row").filter({ hasText: scope });
    await expect(denied).toContainText("Last 24 hours, per key and reason.");
    await expect(rowOf("profiles:write")).toContainText("Profiles: Read");
    await expect(rowOf("tags:read")).toHaveCount(0);

    // The period picked in the requests card is the denied requests' too, without a reload.
    await page.evaluate(() => Object.assign(window, { deniedRangeMarker: true }));
    const period = region(page, "Requests").getByRole("group", { name: "Period" });
    await period.getByText("7d", { exact: true }).click();
    await expect(denied).toContainText("Last 7 days, per key and reason.");
    await expect(rowOf("tags:read")).toContainText("Tags: No access");
    await expect(denied).toContainText("10 denied requests in all.");
    await period.getByRole("radio", { name: "7d" }).press("ArrowLeft");
    await expect(period.getByRole("radio", { name: "24h" })).toBeChecked();
    await expect(denied).toContainText("Last 24 hours, per key and reason.");
    await expect(rowOf("tags:read")).toHaveCount(0);
    expect(await page.evaluate(() => "deniedRangeMarker" in window)).toBe(true);

    // With the keyboard: the link opens the edit form, Full access on Profiles chosen, its row marked and focused.
    await denied.getByRole("link", { name: `Grant profiles:write to ${key!.name}` }).press("Enter");
    await expect(page).toHaveURL((url) => url.pathname === `/keys/${key!.id}/edit` && url.searchParams.get("grant") === "profiles:write");
    await expect(pageHeading(page, `Edit ${key!.name}`)).toBeVisible();
    const profiles = page.getByRole("radiogroup", { name: "Profiles", exact: true });
    await expect(profiles).toHaveAccessibleDescription(/Requested: grant profiles:write/);
    await expect(page.getByText("Requested: grant profiles:write")).toBeInViewport();
    const fullAccess = profiles.getByRole("radio", { name: "Full access" });
    await expect(fullAccess).toBeChecked();
    await expect(fullAccess).toBeFocused();
    await expect(fullAccess).toHaveAccessibleDescription(/Requested: grant profiles:write/);
    // Only that: Lists stays Read, and nothing is saved before Save.
    await expect(
      page.getByRole("radiogroup", { name: "Lists", exact: true }).getByRole("radio", { name: "Read", exact: true }),
    ).toBeChecked();
    expect(await call(request, key!.secret!, "POST", "/api/v1/profiles")).toBe(403);

    await page.getByRole("button", { name: "Save changes" }).press("Enter");
    await expect(page.getByText("Changes saved. They apply from the key's next request.")).toBeVisible();
    await expect(page).toHaveURL(`/keys/${key!.id}`);
    expect(await call(request, key!.secret!, "POST", "/api/v1/profiles")).not.toBe(403);
    expect(await call(request, key!.secret!, "GET", "/api/v1/lists")).toBe(200);
  });

  test("a Grant link naming no scope of the catalog is said and ignored", async ({ page }) => {
    const owner = createWorkspaceWithOwner();
    const [key] = insertApiKeys(owner.workspaceId, [{ name: uniqueName("Odd link"), scopes: ["profiles:read"] }]);
    await signIn(page, owner);
    for (const asked of ["wallets:write", "accounts:write", "<b>profiles</b>"]) {
      await page.goto(`/keys/${key!.id}/edit?grant=${encodeURIComponent(asked)}`);
      await expect(
        page.getByText(`The link asked to grant “${asked}”, which is not a scope of this API, so nothing was chosen for it.`),
      ).toBeVisible();
      await expect(page.getByText(/^Requested: grant/)).toHaveCount(0);
      await expect(
        page.getByRole("radiogroup", { name: "Profiles", exact: true }).getByRole("radio", { name: "Read", exact: true }),
      ).toBeChecked();
      await expect(page.getByRole("radiogroup", { name: "Accounts", exact: true }).getByRole("radio", { name: "No access" })).toBeChecked();
    }
    // A scope the key already has is said too; nothing else changes.
    await page.goto(`/keys/${key!.id}/edit?grant=profiles:read`);
    await expect(page.getByText("This key already grants profiles:read.")).toBeVisible();
    await expect(
      page.getByRole("radiogroup", { name: "Profiles", exact: true }).getByRole("radio", { name: "Read", exact: true }),
    ).toBeFocused();
  });
});

test.describe("as Support of Acme", () => {
  test.use({ signedInAs: "support" });

  test("sees usage across keys, filters by key, and cannot narrow", async ({ page, request }) => {
    const [alpha, beta] = insertApiKeys("Acme", [
      {
        name: uniqueName("Usage alpha"),
        scopes: ["lists:read", "tags:read"],
        usable: true,
        createdAt: new Date(Date.now() - 10 * 24 * 3600_000),
      },
      { name: uniqueName("Usage beta"), scopes: ["profiles:read"], usable: true },
    ]);
    // Alpha has been in use long enough to judge; beta is new.
    insertUsage("Acme", alpha!.id, [{ requiredScope: "lists:read", decision: "allowed", count: 150, hoursAgo: 30 }]);
    expect(await call(request, alpha!.secret!, "GET", "/api/v1/lists")).toBe(200);
    expect(await call(request, beta!.secret!, "GET", "/api/v1/profiles")).toBe(200);
    expect(await call(request, beta!.secret!, "GET", "/api/v1/lists")).toBe(403);

    await page.goto("/usage");
    const byKey = region(page, "Requests").getByRole("table", { name: "By key" });
    await expect(byKey.getByRole("row", { name: new RegExp(`^${beta!.name}`) })).toContainText(/1\s*1\s*0\s*0/, { timeout: 20_000 });
    await expect(byKey.getByRole("row", { name: new RegExp(`^${alpha!.name}`) })).toContainText(/1\s*0\s*0\s*0/);

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
    // "Clear filters" puts every filter of the view back at once, in the URL too.
    await region(page, "Recent requests").getByRole("button", { name: "Clear filters" }).click();
    await expect(region(page, "Recent requests").getByLabel("Key")).toHaveValue("");
    await expect(region(page, "Recent requests").getByLabel("Outcome")).toHaveValue("all");
    await expect(page).toHaveURL((url) => !url.searchParams.has("key") && !url.searchParams.has("outcome"));
    await expect(region(page, "Recent requests").getByRole("button", { name: "Clear filters" })).toHaveAttribute("aria-disabled", "true");

    const unused = region(page, UNUSED);
    await expect(unused.getByRole("list", { name: `Unused scopes of ${alpha!.name}` })).toContainText("Tags: Read");
    // Beta's refusal is shown, but Support may not grant (nor narrow).
    await expect(unused.getByRole("list", { name: `Scopes ${beta!.name} was refused` })).toContainText("Lists: Read · 1 refused request");
    await expect(unused.getByRole("button")).toHaveCount(0);
    await page.goto(`/keys/${alpha!.id}`);
    await expect(region(page, UNUSED).getByRole("row", { name: /^Tags/ })).toBeVisible();
    await expect(region(page, UNUSED).getByRole("button")).toHaveCount(0);
  });
});

test.describe("answering a caller's question, as Support of Acme", () => {
  test.use({ signedInAs: "support" });

  test("finds a failed request by the Request-Id the caller quotes, and sees the field it named", async ({ page, request }) => {
    const [key] = insertApiKeys("Acme", [{ name: uniqueName("Partner import"), scopes: ["lists:write"], usable: true }]);
    const failed = await request.post("/api/v1/lists", {
      headers: { authorization: `Bearer ${key!.secret}`, "content-type": "application/json" },
      data: { data: { attributes: "not an object" } },
    });
    expect(failed.status()).toBe(422);
    const requestId = failed.headers()["request-id"]!;
    expect((await failed.json()).errors[0].id).toBe(requestId);
    expect(await call(request, key!.secret!, "GET", "/api/v1/lists")).toBe(200);
    expect(await call(request, key!.secret!, "GET", "/api/v1/profiles")).toBe(403);

    await page.goto("/usage");
    // Denied requests by key and reason: the scope asked for beside what the key has; Support may not grant.
    const denied = region(page, "Denied requests").getByRole("row", { name: new RegExp(`^${key!.name}`) });
    await expect(denied).toContainText("Missing scope");
    await expect(denied).toContainText("profiles:read");
    await expect(denied).toContainText("Profiles: No access");
    await expect(region(page, "Denied requests").getByRole("link", { name: /^Grant/ })).toHaveCount(0);
    // Nor does the link's address open the form for Support.
    await page.goto(`/keys/${key!.id}/edit?grant=profiles:read`);
    await expect(page.getByRole("heading", { name: "You don't have access to editing API keys" })).toBeVisible();
    await expect(page.getByRole("radiogroup", { name: "Profiles", exact: true })).toHaveCount(0);
    await page.goto("/usage");

    const recent = region(page, "Recent requests");
    await recent.getByLabel("Request ID").fill(requestId);
    await recent.getByLabel("Request ID").press("Enter");
    await expect(recent.getByRole("row")).toHaveCount(2);
    const row = recent.getByRole("row").nth(1);
    await expect(row).toContainText("422 · Bad request");
    await expect(row).toContainText("Field /data/attributes");
    await expect(row).toContainText(`Request ID ${requestId}`);
    await expect(page).toHaveURL((url) => url.searchParams.get("requestId") === requestId);

    // A status that cannot be one is said, not silently ignored.
    await recent.getByLabel("Request ID").fill("");
    await recent.getByLabel("Request ID").press("Enter");
    await recent.getByLabel("Status").fill("abc");
    await recent.getByLabel("Status").press("Enter");
    await expect(recent.getByText("A status is a number from 100 to 599.")).toBeVisible();
    await recent.getByLabel("Status").fill("200");
    await recent.getByLabel("Status").press("Enter");
    await recent.getByLabel("Key").selectOption({ label: `${key!.name} (${key!.masked})` });
    await expect(recent.getByRole("row")).toHaveCount(2);
    await expect(recent.getByRole("row").nth(1)).toContainText("200 · Allowed");

    // While someone reads the table, a new request waits behind a button instead of moving the rows.
    await recent.getByRole("row").nth(1).getByRole("link", { name: key!.name }).focus();
    expect(await call(request, key!.secret!, "GET", "/api/v1/lists")).toBe(200);
    const showNew = recent.getByRole("button", { name: "Show 1 new request" });
    await expect(showNew).toBeVisible({ timeout: 20_000 });
    await expect(recent.getByRole("row")).toHaveCount(2);
    await showNew.click();
    await expect(recent.getByRole("row")).toHaveCount(3);

    // Live updates can be paused, and resumed.
    await recent.getByRole("button", { name: "Pause live updates" }).click();
    await expect(recent.getByText("Paused: new requests are not fetched.")).toBeVisible();
    await expect(recent.getByRole("button", { name: "Resume live updates" })).toHaveAttribute("aria-pressed", "true");
    await recent.getByRole("button", { name: "Resume live updates" }).click();
    await expect(recent.getByText(/^Live/)).toBeVisible();

    // On a phone the key column folds away, but each request still names its key and outcome.
    await page.setViewportSize({ width: 375, height: 800 });
    await expect(recent.getByRole("row").nth(1).getByRole("link", { name: key!.name })).toBeVisible();
    await expect(recent.getByRole("row").nth(1).getByText("200 · Allowed")).toBeVisible();
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

test("the request log shows a forwarded request's upstream status and time beside Keysmith's own", async ({ page }) => {
  const owner = createWorkspaceWithOwner();
  const [key] = insertApiKeys(owner.workspaceId, [{ name: uniqueName("Gateway caller"), scopes: ["profiles:read"] }]);
  insertRequests(owner.workspaceId, key!.id, [
    { path: "/api/v1/profiles/forwarded", status: 200, latencyMs: 0.4, upstreamStatus: 200, upstreamMs: 12.4 },
    { path: "/api/v1/profiles/timed-out", status: 504, latencyMs: 0.3, upstreamStatus: null, upstreamMs: 1000.2 },
    { path: "/api/v1/profiles/served-here", status: 200, latencyMs: 1.5 },
  ]);
  await signIn(page, owner);
  await page.goto(`/keys/${key!.id}`);
  const recent = region(page, "Recent requests");
  const forwarded = recent.getByRole("row", { name: /\/api\/v1\/profiles\/forwarded/ });
  await expect(forwarded).toContainText("Upstream 200 · 12 ms");
  await expect(forwarded).toContainText("0.4 ms");
  await expect(recent.getByRole("row", { name: /timed-out/ })).toContainText("Upstream no answer · 1000 ms");
  await expect(recent.getByRole("row", { name: /served-here/ })).not.toContainText("Upstream");
});

test("the usage reads answer a signed-out caller 401 in JSON, not a sign-in page", async ({ request }) => {
  for (const path of ["/api/internal/usage", "/api/internal/usage/requests", "/api/internal/usage/unused-scopes"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status()).toBe(401);
    expect((await response.json()).errors[0].code).toBe("not_authenticated");
  }
});

test("a workspace with no keys, then with a key and no traffic, is told so, not that every key used all its scopes", async ({ page }) => {
  const owner = createWorkspaceWithOwner();
  await signIn(page, owner);
  await page.goto("/usage");
  const unused = region(page, UNUSED);
  await expect(unused).toContainText("This workspace has no live keys yet.");
  await expect(unused).not.toContainText("used all of its scopes");
  await expect(region(page, "Requests")).toContainText("No requests in this period.");

  insertApiKeys(owner.workspaceId, [{ name: uniqueName("Quiet key"), scopes: ["lists:read"] }]);
  await page.reload();
  await expect(unused).toContainText("No key has been in use long enough to judge yet.");
  await expect(unused).toContainText("(1 key still too new to judge)");
  await expect(unused).not.toContainText("used all of its scopes");
});
