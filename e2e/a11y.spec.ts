import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DASHBOARD_PAGES, expect, pageHeading, test, USERS } from "./fixtures";

/** Runs axe on the page, or only on `include` (a CSS selector) when given. */
async function expectNoAxeViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const results = await builder.analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ")}`),
  }));
  expect(summary).toEqual([]);
}

async function expectNoHorizontalOverflow(page: Page, width: number) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, "the page does not scroll sideways").toBeLessThanOrEqual(width);
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    test.use({ colorScheme });

    test("/login has no axe violations", async ({ page }) => {
      await page.goto("/login");
      await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test("/login with field errors has no axe violations", async ({ page }) => {
      await page.goto("/login");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByText("Enter your email.", { exact: true })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test.describe("signed in as Owner", () => {
      test.use({ signedInAs: "owner" });

      for (const { path, title } of DASHBOARD_PAGES) {
        test(`${path} has no axe violations`, async ({ page }) => {
          await page.goto(path);
          await expect(pageHeading(page, title)).toBeVisible();
          await expectNoAxeViolations(page);
        });
      }

      test("the open Change role dialog has no axe violations", async ({ page }) => {
        await page.goto("/members");
        await page.getByRole("button", { name: `Change role of ${USERS.admin.name}` }).click();
        const dialog = page.getByRole("dialog", { name: `Change role of ${USERS.admin.name}` });
        await expect(dialog).toBeVisible();
        await expect(dialog.getByRole("radio", { name: "Admin" })).toBeFocused();
        await expectNoAxeViolations(page);
      });

      test("the open Remove confirmation has no axe violations", async ({ page }) => {
        await page.goto("/members");
        await page.getByRole("button", { name: `Remove ${USERS.admin.name}` }).click();
        await expect(page.getByRole("alertdialog", { name: `Remove ${USERS.admin.name} from Acme?` })).toBeVisible();
        await expectNoAxeViolations(page);
      });

      test("the open user menu has no axe violations", async ({ page }) => {
        await page.goto("/keys");
        await page.getByRole("button", { name: `User menu for ${USERS.owner.name}` }).click();
        await expect(page.getByRole("menu")).toBeVisible();
        // A modal menu hides the rest of the page from assistive technology (aria-hidden) while keeping
        // focus inside itself; the page behind is checked on its own above, the menu here.
        await expectNoAxeViolations(page, '[role="menu"]');
      });

      test.describe("at 375 px", () => {
        test.use({ viewport: { width: 375, height: 740 } });

        test("/members has no axe violations and no sideways scrolling", async ({ page }) => {
          await page.goto("/members");
          await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
          // Below 768 px the user menu sits in the top bar, the only one shown.
          await expect(page.getByRole("button", { name: `User menu for ${USERS.owner.name}` })).toBeVisible();
          await expectNoHorizontalOverflow(page, 375);
          await expectNoAxeViolations(page);
        });

        test("/members with the Change role dialog open fits the screen", async ({ page }) => {
          await page.goto("/members");
          await page.getByRole("button", { name: `Change role of ${USERS.admin.name}` }).click();
          const dialog = page.getByRole("dialog", { name: `Change role of ${USERS.admin.name}` });
          await expect(dialog).toBeVisible();
          const box = await dialog.boundingBox();
          expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
          await expectNoHorizontalOverflow(page, 375);
          await expectNoAxeViolations(page);
        });
      });
    });
  });
}
