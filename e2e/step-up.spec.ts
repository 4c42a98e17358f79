import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import {
  addFreshMember,
  ageConfirmations,
  countKeys,
  createWorkspaceWithOwner,
  DEMO_PASSWORD,
  expect,
  type FreshOwner,
  insertApiKeys,
  pageHeading,
  signIn,
  test,
  uniqueName,
} from "./fixtures";

// The e2e server allows a day between confirmations (playwright.config.ts); two days ago is past it.
const TWO_DAYS_AGO = () => new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);

function confirmDialog(page: Page) {
  return page.getByRole("dialog", { name: "Confirm it's you" });
}

function resource(page: Page, label: string) {
  return page.getByRole("radiogroup", { name: label, exact: true });
}

async function signInUnconfirmed(page: Page): Promise<FreshOwner> {
  const owner = createWorkspaceWithOwner();
  await signIn(page, owner);
  ageConfirmations(owner.email, TWO_DAYS_AGO());
  return owner;
}

test.describe("Step-up confirmation", () => {
  test("rotating asks for the password: a wrong one changes nothing, the right one rotates", async ({ page }) => {
    const owner = await signInUnconfirmed(page);
    const name = uniqueName("Warehouse sync");
    const [key] = insertApiKeys(owner.workspace, [{ name }]);
    await page.goto(`/keys/${key?.id}`);
    await expect(pageHeading(page, name)).toBeVisible();

    await page.getByRole("button", { name: "Rotate" }).click();
    await page
      .getByRole("dialog", { name: `Rotate ${name}` })
      .getByRole("button", { name: "Rotate key" })
      .click();
    const confirm = confirmDialog(page);
    await expect(confirm).toBeVisible();
    await expect(confirm.getByLabel("Password", { exact: true })).toBeFocused();

    await confirm.getByLabel("Password", { exact: true }).fill("not-the-password");
    await confirm.getByRole("button", { name: "Confirm" }).click();
    await expect(confirm.getByRole("alert")).toHaveText("That password is not right. Nothing was changed.");
    expect(countKeys(owner.workspace, name)).toBe(1);

    await confirm.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await confirm.getByRole("button", { name: "Confirm" }).click();
    await expect(confirm).toHaveCount(0);
    await expect(page.getByRole("dialog", { name: "Save your new secret key" })).toBeVisible();
    expect(countKeys(owner.workspace, name)).toBe(2);
    await expect(page.getByText("step_up_required")).toHaveCount(0);
  });

  test("closing the confirmation leaves the key as it was and says why", async ({ page }) => {
    const owner = await signInUnconfirmed(page);
    const name = uniqueName("Billing export");
    const [key] = insertApiKeys(owner.workspace, [{ name }]);
    await page.goto(`/keys/${key?.id}`);

    await page.getByRole("button", { name: "Rotate" }).click();
    const rotate = page.getByRole("dialog", { name: `Rotate ${name}` });
    await rotate.getByRole("button", { name: "Rotate key" }).click();
    const confirm = confirmDialog(page);
    await confirm.getByRole("button", { name: "Use an authenticator or recovery code" }).click();
    await expect(confirm.getByLabel("Code", { exact: true })).toBeFocused();
    await expect(confirm.getByLabel("Password", { exact: true })).toHaveCount(0);
    await expectNoAxeViolations(page, '[role="dialog"]');
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirmDialog(page)).toHaveCount(0);
    await expect(rotate.getByRole("alert")).toHaveText("Confirm it's you to do this.");
    await expect(rotate.getByRole("button", { name: "Rotate key" })).toBeFocused();
    expect(countKeys(owner.workspace, name)).toBe(1);
  });

  test("a new key with Full access asks; once confirmed it is created", async ({ page }) => {
    const owner = await signInUnconfirmed(page);
    const name = uniqueName("Ads audience push");
    await page.goto("/keys/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await resource(page, "Profiles").getByRole("radio", { name: "Full access" }).click();
    await page.getByRole("button", { name: "Create key" }).click();

    const confirm = confirmDialog(page);
    await expect(confirm).toBeVisible();
    expect(countKeys(owner.workspace, name)).toBe(0);
    await confirm.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await confirm.getByRole("button", { name: "Confirm" }).click();
    await expect(pageHeading(page, "Save your secret key")).toBeVisible();
    expect(countKeys(owner.workspace, name)).toBe(1);
  });

  test("editing a key to Full access asks; a Read grant does not", async ({ page }) => {
    const owner = await signInUnconfirmed(page);
    const name = uniqueName("Support lookup");
    const [key] = insertApiKeys(owner.workspace, [{ name, scopes: ["profiles:read"] }]);

    // Read on another resource is no new Full access: saved without a question.
    await page.goto(`/keys/${key?.id}/edit`);
    await resource(page, "Segments").getByRole("radio", { name: "Read", exact: true }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved. They apply from the key's next request.")).toBeVisible();
    await page.waitForURL(`/keys/${key?.id}`);
    await expect(confirmDialog(page)).toHaveCount(0);

    // Full access on Profiles is: closing the dialog saves nothing.
    await page.goto(`/keys/${key?.id}/edit`);
    await resource(page, "Profiles").getByRole("radio", { name: "Full access" }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(confirmDialog(page)).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(confirmDialog(page)).toHaveCount(0);
    await expect(page.getByRole("alert").filter({ hasText: "Confirm it's you to do this." })).toBeVisible();
    await expect(page).toHaveURL(`/keys/${key?.id}/edit`);

    // Asked again on the next try, and saved once confirmed.
    await page.getByRole("button", { name: "Save changes" }).click();
    await confirmDialog(page).getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await confirmDialog(page).getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByText("Changes saved. They apply from the key's next request.")).toBeVisible();
    await page.waitForURL(`/keys/${key?.id}`);
    await expect(
      page
        .getByRole("table", { name: "Resources this key can access" })
        .getByRole("row")
        .filter({ has: page.getByRole("rowheader", { name: /^Profiles/ }) }),
    ).toContainText("Full access");
  });

  test("changing a member's role asks, and is saved once confirmed", async ({ page }) => {
    const owner = await signInUnconfirmed(page);
    const member = addFreshMember(owner.workspaceId, "Admin");
    await page.goto("/members");
    await page.getByRole("button", { name: `Change role of ${member.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Change role of ${member.name}` });
    await dialog.getByRole("radiogroup", { name: "Role" }).getByRole("radio", { name: "Support" }).click();
    await dialog.getByRole("button", { name: "Save role" }).click();

    const confirm = confirmDialog(page);
    await confirm.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await confirm.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByText(`${member.name} is now Support.`)).toBeVisible();
  });
});
