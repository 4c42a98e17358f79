// Every page under its Content-Security-Policy (per-request nonces, 'strict-dynamic'): no violation is
// reported while it renders and while its scripts do their work (charts, toasts, dialogs), and every
// page answers with the security headers. The API's headers are checked in lib/api/request-edge.test.ts.
import type { Page, Response } from "@playwright/test";
import {
  createWorkspaceWithOwner,
  expect,
  insertApiKeys,
  KEYS_TITLE,
  pageHeading,
  signIn,
  test,
  type UserKey,
  uniqueName,
  withDatabase,
} from "./fixtures";

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Records every violation the page's documents report, from before any of their scripts runs. */
async function watchViolations(page: Page): Promise<string[]> {
  const reported: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Permissions-Policy/i.test(message.text())) reported.push(message.text());
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations?.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return reported;
}

async function expectNoViolations(page: Page, console: string[]) {
  expect(await page.evaluate(() => window.__cspViolations ?? ["the recorder did not run"])).toEqual([]);
  expect(console).toEqual([]);
}

function expectPageHeaders(response: Response | null) {
  expect(response, "a document response").not.toBeNull();
  const headers = response!.headers();
  const policy = headers["content-security-policy"] ?? "";
  const directives = new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([k, ...v]) => [k, v]),
  );
  expect(directives.get("script-src")).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]{16,}'$/), "'strict-dynamic'"]);
  expect(directives.get("object-src")).toEqual(["'none'"]);
  expect(directives.get("base-uri")).toEqual(["'none'"]);
  expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  expect(directives.get("form-action")).toEqual(["'self'"]);
  expect(directives.get("default-src")).toEqual(["'self'"]);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("microphone=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  expect(headers["permissions-policy"]).toContain("publickey-credentials-get=(self)");
  expect(headers["permissions-policy"]).toContain("publickey-credentials-create=(self)");
  // Served over plain HTTP to a public URL that is http: no HSTS (browsers ignore it there anyway).
  expect(headers["strict-transport-security"]).toBeUndefined();
  return policy;
}

test.describe("signed out", () => {
  test("/login and a page that redirects there", async ({ page }) => {
    const violations = await watchViolations(page);
    const response = await page.goto("/login?callbackUrl=%2Fmembers");
    expectPageHeaders(response);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    // The form works under the policy (the action posts to this origin, then navigates).
    await signIn(page, { email: "owner@acme.test" });
    await expect(page).toHaveURL((url) => url.pathname === "/members");
    await expectNoViolations(page, violations);
  });

  test("every page gets a fresh nonce", async ({ page }) => {
    const first = expectPageHeaders(await page.goto("/login"));
    const second = expectPageHeaders(await page.goto("/login"));
    expect(first).not.toBe(second);
  });
});

const PAGES: { user: UserKey; path: string; heading: string | RegExp }[] = [
  { user: "owner", path: "/keys", heading: KEYS_TITLE },
  { user: "owner", path: "/keys/new", heading: "Create API key" },
  { user: "owner", path: "/usage", heading: "Usage" },
  { user: "owner", path: "/audit", heading: "Audit log" },
  { user: "owner", path: "/members", heading: "Members" },
  { user: "owner", path: "/settings", heading: "Settings" },
  { user: "owner", path: "/docs", heading: "API reference" },
  { user: "support", path: "/keys", heading: KEYS_TITLE },
  { user: "support", path: "/usage", heading: "Usage" },
  { user: "support", path: "/members", heading: "Members" },
];

for (const { user, path, heading } of PAGES) {
  test.describe(`as ${user}`, () => {
    test.use({ signedInAs: user });
    test(`${path} renders and runs without a CSP violation`, async ({ page }) => {
      const violations = await watchViolations(page);
      expectPageHeaders(await page.goto(path));
      await expect(pageHeading(page, heading)).toBeVisible();
      if (path === "/usage") await expect(page.locator(".recharts-surface").first()).toBeVisible();
      // Client-side navigation to another page (an RSC request) under the same document.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Keys", exact: true }).click();
      await expect(pageHeading(page, KEYS_TITLE)).toBeVisible();
      await expectNoViolations(page, violations);
    });
  });
}

test.describe("a key's pages, dialogs and toasts", () => {
  test.use({ signedInAs: "owner" });

  test("key page, edit page, the revoke dialog and its toast, creating a key and copying its secret", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const violations = await watchViolations(page);
    const [key] = insertApiKeys("Acme", [{ name: uniqueName("CSP key"), scopes: ["profiles:read"] }]);

    expectPageHeaders(await page.goto(`/keys/${key!.id}/edit`));
    await expect(pageHeading(page, `Edit ${key!.name}`)).toBeVisible();

    expectPageHeaders(await page.goto(`/keys/${key!.id}`));
    await expect(pageHeading(page, key!.name)).toBeVisible();
    await page.getByRole("button", { name: "Revoke" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Revoke ${key!.name}?` });
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await expect(page.getByText(`${key!.name} was revoked.`)).toBeVisible();

    await page.goto("/keys/new");
    await page.getByLabel("Name", { exact: true }).fill(uniqueName("CSP created"));
    await page.getByRole("radiogroup", { name: "Access", exact: true }).getByRole("radio", { name: "Read-only" }).click();
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Save your secret key" })).toBeVisible();
    await page.getByRole("button", { name: /^Copy/ }).first().click();
    await expect(page.locator("[data-sonner-toast]").first()).toBeVisible();
    await expectNoViolations(page, violations);
  });

  test("a page that does not exist", async ({ page }) => {
    const violations = await watchViolations(page);
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    expectPageHeaders(response);
    await expectNoViolations(page, violations);
  });
});

test("/no-workspace, for a user whose every membership was removed", async ({ page }) => {
  const owner = createWorkspaceWithOwner();
  withDatabase((db) => db.prepare(`DELETE FROM "Membership" WHERE workspaceId = ?`).run(owner.workspaceId));
  const violations = await watchViolations(page);
  await page.goto("/login");
  await signIn(page, { email: owner.email });
  await expect(page).toHaveURL((url) => url.pathname === "/no-workspace");
  expectPageHeaders(await page.goto("/no-workspace"));
  await expect(page.getByRole("heading", { level: 1, name: "You are not a member of any workspace" })).toBeVisible();
  await expectNoViolations(page, violations);
});
