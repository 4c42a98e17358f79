// The key tester and the reveal panel's tools: "Would this be allowed?" on a key's page explains a
// request from the router's own checks (a grant link only for those who may edit the key), "Test this
// key" calls the API with the new secret, and the snippets come as keyboard-operable tabs, on the
// reveal panel with the secret and on /docs with the key from the environment.
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { createWorkspaceWithOwner, expect, insertApiKeys, pageHeading, signIn, test, uniqueName } from "./fixtures";

const SECRET_PATTERN = /^ksk_[0-9A-Za-z]{36}$/;

function tester(page: Page) {
  return page.getByRole("region", { name: "Would this be allowed?" });
}

/** Checks a request on the key page; clicked again until answered, as a click before hydration submits nothing the tester sees. */
async function check(page: Page, method: string, path: string, answer: string) {
  const region = tester(page);
  await expect(async () => {
    await region.getByLabel("Method").selectOption(method);
    await region.getByLabel("Path").fill(path);
    await region.getByRole("button", { name: "Check" }).click();
    await expect(region.getByRole("status")).toContainText(answer, { timeout: 1000 });
  }).toPass();
  return region.getByRole("status");
}

function seedKey(scopes = ["profiles:read", "lists:read"]) {
  return insertApiKeys("Acme", [{ name: uniqueName("Tester"), scopes }])[0]!;
}

test.describe("as an Owner", () => {
  test.use({ signedInAs: "owner" });

  test("the tester allows what the key's scopes allow and offers to grant what they lack", async ({ page }) => {
    const key = seedKey();
    await page.goto(`/keys/${key.id}`);
    await expect(pageHeading(page, key.name)).toBeVisible();

    const allowed = await check(page, "GET", "/api/v1/profiles", "Allowed: GET /api/v1/profiles needs profiles:read, which this key has");
    await expect(allowed.getByRole("link")).toHaveCount(0);

    const denied = await check(page, "POST", "/api/v1/lists", "Denied: POST /api/v1/lists needs lists:write; this key has lists:read");
    await expect(denied.getByRole("link", { name: "Grant lists:write" })).toHaveAttribute("href", `/keys/${key.id}/edit?grant=lists:write`);
    await expectNoAxeViolations(page);

    // A pasted URL is read by its path; a path without /api/v1 gets it.
    await check(page, "GET", "https://keys.example.com/api/v1/profiles?limit=5", "Allowed: GET /api/v1/profiles needs profiles:read");
    await check(page, "GET", "segments", "Denied: GET /api/v1/segments needs segments:read; this key has no access to segments");
    await check(page, "GET", "/api/v1/nothing", "No route: GET /api/v1/nothing matches no API route (404)");
    await check(page, "DELETE", "/api/v1/profiles", "Method not allowed: /api/v1/profiles answers GET, HEAD, POST, not DELETE (405)");
    await check(page, "GET", "/api/v1/health", "Allowed: GET /api/v1/health is public: it needs no key and no scope");
  });

  test("a revoked key is denied whatever its scopes, with nothing to grant", async ({ page }) => {
    const [key] = insertApiKeys("Acme", [{ name: uniqueName("Revoked tester"), scopes: ["profiles:write"], revoked: {} }]);
    await page.goto(`/keys/${key!.id}`);
    const denied = await check(page, "GET", "/api/v1/profiles", "Denied: GET /api/v1/profiles is refused (401): this key was revoked");
    await expect(denied.getByRole("link")).toHaveCount(0);
  });
});

test.describe("as Support", () => {
  test.use({ signedInAs: "support" });

  test("the tester explains a refusal but offers no grant link", async ({ page }) => {
    const key = seedKey();
    await page.goto(`/keys/${key.id}`);
    const denied = await check(page, "POST", "/api/v1/lists", "Denied: POST /api/v1/lists needs lists:write; this key has lists:read");
    await expect(denied.getByRole("link")).toHaveCount(0);
    await check(page, "GET", "/api/v1/lists", "Allowed: GET /api/v1/lists needs lists:read, which this key has");
  });
});

