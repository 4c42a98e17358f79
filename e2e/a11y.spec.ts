import type { Page } from "@playwright/test";
import { expectNoAxeViolations, expectNoHorizontalOverflow } from "./axe";
import {
  addFreshMember,
  createWorkspaceWithOwner,
  DASHBOARD_PAGES,
  expect,
  insertApiKeys,
  type KeySeed,
  pageHeading,
  type SeededKey,
  signIn,
  test,
  USERS,
  uniqueName,
} from "./fixtures";

/** A key of Acme written straight into the database, with a run-unique name. */
function acmeKey(seed: Partial<KeySeed> = {}): SeededKey {
  const [key] = insertApiKeys("Acme", [{ name: uniqueName("Axe key"), scopes: ["accounts:read", "profiles:write"], ...seed }]);
  return key!;
}

/** Invites a run-unique Support person to Acme on /members; resolves with the link, the dialog still open. */
async function inviteThroughMembersPage(page: Page): Promise<string> {
  await page.goto("/members");
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite member" });
  await dialog.getByLabel("Email").fill(`${uniqueName("axe").replace(/\s/g, "-").toLowerCase()}@example.test`);
  await dialog.getByRole("radiogroup", { name: "Role" }).getByRole("radio", { name: "Support" }).click();
  await expectNoAxeViolations(page, '[role="dialog"]');
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  const link = dialog.getByLabel("Invitation link");
  await expect(link).toHaveValue(/\/invite\//);
  return link.inputValue();
}

/** Fills the create form enough to pass validation and submits it; resolves on the reveal screen. */
async function createKeyThroughForm(page: Page): Promise<void> {
  await page.getByLabel("Name", { exact: true }).fill(uniqueName("Axe created"));
  await page.getByRole("radiogroup", { name: "Access", exact: true }).getByRole("radio", { name: "Read-only" }).click();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Save your secret key" })).toBeVisible();
  await expect(page.getByLabel("Secret key", { exact: true })).toHaveValue(/^ksk_/);
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

    test("/forgot-password and an unusable reset link have no axe violations", async ({ page }) => {
      await page.goto("/forgot-password");
      await expect(page.getByRole("heading", { level: 1, name: "Forgot password" })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.goto(`/reset-password/${"A".repeat(43)}`);
      await expect(page.getByRole("heading", { level: 1, name: "Reset password" })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test("/account/security, while setting up the authenticator app, has no axe violations", async ({ page }) => {
      await signIn(page, createWorkspaceWithOwner());
      await page.goto("/account/security");
      await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "Set up authenticator app" }).click();
      await expect(page.getByRole("img", { name: "QR code to add Keysmith to your authenticator app" })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test("/keys with no keys yet has no axe violations", async ({ page }) => {
      await signIn(page, createWorkspaceWithOwner());
      await page.goto("/keys");
      await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();
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

      test("the open reset link dialog, with its link, has no axe violations", async ({ page }) => {
        const owner = createWorkspaceWithOwner();
        const member = addFreshMember(owner.workspaceId, "Support");
        await page.context().clearCookies();
        await signIn(page, owner);
        await page.goto("/members");
        await page.getByRole("button", { name: `Create reset link for ${member.name}` }).click();
        const dialog = page.getByRole("dialog", { name: `Reset link for ${member.name}` });
        await dialog.getByRole("button", { name: "Create reset link" }).click();
        await expect(dialog.getByLabel("Reset link", { exact: true })).toHaveValue(/\/reset-password\//);
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

      test("/keys with keys has no axe violations", async ({ page }) => {
        acmeKey();
        acmeKey({ revoked: {} });
        await page.goto("/keys");
        await expect(page.getByRole("table", { name: "API keys" })).toBeVisible();
        await expectNoAxeViolations(page);
      });

      test("/keys/new has no axe violations: clean, with errors and revealing the secret", async ({ page }) => {
        await page.goto("/keys/new");
        await expect(pageHeading(page, "Create API key")).toBeVisible();
        await page.getByRole("button", { name: "Show endpoints for Profiles" }).click();
        await expect(page.getByText("needs profiles:read").first()).toBeVisible();
        await expectNoAxeViolations(page);

        await page.getByRole("radiogroup", { name: "Expiration" }).getByRole("radio", { name: "Custom date" }).click();
        await page.getByRole("button", { name: "Create key" }).click();
        await expect(page.getByText("Enter a name.")).toBeVisible();
        await expect(page.getByText("Enter an expiry date.")).toBeVisible();
        await expect(page.getByText("Choose at least one resource the key may access.")).toBeVisible();
        await expectNoAxeViolations(page);

        await page.getByRole("radiogroup", { name: "Expiration" }).getByRole("radio", { name: "30 days" }).click();
        await createKeyThroughForm(page);
        await expectNoAxeViolations(page);
      });

      test("/keys/<id> of an active key and its open Rotate and Revoke dialogs have no axe violations", async ({ page }) => {
        const key = acmeKey({ description: "Checked by axe" });
        await page.goto(`/keys/${key.id}`);
        await expect(pageHeading(page, key.name)).toBeVisible();
        await expectNoAxeViolations(page);

        await page.getByRole("button", { name: "Rotate" }).click();
        const rotate = page.getByRole("dialog", { name: `Rotate ${key.name}` });
        await expect(rotate.getByRole("radio", { name: "24 hours", exact: true })).toBeFocused();
        await expectNoAxeViolations(page);
        await page.keyboard.press("Escape");
        await expect(rotate).toBeHidden();

        // The page behind a dialog was checked above (and once with a dialog open); from here on only the
        // dialogs, which keeps this test's time reasonable on a page with a 24-row matrix.
        await page.getByRole("button", { name: "Revoke" }).click();
        await expect(page.getByRole("alertdialog", { name: `Revoke ${key.name}?` })).toBeVisible();
        await expectNoAxeViolations(page, '[role="alertdialog"]');
        await page.keyboard.press("Escape");
        await expect(page.getByRole("alertdialog")).toBeHidden();

        await page.getByRole("button", { name: "Rotate" }).click();
        await rotate.getByRole("button", { name: "Rotate key" }).click();
        await expect(page.getByRole("dialog", { name: "Save your new secret key" }).getByLabel("Secret key")).toHaveValue(/^ksk_/);
        await expectNoAxeViolations(page, '[role="dialog"]');
      });

      test("/keys/<id> of a revoked key has no axe violations", async ({ page }) => {
        const key = acmeKey({ revoked: { reason: "Rotated out" } });
        await page.goto(`/keys/${key.id}`);
        await expect(page.getByText("Reason: Rotated out")).toBeVisible();
        await expectNoAxeViolations(page);
      });

      test("/keys/<id>/edit has no axe violations, also with a Grant link's scope highlighted or its unknown scope said", async ({
        page,
      }) => {
        const key = acmeKey();
        await page.goto(`/keys/${key.id}/edit`);
        await expect(pageHeading(page, `Edit ${key.name}`)).toBeVisible();
        await expectNoAxeViolations(page);
        await page.goto(`/keys/${key.id}/edit?grant=profiles:write`);
        await expect(page.getByText("Requested: grant profiles:write")).toBeVisible();
        await expectNoAxeViolations(page);
        await page.goto(`/keys/${key.id}/edit?grant=wallets:write`);
        await expect(page.getByText(/^The link asked to grant “wallets:write”/)).toBeVisible();
        await expectNoAxeViolations(page);
      });

      test("/account and /workspaces/new have no axe violations", async ({ page }) => {
        await page.goto("/account");
        await expect(pageHeading(page, "Account")).toBeVisible();
        await page.getByLabel("New password").fill("a rather long passphrase");
        await expect(page.getByText(/^Strength: /)).toBeVisible();
        await expectNoAxeViolations(page);
        await page.goto("/workspaces/new");
        await expect(pageHeading(page, "Create workspace")).toBeVisible();
        await expectNoAxeViolations(page);
      });

      test("/members with an invitation made, and the invitation page, have no axe violations", async ({ page, browser }) => {
        const link = await inviteThroughMembersPage(page);
        await expectNoAxeViolations(page, '[role="dialog"]');
        await page.keyboard.press("Escape");
        await expect(page.getByRole("heading", { name: "Pending invitations" })).toBeVisible();
        await expectNoAxeViolations(page);

        const invitee = await browser.newPage({ colorScheme });
        await invitee.goto(link);
        await expect(pageHeading(invitee, "Join Acme")).toBeVisible();
        await expectNoAxeViolations(invitee);
        await invitee.goto(`${link.slice(0, -2)}xx`);
        await expect(pageHeading(invitee, "This invitation link cannot be used")).toBeVisible();
        await expectNoAxeViolations(invitee);
        await invitee.close();
      });

      test.describe("at 375 px", () => {
        test.use({ viewport: { width: 375, height: 740 } });

        test("/account, and /members with the invitation dialog open, fit the screen", async ({ page }) => {
          await page.goto("/account");
          await expect(pageHeading(page, "Account")).toBeVisible();
          await expectNoHorizontalOverflow(page, 375);
          await expectNoAxeViolations(page);
          await inviteThroughMembersPage(page);
          await expectNoHorizontalOverflow(page, 375);
          await expectNoAxeViolations(page, '[role="dialog"]');
        });

        test("/members has no axe violations and no sideways scrolling", async ({ page }) => {
          await page.goto("/members");
          await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
          // Below 768 px the user menu sits in the top bar, the only one shown.
          await expect(page.getByRole("button", { name: `User menu for ${USERS.owner.name}` })).toBeVisible();
          await expectNoHorizontalOverflow(page, 375);
          await expectNoAxeViolations(page);
        });

        test("/keys has no axe violations and no sideways scrolling", async ({ page }) => {
          acmeKey();
          await page.goto("/keys");
          await expect(page.getByRole("table", { name: "API keys" })).toBeVisible();
          await expectNoHorizontalOverflow(page, 375);
          await expectNoAxeViolations(page);
        });

        test("/keys/new and its reveal screen have no axe violations and no sideways scrolling", async ({ page }) => {
          await page.goto("/keys/new");
          await expect(pageHeading(page, "Create API key")).toBeVisible();
          await page.getByRole("button", { name: "Show endpoints for Profiles" }).click();
          await expect(page.getByText("needs profiles:read").first()).toBeVisible();
          await expectNoHorizontalOverflow(page, 375);
          await expectNoAxeViolations(page);
          await createKeyThroughForm(page);
          await expectNoHorizontalOverflow(page, 375);
          await expectNoAxeViolations(page);
        });

        test("/keys/<id> has no axe violations and no sideways scrolling", async ({ page }) => {
          const key = acmeKey({ name: uniqueName("A rather long key name for the billing service in production") });
          await page.goto(`/keys/${key.id}`);
          await expect(pageHeading(page, key.name)).toBeVisible();
          // The key page shows granted access only; the rest is folded: open it, so axe sees it too.
          await page.getByText(/resources with no access$/).click();
          await expect(
            page
              .getByRole("main")
              .getByRole("listitem")
              .filter({ hasText: /^Webhooks$/ }),
          ).toBeVisible();
          await expectNoHorizontalOverflow(page, 375);
          await expectNoAxeViolations(page);
        });

        test("/usage with requests has no axe violations and no sideways scrolling", async ({ page, request }) => {
          const key = acmeKey({ usable: true, scopes: ["lists:read", "profiles:write"] });
          const headers = { authorization: `Bearer ${key.secret}` };
          expect((await request.get("/api/v1/lists", { headers })).status()).toBe(200);
          expect((await request.get("/api/v1/campaigns", { headers })).status()).toBe(403);
          await page.goto("/usage");
          const byKey = page.getByRole("table", { name: "By key" });
          await expect(byKey.getByRole("row", { name: new RegExp(`^${key.name}`) })).toBeVisible({ timeout: 20_000 });
          await page.getByText("Show the numbers").click();
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
