import type { Page } from "@playwright/test";
import {
  DASHBOARD_PAGES,
  DEMO_PASSWORD,
  expect,
  expectNoErrorPage,
  KEYS_TITLE,
  openUserMenu,
  pageHeading,
  signIn,
  signOut,
  test,
  USERS,
  workspaceSwitcher,
} from "./fixtures";

// Deliberate failures use unknown addresses or stay far below the limits (10 per account, 50 per
// client address in 15 minutes; the server and its counters are new for every run).

const INCORRECT = "Incorrect email or password.";

test.describe("signing in and out", () => {
  for (const user of Object.values(USERS)) {
    test(`${user.email} signs in, sees their role, and signs out`, async ({ page, context }) => {
      await signIn(page, user);
      await expect(page).toHaveURL((url) => url.pathname === "/keys");
      await expect(pageHeading(page, KEYS_TITLE)).toBeVisible();
      await expect(workspaceSwitcher(page, user.workspace)).toBeVisible();

      const menu = await openUserMenu(page, user);
      await expect(menu).toContainText(user.name);
      await expect(menu).toContainText(user.email);
      await expect(menu.getByText(`Role: ${user.role}`, { exact: true })).toBeVisible();

      const cookies = await context.cookies();
      await menu.getByRole("menuitem", { name: "Sign out", exact: true }).click();
      await expect(page).toHaveURL((url) => url.pathname === "/login");
      await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();

      // Signed out: a dashboard page asks to sign in again.
      await page.goto("/keys");
      await expect(page).toHaveURL((url) => url.pathname === "/login");

      // The server-side session is gone too: the old session cookie no longer opens the dashboard.
      await context.addCookies(cookies);
      await page.goto("/members?from=stale-session");
      await expect(page).toHaveURL(
        (url) => url.pathname === "/login" && url.searchParams.get("callbackUrl") === "/members?from=stale-session",
      );
      await expect(page.getByRole("heading", { level: 1, name: "Members" })).toHaveCount(0);
    });
  }

  test("the dashboard shell: main navigation marks the current page", async ({ page }) => {
    await signIn(page, USERS.owner);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const { path, title, nav: label } of DASHBOARD_PAGES) {
      await nav.getByRole("link", { name: label, exact: true }).click();
      await expect(page).toHaveURL((url) => url.pathname === path);
      await expect(pageHeading(page, title)).toBeVisible();
      await expect(nav.getByRole("link", { name: label, exact: true })).toHaveAttribute("aria-current", "page");
      await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    }
    await signOut(page, USERS.owner);
  });
});

test.describe("signed-out visitors", () => {
  test("a path that only begins like an unguarded one is guarded too", async ({ page, request }) => {
    await page.goto("/loginx");
    await expect(page).toHaveURL((url) => url.pathname === "/login" && url.searchParams.get("callbackUrl") === "/loginx");
    // Under /api every route guards itself (lib/auth/route-matrix.test.ts); one that only begins like
    // Auth.js's is no route at all: a plain 404, not Auth.js and not a page of the dashboard.
    const api = await request.get("/api/authority", { maxRedirects: 0 });
    expect(api.status()).toBe(404);
    expect(await api.text()).not.toContain('aria-label="Main"');
    // The site icon is public: a signed-out browser gets the icon, not the sign-in page.
    const icon = await request.get("/icon.svg", { maxRedirects: 0 });
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  });

  for (const { path, title } of DASHBOARD_PAGES) {
    test(`${path} sends to sign in and back afterwards`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL((url) => url.pathname === "/login" && url.searchParams.get("callbackUrl") === path);
      expect(page.url()).toContain(`callbackUrl=${encodeURIComponent(path)}`);
      await signIn(page, USERS.admin);
      await expect(page).toHaveURL((url) => url.pathname === path && url.search === "");
      await expect(pageHeading(page, title)).toBeVisible();
    });
  }

  // Dot segments, backslashes, encoded slashes and tabs that a browser or the router would normalize
  // into a protocol-relative URL, besides the plain off-site ones.
  for (const target of [
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "https:evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/%2e//evil.example",
    "/%2F/evil.example",
    "/%5Cevil.example",
    "/\t/evil.example",
    "http://127.0.0.1@evil.example/",
  ]) {
    test(`callbackUrl=${target} is not followed off-site`, async ({ page, baseURL }) => {
      const offSite: string[] = [];
      await page.route(
        (url) => url.hostname.endsWith("evil.example"),
        (route) => {
          offSite.push(route.request().url());
          return route.abort();
        },
      );
      await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
      await signIn(page, USERS.support);
      await expect(page).toHaveURL(`${baseURL}/keys`);
      await expect(pageHeading(page, KEYS_TITLE)).toBeVisible();
      expect(offSite).toEqual([]);
    });
  }
});

