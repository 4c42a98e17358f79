import { Secret, TOTP } from "otpauth";
import {
  createWorkspaceWithOwner,
  DEMO_PASSWORD,
  expect,
  type FreshOwner,
  KEYS_TITLE,
  openUserMenu,
  pageHeading,
  signOut,
  test,
  withDatabase,
} from "./fixtures";

// Each test uses a new workspace and Owner (fixtures.ts), so the demo users never get a second factor.

function codeAt(secret: string, timestamp: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp });
}

async function passwordStep(page: import("@playwright/test").Page, owner: FreshOwner) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signInWithoutSecondFactor(page: import("@playwright/test").Page, owner: FreshOwner) {
  await passwordStep(page, owner);
  await expect(pageHeading(page, KEYS_TITLE)).toBeVisible();
}

async function openSecurityPage(page: import("@playwright/test").Page, owner: FreshOwner) {
  const user = { ...owner, role: "Owner" as const, workspace: "Acme" as const };
  const menu = await openUserMenu(page, user);
  await menu.getByRole("menuitem", { name: "Security" }).click();
  await expect(pageHeading(page, "Security")).toBeVisible();
}

function asUser(owner: FreshOwner) {
  return { ...owner, role: "Owner" as const, workspace: "Acme" as const };
}

test("TOTP: enrol with a QR code, sign in with a code, a recovery code works once, a wrong code is refused", async ({ page }) => {
  const owner = createWorkspaceWithOwner();
  await signInWithoutSecondFactor(page, owner);
  await openSecurityPage(page, owner);

  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code to add Keysmith to your authenticator app" })).toBeVisible();
  await page.getByText("Can't scan it? Enter the key by hand").click();
  const secret = (await page.locator("details", { hasText: "Enter the key by hand" }).locator("code").first().textContent())?.trim() ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByText(`otpauth://totp/Keysmith:${encodeURIComponent(owner.email)}`)).toBeVisible();

  const enrolledAt = Date.now();
  await page.getByLabel("Authentication code", { exact: true }).fill(codeAt(secret, enrolledAt));
  await page.getByRole("button", { name: "Verify" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recoveryCode = (await codes.first().textContent())?.trim() ?? "";
  await page.getByRole("button", { name: "I've saved them" }).click();
  await expect(page.getByRole("region", { name: "Authenticator app" }).getByText("On", { exact: true })).toBeVisible();
  await signOut(page, asUser(owner));

  // The password alone no longer signs in: the second step asks for a code.
  await passwordStep(page, owner);
  const codeField = page.getByLabel("Authentication code", { exact: true });
  await expect(codeField).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await codeField.fill(codeAt(secret, enrolledAt) === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText(/That code is not right/)).toBeVisible();
  // The code of the enrolment's time step was used already; the next step's code is accepted.
  await codeField.fill(codeAt(secret, enrolledAt + 30_000));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(pageHeading(page, KEYS_TITLE)).toBeVisible();
  await signOut(page, asUser(owner));

  // A recovery code instead of the app, once.
  for (const expected of ["signed in", "refused"] as const) {
    await passwordStep(page, owner);
    await page.getByRole("button", { name: "Use a recovery code" }).click();
    await page.getByLabel("Recovery code", { exact: true }).fill(recoveryCode);
    await page.getByRole("button", { name: "Verify" }).click();
    if (expected === "signed in") {
      await expect(pageHeading(page, KEYS_TITLE)).toBeVisible();
      await signOut(page, asUser(owner));
    } else {
      await expect(page.getByText("That recovery code is not right, or it was used already.")).toBeVisible();
    }
  }
});

test("a passkey through Chromium's virtual authenticator: add it, then sign in with it", async ({ page, context }) => {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });

  const owner = createWorkspaceWithOwner();
  await signInWithoutSecondFactor(page, owner);
  await openSecurityPage(page, owner);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a passkey" });
  await dialog.getByLabel("Passkey name", { exact: true }).fill("Virtual key");
  await dialog.getByRole("button", { name: "Add passkey" }).click();
  // The first second factor comes with recovery codes.
  await expect(dialog.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await dialog.getByRole("button", { name: "I've saved them" }).click();
  await expect(page.getByRole("list", { name: "Your passkeys" })).toContainText("Virtual key");
  await signOut(page, asUser(owner));

  // Offered: the passkey and a recovery code; no authenticator app, which this account does not have.
  await passwordStep(page, owner);
  await expect(page.getByRole("button", { name: "Use a passkey" })).toBeVisible();
  await expect(page.getByLabel("Recovery code", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Authentication code", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Use the authenticator app" })).toHaveCount(0);

  // With every recovery code used, the passkey is all there is to offer.
  withDatabase((db) =>
    db.prepare(`UPDATE "RecoveryCode" SET usedAt = createdAt WHERE userId = (SELECT id FROM "User" WHERE email = ?)`).run(owner.email),
  );
  await passwordStep(page, owner);
  await expect(page.getByRole("button", { name: "Use a passkey" })).toBeVisible();
  await expect(page.getByLabel("Recovery code", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Verify" })).toHaveCount(0);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(pageHeading(page, KEYS_TITLE)).toBeVisible();
  await openSecurityPage(page, owner);
  await expect(page.getByRole("list", { name: "Your passkeys" })).not.toContainText("not used yet");
});

test("Require two-factor for Owners and Admins: an Owner without it is led to set it up before anything else", async ({ page }) => {
  const owner = createWorkspaceWithOwner();
  await signInWithoutSecondFactor(page, owner);
  await page.goto("/settings");
  const rule = page.getByRole("switch", { name: "Require two-factor for Owners and Admins" });
  await expect(rule).toHaveAttribute("aria-checked", "false");
  await rule.click();
  // At once: the Owner has no second factor, so the settings page itself sends them to set one up.
  await expect(page).toHaveURL((url) => url.pathname === "/account/security");

  for (const path of ["/keys", "/members", "/settings"]) {
    await page.goto(path);
    await expect(page).toHaveURL((url) => url.pathname === "/account/security");
    await expect(page.getByRole("alert").filter({ hasText: "requires two-factor authentication for Owners and Admins" })).toBeVisible();
  }

  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await page.getByText("Can't scan it? Enter the key by hand").click();
  const secret = (await page.locator("details", { hasText: "Enter the key by hand" }).locator("code").first().textContent())?.trim() ?? "";
  await page.getByLabel("Authentication code", { exact: true }).fill(codeAt(secret, Date.now()));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.getByRole("button", { name: "I've saved them" }).click();
  await page.goto("/keys");
  await expect(pageHeading(page, KEYS_TITLE)).toBeVisible();
});
