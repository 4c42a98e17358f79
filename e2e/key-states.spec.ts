// What a key's page and the list say about its state, as an Owner of a new workspace would meet it:

// rotated keys, keys in their grace period, revoked keys, access in the form's words, and a changed
// expiry. Every key is set up through the UI or inserted as a plain key (e2e/fixtures.ts).
import type { Locator, Page } from "@playwright/test";
import { PRESETS, toScopes } from "../lib/scopes/scopes";
import { defaultCatalog } from "../lib/testing/catalogs";
import { expectNoAxeViolations } from "./axe";
import { createWorkspaceWithOwner, expect, insertApiKeys, pageHeading, signIn, test, uniqueName } from "./fixtures";

const catalog = defaultCatalog();

const DAY = 24 * 60 * 60 * 1000;

function keysTable(page: Page): Locator {
  return page.getByRole("table", { name: /^API keys/ });
}

function header(page: Page): Locator {
  return page.getByRole("main").locator("header");
}

/** Rotates the key whose page is open, with the grace period chosen, and goes to the new key's page. */
async function rotate(page: Page, name: string, grace: "Immediately" | "1 hour"): Promise<string> {
  const oldUrl = page.url();
  await page.getByRole("button", { name: "Rotate" }).click();
  const dialog = page.getByRole("dialog", { name: `Rotate ${name}` });
  await dialog.getByRole("radiogroup", { name: "Old key keeps working" }).getByRole("radio", { name: grace, exact: true }).click();
  await dialog.getByRole("button", { name: "Rotate key" }).click();
  const reveal = page.getByRole("dialog", { name: "Save your new secret key" });
  const secret = await reveal.getByLabel("Secret key", { exact: true }).inputValue();
  await reveal.getByRole("button", { name: "I've saved it" }).click();
  await page.waitForURL((url) => url.href !== oldUrl && /^\/keys\/[^/]+$/.test(url.pathname));
  await expect(pageHeading(page, name)).toBeVisible();
  return `${secret.slice(0, 8)}…${secret.slice(-4)}`;
}

