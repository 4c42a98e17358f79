// The one-time secret cannot be lost by a stray click: leaving the reveal screen by a link asks first,
// until the secret was copied or "I've saved it" pressed.
import type { Page } from "@playwright/test";
import { createWorkspaceWithOwner, expect, pageHeading, signIn, test, uniqueName } from "./fixtures";

async function createKey(page: Page) {
  const owner = createWorkspaceWithOwner();
  await signIn(page, owner);
  await page.goto("/keys/new");
  await page.getByLabel("Name", { exact: true }).fill(uniqueName("Guarded"));
  await page.getByRole("radiogroup", { name: "Access", exact: true }).getByRole("radio", { name: "Read-only" }).click();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(pageHeading(page, "Save your secret key")).toBeVisible();
}

const LEAVE = "Leave without saving the key?";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("a link asks before leaving an unsaved secret", async ({ page }) => {
  await createKey(page);
  const nav = page.getByRole("navigation").first();

  await nav.getByRole("link", { name: "Usage" }).click();
  const ask = page.getByRole("alertdialog", { name: LEAVE });
  await expect(ask).toBeVisible();
  await ask.getByRole("button", { name: "Stay and copy the key" }).click();
  await expect(ask).toBeHidden();
  await expect(pageHeading(page, "Save your secret key")).toBeVisible();
  await expect(page.getByLabel("Secret key", { exact: true })).not.toHaveValue("");

  await nav.getByRole("link", { name: "Usage" }).click();
  await ask.getByRole("button", { name: "Leave without saving" }).click();
  await expect(page).toHaveURL(/\/usage$/);
});

test("once the secret is copied, links leave without asking", async ({ page }) => {
  await createKey(page);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
  await page.getByRole("navigation").first().getByRole("link", { name: "Usage" }).click();
  await expect(page).toHaveURL(/\/usage$/);
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
});