test.describe("the reveal panel", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  async function createKey(page: Page) {
    await signIn(page, createWorkspaceWithOwner());
    await page.goto("/keys/new");
    await page.getByLabel("Name", { exact: true }).fill(uniqueName("Revealed"));
    await page.getByRole("radiogroup", { name: "Access", exact: true }).getByRole("radio", { name: "Read-only" }).click();
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(pageHeading(page, "Save your secret key")).toBeVisible();
    const secret = await page.getByLabel("Secret key", { exact: true }).inputValue();
    expect(secret).toMatch(SECRET_PATTERN);
    return secret;
  }

  test("'Test this key' calls the API with the new key and shows its answer", async ({ page }) => {
    await createKey(page);
    const answer = page.waitForResponse((response) => response.url().endsWith("/api/v1/key"));
    await page.getByRole("button", { name: "Test this key" }).click();
    expect((await answer).status()).toBe(200);
    const status = page.getByRole("status").filter({ hasText: "the key works" });
    await expect(status).toContainText("200: the key works. It is ");
    await expect(status).toContainText("profiles:read");
    const keyId = /It is (\S+), with/.exec((await status.textContent()) ?? "")?.[1];
    expect(keyId).toBeTruthy();
    await expect(status.locator("pre")).toContainText(`"id": "${keyId}"`);
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "I've saved it" }).click();
    await expect(page).toHaveURL(new RegExp(`/keys/${keyId}$`));
  });

  test("the snippets switch with the arrow keys, and copying one counts as saving the secret", async ({ page }) => {
    const secret = await createKey(page);
    const origin = new URL(page.url()).origin;
    const tabs = page.getByRole("tablist", { name: "Code snippets" });
    const curl = tabs.getByRole("tab", { name: "curl" });
    await expect(curl).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tabpanel")).toContainText(`curl -H "Authorization: Bearer ${secret}" ${origin}/api/v1/key`);

    await curl.focus();
    await page.keyboard.press("ArrowRight");
    const javascript = tabs.getByRole("tab", { name: "JavaScript (fetch)" });
    await expect(javascript).toBeFocused();
    await expect(javascript).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tabpanel")).toContainText(`await fetch("${origin}/api/v1/key"`);
    await expect(page.getByRole("tabpanel")).toContainText(`Authorization: "Bearer ${secret}"`);
    await page.keyboard.press("ArrowRight");
    const python = tabs.getByRole("tab", { name: "Python (requests)" });
    await expect(python).toBeFocused();
    await expect(page.getByRole("tabpanel")).toContainText("requests.get(");
    await page.keyboard.press("ArrowRight");
    await expect(curl).toBeFocused();
    await page.keyboard.press("End");
    await expect(python).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tabpanel")).toHaveCount(1);

    await page.getByRole("button", { name: "Copy Python (requests) snippet" }).click();
    await expect(page.getByRole("button", { name: "Copied Python (requests) snippet" })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`"${origin}/api/v1/key"`);
    expect(copied).toContain(`{"Authorization": "Bearer ${secret}"}`);
    // Copied counts as saved: a link leaves without asking.
    await page.getByRole("navigation").first().getByRole("link", { name: "Usage" }).click();
    await expect(page).toHaveURL(/\/usage$/);
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
  });
});

test.describe("on /docs", () => {
  test.use({ signedInAs: "owner", permissions: ["clipboard-read", "clipboard-write"] });

  test("the snippets read the key from the environment and use the real base URL", async ({ page }) => {
    await page.goto("/docs");
    const origin = new URL(page.url()).origin;
    const authentication = page.getByRole("region", { name: "Authentication" });
    const panel = authentication.getByRole("tabpanel");
    await expect(panel).toContainText(`curl -H "Authorization: Bearer $KEYSMITH_KEY" ${origin}/api/v1/key`);
    await expect(async () => {
      await authentication.getByRole("tab", { name: "JavaScript (fetch)" }).click();
      await expect(panel).toContainText("process.env.KEYSMITH_KEY", { timeout: 1000 });
    }).toPass();
    await authentication.getByRole("tab", { name: "JavaScript (fetch)" }).press("ArrowRight");
    await expect(panel).toContainText(`os.environ['KEYSMITH_KEY']`);
    await authentication.getByRole("button", { name: "Copy Python (requests) snippet" }).click();
    await expect(page.getByText("Python (requests) snippet copied")).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("import os");
    expect(copied).toContain(`"${origin}/api/v1/key"`);
    expect(copied).not.toMatch(/ksk_/);
    await expectNoAxeViolations(page, "#authentication");
  });
});
