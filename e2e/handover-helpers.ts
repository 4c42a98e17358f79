// Steps the handover specs share, kept out of the spec so the request -> approve -> handover path can
// reuse them: creating a key as a fresh Owner, making its handover link, opening a link elsewhere.
import type { Browser, Page } from "@playwright/test";
import { createWorkspaceWithOwner, expect, type FreshOwner, pageHeading, signIn, uniqueName, withDatabase } from "./fixtures";

/** Signs a fresh Owner in and creates a read-only key; the page is left on the reveal panel. */
export async function createKeyAsFreshOwner(page: Page): Promise<{ owner: FreshOwner; name: string; secret: string }> {
  const owner = createWorkspaceWithOwner();
  await signIn(page, owner);
  await page.goto("/keys/new");
  const name = uniqueName("Handed over");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("radiogroup", { name: "Access", exact: true }).getByRole("radio", { name: "Read-only" }).click();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(pageHeading(page, "Save your secret key")).toBeVisible();
  const secret = await page.getByLabel("Secret key", { exact: true }).inputValue();
  return { owner, name, secret };
}

/** On a reveal panel: "Create handover link", and the link it shows. */
export async function createHandoverLink(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Create handover link" }).click();
  const link = page.getByLabel("Handover link", { exact: true });
  await expect(link).toHaveValue(/\/handover#[A-Za-z0-9_-]{43}$/);
  return link.inputValue();
}

/** Opens the link in a browser context of its own (nobody signed in), as the person it was sent to. */
export async function openElsewhere(browser: Browser, link: string, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const context = await browser.newContext({ colorScheme });
  const page = await context.newPage();
  await page.goto(link);
  await expect(pageHeading(page, "Key handover")).toBeVisible();
  return page;
}

/** Moves the end of the workspace's handover links back to their creation, so each has expired (24 hours are not waited out). */
export function expireHandoverLinks(workspaceId: string): void {
  // createdAt is already in the column format the database uses, and in the past.
  withDatabase((db) => db.prepare(`UPDATE "KeyHandover" SET "expiresAt" = "createdAt" WHERE "workspaceId" = ?`).run(workspaceId));
}
