// Onboarding integrations: the integration templates on "Create API key" and prefilled /keys/new links
// (the default catalog's templates, lib/scopes/prefill.ts). A template or a link only fills the form in; the
// key is created when an Owner or Admin submits it, and Support gets no form at all.
import type { Locator, Page } from "@playwright/test";
import { expectNoAxeViolations, expectNoHorizontalOverflow } from "./axe";
import { countKeys, expect, pageHeading, signIn, test, USERS, uniqueName, withDatabase } from "./fixtures";

function resource(page: Page, label: string): Locator {
  return page.getByRole("radiogroup", { name: label, exact: true });
}

async function expectAccess(page: Page, access: Record<string, "No access" | "Read" | "Full access">) {
  for (const [label, level] of Object.entries(access)) {
    await expect(resource(page, label).getByRole("radio", { name: level }), `${label}: ${level}`).toBeChecked();
  }
}

function templates(page: Page): Locator {
  return page.getByRole("radiogroup", { name: "Start from a template", exact: true });
}

function expiration(page: Page, label: string): Locator {
  return page.getByRole("radiogroup", { name: "Expiration" }).getByRole("radio", { name: label, exact: true });
}

function notice(page: Page): Locator {
  return page.getByRole("region", { name: "Requested through a link" });
}

/** The scopes stored for the Acme key of this name. */
function storedScopes(name: string): string[] {
  return withDatabase((db) => {
    const row = db.prepare(`SELECT scopes FROM "ApiKey" WHERE name = ?`).get(name) as { scopes: string } | undefined;
    if (!row) throw new Error(`no key named ${name}`);
    return JSON.parse(row.scopes) as string[];
  });
}

async function createKey(page: Page) {
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(pageHeading(page, "Save your secret key")).toBeVisible();
}

