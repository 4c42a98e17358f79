// Accounts for real: first-run setup on an empty production database (a second built server without
// demo data, the setup code read from its log), the code kept across a restart and replaced by
// `npm run setup:code`, an invitation accepted in another browser, the account page, and the Demo data
// banner of the shared (demo-seeded) server.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "@playwright/test";
import Database from "better-sqlite3";
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

/** A production server without demo data on that folder's database, its log collected there too. */
async function startLoggedServer(directory: string): Promise<{ server: BuiltServer; log: () => string }> {
  const port = await freePort();
  let log = "";
  // No SEED_DEMO_DATA: production as `npm run serve` starts it.
  const server = await startBuiltServer({
    port,
    databaseFile: `${directory}/keysmith.db`,
    env: { AUTH_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [server.child.stdout, server.child.stderr]) {
    stream?.setEncoding("utf8").on("data", (chunk: string) => {
      log += chunk;
      fs.appendFileSync(`${directory}/server.log`, chunk);
    });
  }
  return { server, log: () => log };
}

function freshDirectory(directory: string) {
  fs.rmSync(directory, { recursive: true, force: true });
  fs.mkdirSync(directory, { recursive: true });
}

test.describe("a new production instance", () => {
  let server: BuiltServer;
  let serverLog: () => string;

  test.beforeAll(async () => {
    freshDirectory(DIRECTORY);
    ({ server, log: serverLog } = await startLoggedServer(DIRECTORY));
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("is set up with the code from the log, then an invited Admin joins from another browser", async ({ browser }) => {
    // One long story across three browsers, each step hashing a password on a shared two-core machine.
    test.setTimeout(120_000);
    await expect.poll(() => SETUP_CODE_LINE.test(serverLog()), { message: "the setup code is in the log" }).toBe(true);
    const code = SETUP_CODE_LINE.exec(serverLog())?.[1] ?? "";
    expect(serverLog()).not.toMatch(/demo data seeded/);

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
    expect(serverLog(), "the invitation token is never logged").not.toContain(link.split("/invite/")[1]);

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

test.describe("the setup code of a new instance", () => {
  const directory = ".tmp/e2e-setup-code";
  let server: BuiltServer | undefined;

  test.afterAll(async () => {
    await server?.stop();
  });

  test("survives a restart, burns after the last wrong code, and npm run setup:code gives a new one", async ({ browser }) => {
    test.setTimeout(120_000);
    freshDirectory(directory);
    const first = await startLoggedServer(directory);
    server = first.server;
    await expect.poll(() => SETUP_CODE_LINE.test(first.log()), { message: "the first start prints a code" }).toBe(true);
    const code = SETUP_CODE_LINE.exec(first.log())?.[1] ?? "";
    await first.server.stop();

    // Another process on the same database keeps that code and says so, printing none of its own.
    const second = await startLoggedServer(directory);
    server = second.server;
    await expect
      .poll(() => second.log(), { message: "the restart names the earlier code" })
      .toMatch(/first-run setup: a setup code was issued at /);
    expect(second.log()).not.toMatch(SETUP_CODE_LINE);

    // One wrong code short of the limit (the count itself is unit-tested), then the last wrong one.
    const database = new Database(path.resolve(`${directory}/keysmith.db`));
    database.prepare(`UPDATE "SetupCode" SET "failedAttempts" = 9`).run();
    database.close();
    const owner = await newPage(browser, second.server.base);
    await owner.goto("/setup");
    await owner.getByLabel("Setup code").fill("AAAA-AAAA-AAAA-AAAA");
    await owner.getByLabel("Your name").fill("Cora Code");
    await owner.getByLabel("Email", { exact: true }).fill("cora@code.test");
    await owner.getByLabel("Password", { exact: true }).fill("cora picks a long passphrase");
    await owner.getByLabel("Workspace name").fill("Code Co");
    await owner.getByRole("button", { name: "Create account" }).click();
    await expect(owner.getByText(/^Too many wrong setup codes \(10\): this code no longer works\./)).toBeVisible();
    // The right code too, now.
    await owner.getByLabel("Setup code").fill(code);
    await owner.getByLabel("Password", { exact: true }).fill("cora picks a long passphrase");
    await owner.getByRole("button", { name: "Create account" }).click();
    await expect(owner.getByText(/^Too many wrong setup codes/)).toBeVisible();
    await expect(owner.getByText(/^That setup code is not right/)).toHaveCount(0);

    // The command's new code works on the running server at once.
    const { stdout } = await promisify(execFile)(process.execPath, ["dist/setup-code.mjs"], {
      env: { ...process.env, DATABASE_URL: `file:${path.resolve(`${directory}/keysmith.db`)}` },
    });
    const fresh = SETUP_CODE_LINE.exec(stdout)?.[1] ?? "";
    expect(fresh).not.toBe(code);
    await owner.getByLabel("Setup code").fill(fresh);
    await owner.getByLabel("Password", { exact: true }).fill("cora picks a long passphrase");
    await owner.getByRole("button", { name: "Create account" }).click();
    await expect(owner).toHaveURL((url) => url.pathname === "/keys", { timeout: 30_000 });
    await expect(workspaceSwitcher(owner, "Code Co")).toBeVisible();
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
