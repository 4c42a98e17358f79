import {
  addFreshMember,
  createWorkspaceWithOwner,
  DEMO_PASSWORD,
  expect,
  KEYS_TITLE,
  pageHeading,
  signIn,
  test,
  waitForMail,
} from "./fixtures";

const SENT = "If an account uses that email, a link to reset its password is on its way. It works once, for 15 minutes.";
const NEW_PASSWORD = "correct horse battery staple";

test("Forgot password? mails a one-time link that sets a new password and ends every session", async ({ page, browser, baseURL }) => {
  const owner = createWorkspaceWithOwner();
  // A session elsewhere, which the reset must end.
  const other = await browser.newContext({ baseURL });
  const otherPage = await other.newPage();
  await signIn(otherPage, { email: owner.email });

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(pageHeading(page, "Forgot password")).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(owner.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toHaveText(SENT);

  const mail = await waitForMail(owner.email);
  expect(mail.subject).toBe("Reset your Keysmith password");
  const link = mail.text.match(/https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]{43}/)?.[0];
  expect(link, "the mail carries a reset link").toBeDefined();

  await page.goto(link as string);
  await expect(pageHeading(page, "Reset password")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Reset password" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Reset password" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByRole("status")).toContainText("Your password was changed");

  // The other session has ended; the old password no longer works, the new one does.
  await otherPage.goto("/keys");
  await expect(otherPage).toHaveURL((url) => url.pathname === "/login");
  await other.close();
  await page.getByLabel("Email", { exact: true }).fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Incorrect email or password." })).toBeVisible();
  await signIn(page, { email: owner.email, password: NEW_PASSWORD });
  await expect(pageHeading(page, KEYS_TITLE)).toBeVisible();

  // Used once, the link now gets a clear page and changes nothing.
  await page.context().clearCookies();
  await page.goto(link as string);
  await expect(page.getByRole("alert").filter({ hasText: "This reset link cannot be used." })).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
});

test("an unknown email gets exactly the same answer, and a tampered link a clear page", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("Email", { exact: true }).fill("nobody-reset@acme.test");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toHaveText(SENT);

  await page.goto(`/reset-password/${"A".repeat(43)}`);
  await expect(page.getByRole("alert").filter({ hasText: "This reset link cannot be used." })).toBeVisible();
  await page.goto("/reset-password/not-a-token");
  await expect(page.getByRole("alert").filter({ hasText: "This reset link cannot be used." })).toBeVisible();
});

test("an Owner makes a reset link for a member on /members; an Admin gets none for an Owner", async ({ page, browser, baseURL }) => {
  const owner = createWorkspaceWithOwner();
  const member = addFreshMember(owner.workspaceId, "Support");
  const admin = addFreshMember(owner.workspaceId, "Admin");
  await signIn(page, owner);
  await page.goto("/members");
  await page.getByRole("button", { name: `Create reset link for ${member.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Reset link for ${member.name}` });
  await dialog.getByRole("button", { name: "Create reset link" }).click();
  const field = dialog.getByLabel("Reset link", { exact: true });
  await expect(field).toHaveValue(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
  await expect(dialog.getByRole("button", { name: "Copy" })).toBeVisible();
  const link = await field.inputValue();

  // The member opens it in their own browser and sets a password.
  const theirs = await browser.newContext({ baseURL });
  const theirPage = await theirs.newPage();
  await theirPage.goto(link);
  await theirPage.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await theirPage.getByRole("button", { name: "Reset password" }).click();
  await expect(theirPage).toHaveURL((url) => url.pathname === "/login");
  await signIn(theirPage, { email: member.email, password: NEW_PASSWORD });
  await expect(pageHeading(theirPage, KEYS_TITLE)).toBeVisible();
  await theirs.close();

  // An Admin sees the action for the member, not for the Owner.
  const adminContext = await browser.newContext({ baseURL });
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin);
  await adminPage.goto("/members");
  await expect(adminPage.getByRole("button", { name: `Create reset link for ${member.name}` })).toBeVisible();
  await expect(adminPage.getByRole("button", { name: `Create reset link for ${owner.name}` })).toHaveCount(0);
  await adminContext.close();
});