test.describe("as the Owner of Acme", () => {
  test.use({ signedInAs: "owner", permissions: ["clipboard-read", "clipboard-write"] });

  test("a template fills name, description, access and expiry; the matrix stays editable and creating gives what is shown", async ({
    page,
  }) => {
    await page.goto("/keys/new");
    await expect(pageHeading(page, "Create API key")).toBeVisible();
    await expect(notice(page)).toHaveCount(0);
    await expect(templates(page).getByRole("radio")).toHaveText([
      /^Analytics export/,
      /^E-commerce sync/,
      /^Support desk/,
      /^Data warehouse/,
    ]);

    await templates(page).getByRole("radio", { name: "Analytics export" }).click();
    await expect(templates(page).getByRole("radio", { name: "Analytics export" })).toBeChecked();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Analytics export");
    await expect(page.getByLabel("Description")).toHaveValue(/^Reads metrics, events, profiles and campaigns/);
    await expect(expiration(page, "90 days")).toBeChecked();
    await expectAccess(page, { Metrics: "Read", Events: "Read", Profiles: "Read", Campaigns: "Read", Lists: "No access" });

    // Still the person's form: the matrix and the details change as usual.
    const name = uniqueName("Looker export");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await resource(page, "Lists").getByRole("radio", { name: "Full access" }).click();
    await resource(page, "Campaigns").getByRole("radio", { name: "No access" }).click();
    await expectAccess(page, { Lists: "Full access", Campaigns: "No access" });
    await expiration(page, "30 days").click();

    // Another template replaces what a template filled in, never what was typed.
    await templates(page).getByRole("radio", { name: "Data warehouse" }).click();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
    await expect(page.getByLabel("Description")).toHaveValue(/^Copies audience, messaging and commerce data/);
    await expect(expiration(page, "30 days")).toBeChecked();
    await expectAccess(page, { Lists: "Read", Segments: "Read", Campaigns: "Read", Webhooks: "No access" });
    await resource(page, "Webhooks").getByRole("radio", { name: "Read" }).click();

    expect(countKeys("Acme", name), "choosing a template creates nothing").toBe(0);
    await createKey(page);
    expect(storedScopes(name).sort()).toEqual(
      [
        "webhooks:read",
        "profiles:read",
        "lists:read",
        "segments:read",
        "subscriptions:read",
        "campaigns:read",
        "flows:read",
        "catalogs:read",
        "events:read",
        "metrics:read",
      ].sort(),
    );
  });

  test("a template does not replace a name or description already typed", async ({ page }) => {
    await page.goto("/keys/new");
    await page.getByLabel("Name", { exact: true }).fill("Zendesk (prod)");
    await page.getByLabel("Description").fill("Held by the support team");
    await templates(page).getByRole("radio", { name: "Support desk" }).click();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Zendesk (prod)");
    await expect(page.getByLabel("Description")).toHaveValue("Held by the support team");
    await expect(expiration(page, "60 days")).toBeChecked();
    await expectAccess(page, { Conversations: "Full access", Subscriptions: "Full access", Profiles: "Read" });
  });

  test("arrow keys move through the templates without applying them; Enter applies one", async ({ page }) => {
    await page.goto("/keys/new");
    const analytics = templates(page).getByRole("radio", { name: "Analytics export" });
    await analytics.focus();
    await page.keyboard.press("ArrowRight");
    await expect(templates(page).getByRole("radio", { name: "E-commerce sync" })).toBeFocused();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expect(templates(page).getByRole("radio", { name: "Data warehouse" })).toBeFocused();
    await expect(templates(page).getByRole("radio", { checked: true })).toHaveCount(0);
    await expect(page.getByText("Choose at least one resource above.")).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(templates(page).getByRole("radio", { name: "Data warehouse" })).toBeChecked();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Data warehouse");
    await expectAccess(page, { Events: "Read" });
  });

  test("a prefilled link fills the form for review, lists an unknown scope as ignored and creates only on submit", async ({ page }) => {
    const name = uniqueName("Partner import");
    await page.goto(
      `/keys/new?name=${encodeURIComponent(name)}&scopes=foo:bar,lists:write&expires_in_days=30&description=${encodeURIComponent("Sent by the partner")}`,
    );
    await expect(pageHeading(page, "Create API key")).toBeVisible();
    await expect(notice(page)).toBeVisible();
    await expect(notice(page)).toContainText("nothing is created until you choose “Create key”");
    await expect(notice(page).getByRole("list", { name: "Ignored scopes" }).getByRole("listitem")).toHaveText(["foo:bar"]);
    await expect(notice(page).getByRole("list", { name: "Lowered scopes" })).toHaveCount(0);
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
    await expect(page.getByLabel("Description")).toHaveValue("Sent by the partner");
    await expect(expiration(page, "30 days")).toBeChecked();
    await expectAccess(page, { Lists: "Full access", Profiles: "No access" });
    expect(countKeys("Acme", name), "opening the link creates nothing").toBe(0);

    await createKey(page);
    expect(countKeys("Acme", name)).toBe(1);
    expect(storedScopes(name)).toEqual(["lists:write"]);
  });

  test("a scope above what the resource offers is shown as lowered", async ({ page }) => {
    await page.goto("/keys/new?name=Account%20reader&scopes=accounts:write,data-privacy:read&expires_in_days=never");
    await expect(notice(page).getByRole("list", { name: "Lowered scopes" }).getByRole("listitem")).toHaveText([
      "accounts:write became accounts:read: Accounts is read-only.",
    ]);
    await expect(notice(page).getByRole("list", { name: "Ignored scopes" }).getByRole("listitem")).toHaveText(["data-privacy:read"]);
    await expectAccess(page, { Accounts: "Read", "Data privacy": "No access" });
    await expect(expiration(page, "Never")).toBeChecked();
  });

  test("script-bearing and oversized values are shown as text, cut to the field limits; a bad expiry is reported and ignored", async ({
    page,
  }) => {
    page.on("dialog", (dialog) => {
      throw new Error(`a dialog opened: ${dialog.message()}`);
    });
    const script = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    const longName = `${script}${"x".repeat(200)}`;
    await page.goto(
      `/keys/new?name=${encodeURIComponent(longName)}&scopes=${encodeURIComponent("<b>x</b>")},profiles:read&expires_in_days=400&description=${"d".repeat(900)}`,
    );
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(longName.slice(0, 64));
    await expect(page.getByLabel("Description")).toHaveValue("d".repeat(500));
    await expect(notice(page).getByRole("list", { name: "Ignored scopes" }).getByRole("listitem")).toHaveText(["<b>x</b>"]);
    const others = notice(page).getByRole("list", { name: "Other changes" }).getByRole("listitem");
    await expect(others).toHaveText([
      "The name was shortened to 64 characters.",
      "The description was shortened to 500 characters.",
      /^The expiry “400” was ignored: expires_in_days takes a whole number of days from 1 to 365, or never\./,
    ]);
    // The form's default, as without the parameter.
    await expect(expiration(page, "90 days")).toBeChecked();
    await expect(page.locator("img[src=x]")).toHaveCount(0);
    await expectAccess(page, { Profiles: "Read" });
  });

  test("“Copy link” copies a link that reopens the same form", async ({ page }) => {
    await page.goto("/keys/new");
    await templates(page).getByRole("radio", { name: "E-commerce sync" }).click();
    const name = uniqueName("Shopify & co, #1");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await resource(page, "Reviews").getByRole("radio", { name: "Read" }).click();
    await resource(page, "Accounts").getByRole("radio", { name: "Read" }).click();
    await expiration(page, "Custom date").click();
    const date = new Date(Date.now() + 45 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    await page.getByLabel("Expiry date").fill(date);
    const description = await page.getByLabel("Description").inputValue();
    const summary = await page.getByText(/^The key gets /).textContent();

    await page.getByRole("button", { name: /^Copy link/ }).click();
    await expect(page.getByRole("button", { name: /^Copied/ })).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(link).pathname).toBe("/keys/new");
    expect(link).toContain("scopes=accounts:read,");
    expect(link).toContain("expires_in_days=45");

    await page.goto(link);
    await expect(notice(page)).toBeVisible();
    await expect(notice(page).getByRole("list")).toHaveCount(0);
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
    await expect(page.getByLabel("Description")).toHaveValue(description);
    await expect(expiration(page, "Custom date")).toBeChecked();
    await expect(page.getByLabel("Expiry date")).toHaveValue(date);
    await expect(page.getByText(/^The key gets /)).toHaveText(summary!);
    await expectAccess(page, { Accounts: "Read", Reviews: "Read", Catalogs: "Full access", Events: "Full access", Lists: "No access" });
  });

  test("/keys/new with a link's notice and a template chosen has no axe violations", async ({ page }) => {
    await page.goto("/keys/new?name=Audit&scopes=foo:bar,accounts:write,lists:write&expires_in_days=0");
    await expect(notice(page)).toBeVisible();
    await expectNoAxeViolations(page);
    await templates(page).getByRole("radio", { name: "Support desk" }).click();
    await expect(templates(page).getByRole("radio", { name: "Support desk" })).toBeChecked();
    await expectNoAxeViolations(page);
  });

  test("on a phone the notice and the templates fit the width", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`/keys/new?name=Phone&scopes=${"unknown-resource-with-a-long-name".repeat(3)}:read,accounts:write`);
    await expect(notice(page)).toBeVisible();
    await expect(templates(page)).toBeVisible();
    await expectNoHorizontalOverflow(page, 375);
  });
});

