// The dashboard's frame around every page: the not-found pages inside it (and nothing outside it
// swallowed by them), the phone navigation behind "Menu", the open menus under axe, and the toast's
// contrast.
import type { APIRequestContext, Page } from "@playwright/test";
import { expectNoAxeViolations, expectNoHorizontalOverflow } from "./axe";
import {
  addMembership,
  createWorkspaceWithOwner,
  expect,
  insertApiKeys,
  pageHeading,
  signIn,
  test,
  USERS,
  uniqueName,
  userMenuButton,
  withDatabase,
  workspaceSwitcher,
} from "./fixtures";

const KEY_NOT_FOUND = "Key not found";
const PAGE_NOT_FOUND = "Page not found";

/** What the not-found page says inside <main>: it must read the same whatever the key's story. */
async function mainText(page: Page): Promise<string> {
  return ((await page.getByRole("main").textContent()) ?? "").trim();
}

async function expectInsideDashboard(page: Page) {
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(userMenuButton(page, USERS.owner)).toBeVisible();
}

// Paths that are not the dashboard's: none may turn into a dashboard page or a sign-in redirect.
const NON_DASHBOARD_PATHS = [
  "/api/nope",
  "/api/internal/nope",
  "/api/internal/usage/nope",
  "/api/ready/nope",
  "/login/nope",
  "/setup/nope",
  "/invite",
  "/reset-password",
];

/** Each non-dashboard unknown path answers 404 itself: no redirect, no dashboard around it. */
async function expectNotSwallowed(request: APIRequestContext) {
  for (const path of NON_DASHBOARD_PATHS) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    const body = await response.text();
    expect(body, path).not.toContain('aria-label="Main"');
    expect(body, path).not.toContain("Key not found");
  }
  // The public API answers its own 404, in its error shape.
  const api = await request.get("/api/v1/nope", { maxRedirects: 0 });
  expect(api.status()).toBe(404);
  expect((await api.json()).errors[0].code).toBe("not_found");
  // The API's known routes still answer as before.
  expect((await request.get("/api/ready", { maxRedirects: 0 })).status()).toBe(200);
}