test.describe("wrong credentials", () => {
  test("a wrong password is refused with a message that does not say which part was wrong", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill(USERS.support.email);
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await submit(page);
    await expect(page.getByRole("alert").filter({ hasText: INCORRECT })).toBeVisible();
    await expect(page).toHaveURL((url) => url.pathname === "/login");
    // The email is kept, the password is not.
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(USERS.support.email);

    // The right password still works afterwards.
    await signIn(page, USERS.support);
    await expect(page).toHaveURL((url) => url.pathname === "/keys");
  });

  test("an unknown email gets exactly the same message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill("nobody-1@acme.test");
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await submit(page);
    await expect(page.getByRole("alert").filter({ hasText: INCORRECT })).toHaveText(INCORRECT);
    await expect(page.getByLabel("Email", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL((url) => url.pathname === "/login");
  });

  test("after 10 failures on one account, further attempts are refused for a while", async ({ page }) => {
    await page.goto("/login");
    const email = "nobody-2@acme.test";
    for (let attempt = 1; attempt <= 10; attempt++) {
      await page.getByLabel("Email", { exact: true }).fill(email);
      await page.getByLabel("Password", { exact: true }).fill(`wrong-${attempt}`);
      await submit(page);
      await expect(page.getByRole("alert").filter({ hasText: INCORRECT })).toBeVisible();
    }
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill("wrong-11");
    await submit(page);
    await expect(page.getByRole("alert").filter({ hasText: "Too many failed attempts" })).toBeVisible();
  });
});

test.describe("bad input gets a field error, never a 500", () => {
  const cases: { name: string; email: string; password: string; errors: { Email?: string; Password?: string } }[] = [
    { name: "empty fields", email: "", password: "", errors: { Email: "Enter your email.", Password: "Enter your password." } },
    { name: "an empty password", email: USERS.admin.email, password: "", errors: { Password: "Enter your password." } },
    {
      name: "a malformed email",
      email: "owner-at-acme.test",
      password: DEMO_PASSWORD,
      errors: { Email: "Enter an email address like name@example.com." },
    },
    {
      name: "a 10 kB email",
      email: `${"a".repeat(10_240)}@acme.test`,
      password: DEMO_PASSWORD,
      errors: { Email: "An email address has at most 254 characters." },
    },
    {
      name: "a 10 kB password",
      email: USERS.admin.email,
      password: "p".repeat(10_240),
      errors: { Password: "A password has at most 256 characters." },
    },
  ];

  for (const { name, email, password, errors } of cases) {
    test(name, async ({ page }) => {
      await page.goto("/login");
      const emailField = page.getByLabel("Email", { exact: true });
      // The field's maxlength stops a browser from typing more; the server must hold on its own.
      await emailField.evaluate((input) => input.removeAttribute("maxlength"));
      await emailField.fill(email);
      await page.getByLabel("Password", { exact: true }).fill(password);
      await submit(page);

      for (const label of ["Email", "Password"] as const) {
        const field = page.getByLabel(label, { exact: true });
        const message = errors[label];
        if (message) {
          await expect(page.getByText(message, { exact: true })).toBeVisible();
          await expect(field).toHaveAttribute("aria-invalid", "true");
          await expect(field).toHaveAccessibleDescription(message);
        } else {
          await expect(field).not.toHaveAttribute("aria-invalid", "true");
        }
      }
      await expect(page.getByRole("alert").filter({ hasText: INCORRECT })).toHaveCount(0);
      await expect(page).toHaveURL((url) => url.pathname === "/login");
      await expectNoErrorPage(page);
    });
  }
});

/** Clicks "Sign in" and checks the answer to the form's POST is not a server error. */
async function submit(page: Page) {
  const answer = page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/login",
  );
  await page.getByRole("button", { name: "Sign in" }).click();
  const response = await answer;
  expect(response.status(), "the sign-in POST is not a server error").toBeLessThan(500);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
}
