// Accounts for real: first-run setup on an empty production database (a second built server without
// demo data, the setup code read from its log), an invitation accepted in another browser, the account
// page, and the Demo data banner of the shared (demo-seeded) server.
import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { type BuiltServer, freePort, startBuiltServer } from "@/lib/testing/built-server";
import { expectNoAxeViolations } from "./axe";
import {
  createWorkspaceWithOwner,
  DEMO_PASSWORD,
  expect,
  openUserMenu,
  pageHeading,
  signIn,
  test,
  USERS,
  uniqueName,
  workspaceSwitcher,
} from "./fixtures";

const DIRECTORY = ".tmp/e2e-setup";
const SETUP_CODE_LINE = /first-run setup: open \/setup and enter the setup code ([0-9A-Z-]{19})/;

async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

test.describe("a new production instance", () => {
  let server: BuiltServer;
  let log = "";

  test.beforeAll(async () => {
    fs.rmSync(DIRECTORY, { recursive: true, force: true });
    fs.mkdirSync(DIRECTORY, { recursive: true });
    const port = await freePort();
    // No SEED_DEMO_DATA: production as `npm run serve` starts it.
    server = await startBuiltServer({
      port,
      databaseFile: `${DIRECTORY}/keysmith.db`,
      env: { AUTH_URL: `http://127.0.0.1:${port}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const stream of [server.child.stdout, server.child.stderr]) {
      stream?.setEncoding("utf8").on("data", (chunk: string) => {
        log += chunk;
        fs.appendFileSync(`${DIRECTORY}/server.log`, chunk);
      });
    }
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("is set up with the code from the log, then an invited Admin joins from another browser", async ({ browser }) => {
    // One long story across three browsers, each step hashing a password on a shared two-core machine.
    test.setTimeout(120_000);
    await expect.poll(() => SETUP_CODE_LINE.test(log), { message: "the setup code is in the log" }).toBe(true);
    const code = SETUP_CODE_LINE.exec(log)?.[1] ?? "";
    expect(log).not.toMatch(/demo data seeded/);

    // Every page leads to setup; nobody exists to sign in.
    const owner = await newPage(browser, server.base);
    await owner.goto("/keys");
    await expect(owner).toHaveURL((url) => url.pathname === "/setup");
    await expect(pageHeading(owner, "Set up Keysmith")).toBeVisible();
    await expect(owner.getByRole("complementary", { name: "Demo data" })).toHaveCount(0);

    await owner.getByLabel("Setup code").fill("AAAA-AAAA-AAAA-AAAA");
    await owner.getByLabel("Your name").fill("Rita Real");
    await owner.getByLabel("Email", { exact: true }).fill("rita@real.test");
    await owner.getByLabel("Password", { exact: true }).fill("password");
    await owner.getByLabel("Workspace name").fill("Real Co");
    await owner.getByRole("button", { name: "Create account" }).click();
    await expect(owner.getByText("Use at least 12 characters.")).toBeVisible();

    await owner.getByLabel("Password", { exact: true }).fill("rita picks a long passphrase");
    await expect(owner.getByText(/^Strength: /)).toBeVisible();
    await owner.getByRole("button", { name: "Create account" }).click();
    await expect(owner.getByText(/^That setup code is not right\./)).toBeVisible();
    for (const colorScheme of ["light", "dark"] as const) {
      await owner.emulateMedia({ colorScheme });
      await expectNoAxeViolations(owner);
    }

    await owner.getByLabel("Setup code").fill(code);
    await owner.getByLabel("Password", { exact: true }).fill("rita picks a long passphrase");
    await owner.getByRole("button", { name: "Create account" }).click();
    await expect(owner).toHaveURL((url) => url.pathname === "/keys", { timeout: 30_000 });
    await expect(workspaceSwitcher(owner, "Real Co")).toBeVisible();
    const rita = { name: "Rita Real", email: "rita@real.test", role: "Owner" as const, workspace: "Real Co" as never };
    await expect((await openUserMenu(owner, rita)).getByText("Role: Owner", { exact: true })).toBeVisible();
    await owner.keyboard.press("Escape");

    // Setup works once.
    await owner.goto("/setup");
    await expect(owner).not.toHaveURL((url) => url.pathname === "/setup");

    // Invite an Admin and copy the link.
    await owner.goto("/members");
    await owner.getByRole("button", { name: "Invite member" }).click();
    const dialog = owner.getByRole("dialog", { name: "Invite member" });
    await dialog.getByLabel("Email").fill("alex@real.test");
    await dialog.getByRole("radiogroup", { name: "Role" }).getByRole("radio", { name: "Admin" }).click();
    await dialog.getByRole("button", { name: "Create invitation" }).click();
    const linkField = dialog.getByLabel("Invitation link");
    await expect(linkField).toHaveValue(new RegExp(`^${server.base}/invite/[A-Za-z0-9_-]{43}$`), { timeout: 30_000 });
    const link = await linkField.inputValue();
    await expect(dialog.getByRole("button", { name: "Copy link" })).toBeVisible();
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(owner.getByRole("table", { name: "Pending invitations to Real Co" })).toContainText("alex@real.test");
    await expect(owner.getByRole("button", { name: "Revoke invitation for alex@real.test" })).toBeVisible();
    expect(log, "the invitation token is never logged").not.toContain(link.split("/invite/")[1]);

    // The invitee, in a browser of their own.
    const invitee = await newPage(browser, server.base);
    await invitee.goto(link);
    await expect(pageHeading(invitee, "Join Real Co")).toBeVisible();
    await expect(invitee.getByText("as Admin", { exact: false })).toBeVisible();
    await invitee.getByLabel("Name", { exact: true }).fill("Alex Admin");
    await invitee.getByLabel("Password", { exact: true }).fill("alex chooses another long one");
    await invitee.getByRole("button", { name: "Accept invitation" }).click();
    await expect(invitee).toHaveURL((url) => url.pathname === "/keys", { timeout: 30_000 });
    await expect(workspaceSwitcher(invitee, "Real Co")).toBeVisible();
    const alex = { name: "Alex Admin", email: "alex@real.test", role: "Admin" as const, workspace: "Real Co" as never };
    await expect((await openUserMenu(invitee, alex)).getByText("Role: Admin", { exact: true })).toBeVisible();
    await invitee.keyboard.press("Escape");

    // The Owner sees the new member with that role; the invitation is no longer pending.
    await owner.reload();
    const row = owner.getByRole("table", { name: "Members of Real Co" }).getByRole("row").filter({ hasText: "alex@real.test" });
    await expect(row.getByRole("cell").nth(1)).toHaveText("Admin");
    await expect(owner.getByText("No pending invitations.")).toBeVisible();

    // The link works once.
    const late = await newPage(browser, server.base);
    await late.goto(link);
    await expect(pageHeading(late, "This invitation link cannot be used")).toBeVisible();
    await expect(late.getByText("This invitation was already accepted")).toBeVisible();
    await late.goto(`${link.slice(0, -2)}xx`);
    await expect(pageHeading(late, "This invitation link cannot be used")).toBeVisible();
  });
});

test.describe("the account page", () => {
  test("changing the password signs out the other browser, and the new password signs in", async ({ browser, page }) => {
    test.setTimeout(90_000);
    const owner = createWorkspaceWithOwner();
    const user = { ...owner, role: "Owner" as const, workspace: owner.workspace as never };
    await signIn(page, owner);
    const other = await browser.newPage();
    await signIn(other, owner);

    await openUserMenu(page, user).then((menu) => menu.getByRole("menuitem", { name: "Account" }).click());
    await expect(pageHeading(page, "Account")).toBeVisible();
    const history = page.getByRole("table", { name: "Sign-in history" });
    await expect(history.getByRole("row")).toHaveCount(3); // header + two sign-ins
    await expect(history).toContainText("Success");

    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill("my new long passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("That is not your current password. Nothing was changed.")).toBeVisible();

    await page.getByLabel("Current password").fill(DEMO_PASSWORD);
    await page.getByLabel("New password").fill("my new long passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed. 1 other session signed out.")).toBeVisible({ timeout: 30_000 });

    await other.goto("/keys");
    await expect(other).toHaveURL((url) => url.pathname === "/login");
    await page.goto("/keys");
    await expect(workspaceSwitcher(page, owner.workspace)).toBeVisible();

    await signIn(other, { email: owner.email, password: "my new long passphrase" });
    await expect(other).toHaveURL((url) => url.pathname === "/keys");
    await other.close();
  });

  test("Sign out everywhere ends this session too", async ({ page }) => {
    const owner = createWorkspaceWithOwner();
    await signIn(page, owner);
    const menu = await openUserMenu(page, { ...owner, role: "Owner", workspace: owner.workspace as never });
    await menu.getByRole("menuitem", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/login");
    await page.goto("/keys");
    await expect(page).toHaveURL((url) => url.pathname === "/login");
  });

  test("a new workspace is listed in the switcher at once, with its creator as Owner", async ({ page }) => {
    const owner = createWorkspaceWithOwner();
    await signIn(page, owner);
    await workspaceSwitcher(page, owner.workspace).click();
    await page.getByRole("menuitem", { name: "Create workspace" }).click();
    await expect(pageHeading(page, "Create workspace")).toBeVisible();
    const name = uniqueName("Side project");
    await page.getByLabel("Workspace name").fill(name);
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect(workspaceSwitcher(page, name)).toBeVisible();
    await workspaceSwitcher(page, name).click();
    await expect(page.getByRole("menuitemradio", { name: `${name} · Owner` })).toBeChecked();
    await expect(page.getByRole("menuitemradio", { name: `${owner.workspace} · Owner` })).toBeVisible();
  });
});

test.describe("demo mode", () => {
  test("every page shows the Demo data banner", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("complementary", { name: "Demo data" })).toContainText("Demo data");
    await signIn(page, USERS.owner);
    await expect(page.getByRole("complementary", { name: "Demo data" })).toBeVisible();
  });
});