test.describe("signed out", () => {
  test("a prefilled link survives signing in", async ({ page }) => {
    await page.goto("/keys/new?name=After%20sign-in&scopes=foo:bar,lists:write");
    await page.waitForURL((url) => url.pathname === "/login");
    await signIn(page, USERS.admin);
    await expect(pageHeading(page, "Create API key")).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("After sign-in");
    await expect(notice(page).getByRole("list", { name: "Ignored scopes" }).getByRole("listitem")).toHaveText(["foo:bar"]);
    await expectAccess(page, { Lists: "Full access" });
  });
});

test.describe("as an Admin of Acme", () => {
  test.use({ signedInAs: "admin" });

  test("a prefilled link opens the form for review too", async ({ page }) => {
    await page.goto("/keys/new?name=Admin%20review&scopes=profiles:read");
    await expect(notice(page)).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Admin review");
    await expectAccess(page, { Profiles: "Read" });
  });
});

test.describe("as Support of Acme", () => {
  test.use({ signedInAs: "support" });

  test("a prefilled link gets no create form", async ({ page }) => {
    await page.goto("/keys/new?name=Sneaky&scopes=lists:write&expires_in_days=never");
    await expect(pageHeading(page, "You don't have access to creating API keys")).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveCount(0);
    await expect(notice(page)).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Copy link/ })).toHaveCount(0);
    expect(countKeys("Acme", "Sneaky")).toBe(0);
  });
});
