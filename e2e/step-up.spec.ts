import type { Locator, Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
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

function totpCode(secret: string, timestamp: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp });
}

/** Sets up the authenticator app on the Security page; returns its secret and when it was enrolled. */
async function enrolAuthenticator(page: Page): Promise<{ secret: string; enrolledAt: number }> {
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await page.getByText("Can't scan it? Enter the key by hand").click();
  const secret = (await page.locator("details", { hasText: "Enter the key by hand" }).locator("code").first().textContent())?.trim() ?? "";
  const enrolledAt = Date.now();
  await page.getByLabel("Authentication code", { exact: true }).fill(totpCode(secret, enrolledAt));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.getByRole("button", { name: "I've saved them" }).click();
  await expect(page.getByRole("region", { name: "Authenticator app" }).getByText("On", { exact: true })).toBeVisible();
  return { secret, enrolledAt };
}

/**
 * Whether anything of `behind` still shows at its corners above whatever is stacked over it. Radix turns
 * off pointer events on a dialog behind another, and hit-testing skips such elements, so they are turned
 * back on for the measurement: the answer is then about painting order alone.
 */
async function cornersShowing(behind: Locator): Promise<number> {
  return behind.evaluate((element) => {
    const dialog = element as HTMLElement;
    const saved = dialog.style.pointerEvents;
    dialog.style.pointerEvents = "auto";
    const box = dialog.getBoundingClientRect();
    const corners = [
      [box.left + 4, box.top + 4],
      [box.right - 4, box.top + 4],
      [box.left + 4, box.bottom - 4],
      [box.right - 4, box.bottom - 4],
    ];
    const showing = corners.filter(([x, y]) => dialog.contains(document.elementFromPoint(x as number, y as number))).length;
    dialog.style.pointerEvents = saved;
    return showing;
  });
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
    await expect(confirm.getByLabel("Password", { exact: true })).toBeFocused();
    await expectNoAxeViolations(page, '[role="dialog"]');
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirmDialog(page)).toHaveCount(0);
    await expect(rotate.getByRole("alert")).toHaveText("Confirm it's you to do this.");
    await expect(rotate.getByRole("button", { name: "Rotate key" })).toBeFocused();
    expect(countKeys(owner.workspace, name)).toBe(1);
  });

  test("over Revoke, 'Confirm it's you' dims and locks the dialog behind; Escape closes only the top one", async ({ page }) => {
    const owner = await signInUnconfirmed(page);
    const name = uniqueName("Partner feed");
    const [key] = insertApiKeys(owner.workspace, [{ name }]);
    await page.goto(`/keys/${key?.id}`);

    await page.getByRole("button", { name: "Revoke" }).click();
    const revoke = page.getByRole("alertdialog", { name: `Revoke ${name}?` });
    await expect(revoke).toBeVisible();
    // Found by its markup rather than its role: while covered, it is hidden from assistive technology.
    const behind = page.locator('[role="alertdialog"]').filter({ hasText: `Revoke ${name}?` });
    expect(await cornersShowing(behind)).toBe(4);
    await revoke.getByRole("button", { name: "Revoke key" }).click();

    const confirm = confirmDialog(page);
    await expect(confirm).toBeVisible();
    await expect(confirm.getByLabel("Password", { exact: true })).toBeFocused();
    // Behind the top dialog's overlay everywhere, out of the accessibility tree, and not clickable.
    await expect(behind).toBeVisible();
    expect(await cornersShowing(behind)).toBe(0);
    await expect(revoke).toHaveCount(0);
    await expect(behind).toHaveCSS("pointer-events", "none");
    // Focus stays in the top dialog, however far one tabs.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      await expect(confirm.locator(":focus")).toHaveCount(1);
    }

    await page.keyboard.press("Escape");
    await expect(confirm).toHaveCount(0);
    await expect(revoke).toBeVisible();
    await expect(revoke.getByRole("alert")).toHaveText("Confirm it's you to do this.");
    expect(await cornersShowing(behind)).toBe(4);
    await page.keyboard.press("Escape");
    await expect(revoke).toHaveCount(0);
    expect(countKeys(owner.workspace, name)).toBe(1);
  });

  test("without two-factor only the password is offered; with the app, a code is, and it confirms", async ({ page }) => {
    const owner = createWorkspaceWithOwner();
    await signIn(page, owner);
    const name = uniqueName("Fraud scoring");
    const [key] = insertApiKeys(owner.workspace, [{ name }]);
    const codeOption = (confirm: Locator) => confirm.getByRole("button", { name: /^Use an? (authenticator|recovery)/ });

    ageConfirmations(owner.email, TWO_DAYS_AGO());
    await page.goto(`/keys/${key?.id}`);
    await page.getByRole("button", { name: "Rotate" }).click();
    await page
      .getByRole("dialog", { name: `Rotate ${name}` })
      .getByRole("button", { name: "Rotate key" })
      .click();
    const confirm = confirmDialog(page);
    await expect(confirm.getByLabel("Password", { exact: true })).toBeFocused();
    await expect(confirm).toHaveAccessibleDescription(/Enter your password to go on\./);
    await expect(codeOption(confirm)).toHaveCount(0);
    await expect(confirm.getByLabel("Code", { exact: true })).toHaveCount(0);
    await page.keyboard.press("Escape");

    const { secret, enrolledAt } = await enrolAuthenticator(page);
    ageConfirmations(owner.email, TWO_DAYS_AGO());
    await page.goto(`/keys/${key?.id}`);
    await page.getByRole("button", { name: "Rotate" }).click();
    await page
      .getByRole("dialog", { name: `Rotate ${name}` })
      .getByRole("button", { name: "Rotate key" })
      .click();
    await expect(confirm).toHaveAccessibleDescription(/Enter your password or a code to go on\./);
    await confirm.getByRole("button", { name: "Use an authenticator or recovery code" }).click();
    await expect(confirm.getByLabel("Code", { exact: true })).toBeFocused();
    await expect(confirm.getByLabel("Password", { exact: true })).toHaveCount(0);
    await expectNoAxeViolations(page, '[role="dialog"]');
    // The enrolment used its time step's code; the next step's is accepted.
    await confirm.getByLabel("Code", { exact: true }).fill(totpCode(secret, enrolledAt + 30_000));
    await confirm.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByRole("dialog", { name: "Save your new secret key" })).toBeVisible();
    expect(countKeys(owner.workspace, name)).toBe(2);
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