test.describe("signed in as the Owner of Acme", () => {
  test.use({ signedInAs: "owner" });

  test("another workspace's key, a deleted key and a made-up id get the same not-found page inside the dashboard", async ({ page }) => {
    const [globexKey] = insertApiKeys("Globex", [{ name: uniqueName("Globex only") }]);
    const [deletedKey] = insertApiKeys("Acme", [{ name: uniqueName("Deleted soon") }]);
    withDatabase((db) => db.prepare(`DELETE FROM "ApiKey" WHERE id = ?`).run(deletedKey!.id));

    const texts: string[] = [];
    for (const path of [
      `/keys/${globexKey!.id}`,
      `/keys/${deletedKey!.id}`,
      "/keys/e2eNoSuchKey000000000000",
      `/keys/${globexKey!.id}/edit`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(pageHeading(page, KEY_NOT_FOUND)).toBeVisible();
      await expectInsideDashboard(page);
      const html = await page.content();
      expect(html).not.toContain(globexKey!.name);
      texts.push(await mainText(page));
    }
    expect(new Set(texts).size, "the same words for every case").toBe(1);

    await page.getByRole("main").getByRole("link", { name: "All keys" }).click();
    await expect(pageHeading(page, "API keys")).toBeVisible();
  });

  test("an unknown dashboard address is a 404 inside the dashboard", async ({ page }) => {
    for (const path of ["/nowhere", "/keys/e2eNoSuchKey000000000000/nothing/here", "/settings/nope"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(pageHeading(page, PAGE_NOT_FOUND)).toBeVisible();
      await expectInsideDashboard(page);
    }
    await expectNoAxeViolations(page);
  });

  test("API, sign-in and invitation paths are not swallowed by the dashboard's 404", async ({ page }) => {
    await expectNotSwallowed(page.request);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`the open workspace switcher and user menu have no axe violations (${colorScheme})`, async ({ page }) => {
      test.slow();
      await page.emulateMedia({ colorScheme });
      const removeMembership = addMembership(USERS.owner.email, "Globex", "Support");
      try {
        for (const width of [1280, 375]) {
          await page.setViewportSize({ width, height: 800 });
          await page.goto("/keys");
          await workspaceSwitcher(page, "Acme").click();
          const switcher = page.getByRole("menu");
          await expect(switcher.getByRole("menuitemradio", { name: /Globex/ })).toBeVisible();
          // A modal menu hides the rest of the page from assistive technology; the page is checked alone elsewhere.
          await expectNoAxeViolations(page, '[role="menu"]');
          await page.keyboard.press("Escape");
          await expect(switcher).toBeHidden();

          await userMenuButton(page, USERS.owner).click();
          const menu = page.getByRole("menu");
          await expect(menu.getByRole("menuitem", { name: "Sign out", exact: true })).toBeVisible();
          await expectNoAxeViolations(page, '[role="menu"]');
          await page.keyboard.press("Escape");
          await expect(menu).toBeHidden();
        }
      } finally {
        removeMembership();
      }
    });
  }

  test.describe("at 375 px", () => {
    test.use({ viewport: { width: 375, height: 740 } });

    test("the navigation sits behind a Menu button that says it opens more, by pointer and by keyboard", async ({ page }) => {
      await page.goto("/keys");
      const nav = page.getByRole("navigation", { name: "Main" });
      const menu = nav.getByRole("button", { name: "Menu", exact: true });
      await expect(menu).toHaveAttribute("aria-expanded", "false");
      await expect(nav.getByRole("link", { name: "Usage" })).toBeHidden();
      await expectNoHorizontalOverflow(page, 375);

      await menu.click();
      await expect(menu).toHaveAttribute("aria-expanded", "true");
      for (const name of ["Keys", "Usage", "Audit log", "Members", "Settings", "API docs"]) {
        await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
      }
      await expect(nav.getByRole("link", { name: "Keys", exact: true })).toHaveAttribute("aria-current", "page");
      await expectNoHorizontalOverflow(page, 375);
      await expectNoAxeViolations(page);

      // Choosing a page folds the menu again.
      await nav.getByRole("link", { name: "Usage" }).click();
      await expect(pageHeading(page, "Usage")).toBeVisible();
      await expect(menu).toHaveAttribute("aria-expanded", "false");
      await expect(nav.getByRole("link", { name: "Keys", exact: true })).toBeHidden();

      // Keyboard only: Enter opens, Tab reaches the links, Escape closes and gives the focus back.
      await menu.focus();
      await page.keyboard.press("Enter");
      await expect(menu).toHaveAttribute("aria-expanded", "true");
      await page.keyboard.press("Tab");
      await expect(nav.getByRole("link", { name: "Keys", exact: true })).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(menu).toHaveAttribute("aria-expanded", "false");
      await expect(menu).toBeFocused();
    });
  });
});

test("signed out, API and sign-in paths still answer their own 404, not a sign-in redirect", async ({ request }) => {
  await expectNotSwallowed(request);
});

test.describe("in light mode", () => {
  test.use({ colorScheme: "light" });

  test("the success toast's text meets 4.5:1 contrast", async ({ page }) => {
    await signIn(page, createWorkspaceWithOwner());
    await page.goto("/account");
    await page.getByLabel("Name", { exact: true }).fill(uniqueName("Toast reader"));
    await page.getByRole("button", { name: "Save name" }).click();
    const toast = page.locator('[data-sonner-toast][data-type="success"]');
    await expect(toast).toContainText("Your name is now");
    const ratio = await toast.evaluate((element) => {
      const channels = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const luminance = (color: string) => {
        const [r, g, b] = channels(color).map((value) => {
          const c = value / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const style = getComputedStyle(element);
      const [text, background] = [luminance(style.color), luminance(style.backgroundColor)];
      return (Math.max(text, background) + 0.05) / (Math.min(text, background) + 0.05);
    });
    expect(ratio).toBeGreaterThanOrEqual(4.5);
  });
});