test.describe("key states, as the Owner of a new workspace", () => {
  test("a key rotated Immediately is Rotated, links its replacement and offers only Delete", async ({ page }) => {
    const owner = createWorkspaceWithOwner();
    const name = uniqueName("Shop sync");
    const [old] = insertApiKeys(owner.workspaceId, [{ name, usable: true, expiresAt: new Date(Date.now() + 60 * DAY) }]);
    await signIn(page, owner);
    await page.goto(`/keys/${old!.id}`);
    const replacement = await rotate(page, name, "Immediately");
    const replacementUrl = page.url();

    await page.goto(`/keys/${old!.id}`);
    await expect(header(page).getByText("Rotated", { exact: true })).toBeVisible();
    await expect(header(page)).toContainText(/Ended .* UTC · Replaced by/);
    await expect(header(page).getByRole("link", { name: replacement })).toHaveAttribute("href", new URL(replacementUrl).pathname);
    for (const label of ["Revoke", "Rotate", "Change expiry"])
      await expect(header(page).getByRole("button", { name: label })).toHaveCount(0);
    await expect(header(page).getByRole("link", { name: "Edit" })).toHaveCount(0);
    await expect(header(page).getByRole("button", { name: "Delete" })).toBeVisible();
    await expect(page.getByText("Expired", { exact: true })).toHaveCount(0);
    await expectNoAxeViolations(page);

    // The list shows the chain together: the replacement, then the old key under it.
    await page.goto("/keys");
    const rows = keysTable(page).getByRole("row").filter({ hasText: name });
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText(replacement);
    await expect(rows.nth(0)).toContainText("Active");
    await expect(rows.nth(1)).toContainText(old!.masked);
    await expect(rows.nth(1)).toContainText("Old key, replaced by the key above");
    await expect(rows.nth(1)).toContainText("Rotated");

    // The Rotated status finds it, and only it.
    await page.goto("/keys?status=rotated");
    await expect(keysTable(page).getByRole("link")).toHaveText([name]);
    await expect(keysTable(page)).toContainText(old!.masked);
  });

  test("a key in its grace period counts the time it has left, and is listed under its replacement as ending", async ({ page }) => {
    const owner = createWorkspaceWithOwner();
    const name = uniqueName("Warehouse feed");
    const [old] = insertApiKeys(owner.workspaceId, [{ name, usable: true }]);
    await signIn(page, owner);
    await page.goto(`/keys/${old!.id}`);
    await rotate(page, name, "1 hour");

    await page.goto(`/keys/${old!.id}`);
    await expect(header(page).getByText("In grace", { exact: true })).toBeVisible();
    await expect(header(page)).toContainText(/Ends in 5\d minutes · Replaced by/);
    await expect(header(page).getByRole("button", { name: "Revoke" })).toBeVisible();
    await expect(header(page).getByRole("button", { name: "Change expiry" })).toHaveCount(0);

    await page.goto("/keys");
    const rows = keysTable(page).getByRole("row").filter({ hasText: name });
    await expect(rows.nth(1)).toContainText(old!.masked);
    await expect(rows.nth(1)).toContainText("In grace");
    await expect(rows.nth(1)).toContainText(/Ends in 5\d minutes/);

    // A Grant link to the old key's form passes its scope on to the replacement's, where it can be granted.
    await page.goto(`/keys/${old!.id}/edit?grant=profiles:write`);
    await expect(pageHeading(page, `${name} cannot be edited`)).toBeVisible();
    await page.getByRole("link", { name: "Edit the replacement" }).click();
    await expect(page).toHaveURL((url) => url.pathname !== `/keys/${old!.id}/edit` && url.searchParams.get("grant") === "profiles:write");
    await expect(page.getByText("Requested: grant profiles:write")).toBeVisible();
  });

  test("a revoked key says when it was revoked, never when it would have expired", async ({ page }) => {
    const owner = createWorkspaceWithOwner();
    const name = uniqueName("Old report");
    const [key] = insertApiKeys(owner.workspaceId, [
      { name, expiresAt: new Date(Date.now() + 60 * DAY), revoked: { reason: "Leaked in a log" } },
    ]);
    await signIn(page, owner);
    await page.goto(`/keys/${key!.id}`);
    await expect(header(page).getByText("Revoked", { exact: true })).toBeVisible();
    await expect(header(page)).toContainText(/Revoked .* UTC/);
    await expect(page.getByRole("main")).not.toContainText("Expires");
    await expect(page.getByRole("main")).not.toContainText("in 2 months");
    await page.goto("/keys");
    const row = keysTable(page).getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("Revoked");
    await expect(row).not.toContainText("Expires");
  });

  test("access reads in the words of the presets, and the key page folds what a key cannot reach", async ({ page }) => {
    const owner = createWorkspaceWithOwner();
    const [full, readOnly, custom] = insertApiKeys(owner.workspaceId, [
      { name: uniqueName("Full key"), scopes: toScopes(catalog, PRESETS["full-access"](catalog)) },
      { name: uniqueName("Reader key"), scopes: toScopes(catalog, PRESETS["read-only"](catalog)) },
      { name: uniqueName("Custom key"), scopes: ["lists:write", "profiles:read"] },
    ]);
    await signIn(page, owner);
    await page.goto("/keys");
    const rowOf = (masked: string) => keysTable(page).getByRole("row").filter({ hasText: masked });
    await expect(rowOf(full!.masked)).toContainText("Full access");
    await expect(rowOf(readOnly!.masked)).toContainText("Read-only");
    await expect(rowOf(custom!.masked)).toContainText("Custom: 2 resources");
    await expect(keysTable(page)).not.toContainText(/\d+ full access/);

    await page.goto(`/keys/${custom!.id}`);
    await expect(page).toHaveTitle(`${custom!.name} · Keysmith`);
    const granted = page.getByRole("table", { name: "Resources this key can access" });
    await expect(granted.getByRole("rowheader")).toHaveText([/^Lists/, /^Profiles/]);
    await expect(granted.getByRole("row").filter({ hasText: /^Lists/ })).toContainText("Full access");
    const folded = page.getByText("22 resources with no access");
    await expect(folded).toBeVisible();
    const webhooks = page
      .getByRole("main")
      .getByRole("listitem")
      .filter({ hasText: /^Webhooks$/ });
    await expect(webhooks).toBeHidden();
    await folded.click();
    await expect(webhooks).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("the expiry is changed from the key page with the keyboard, and recorded in its timeline", async ({ page }) => {
    const owner = createWorkspaceWithOwner();
    const name = uniqueName("Partner key");
    const [key] = insertApiKeys(owner.workspaceId, [{ name, expiresAt: new Date(Date.now() + 60 * DAY) }]);
    const newDate = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
    const shown = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${newDate}T12:00:00Z`));
    await signIn(page, owner);
    await page.goto(`/keys/${key!.id}`);

    const trigger = page.getByRole("button", { name: "Change expiry" });
    await trigger.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `Change the expiry of ${name}` });
    await expect(dialog).toBeVisible();
    const field = dialog.getByLabel("New expiry date");
    await expect(field).toHaveAttribute("max", new Date(Date.now() + 365 * DAY).toISOString().slice(0, 10));
    await expectNoAxeViolations(page, '[role="dialog"]');
    await field.fill(newDate);
    await dialog.getByRole("button", { name: "Save expiry" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByText(`${name} now expires on ${shown}.`)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(header(page)).toContainText(`Expires on ${shown}, 23:59 UTC`);
    const entry = page.getByRole("region", { name: "Timeline", exact: true }).getByRole("listitem").filter({ hasText: "Expiry changed" });
    await expect(entry).toContainText(`-> ${shown}, 23:59 UTC, by ${owner.email}`);
    await expect(entry.getByRole("link", { name: "Expiry changed (in the audit log)" })).toBeVisible();
  });
});
