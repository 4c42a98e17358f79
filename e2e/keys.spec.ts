import type { Locator, Page } from "@playwright/test";
import {
  countKeys,
  createWorkspaceWithOwner,
  DASHBOARD_PAGES,
  databaseFiles,
  expect,
  insertApiKeys,
  pageHeading,
  serverLog,
  signIn,
  test,
  uniqueName,
} from "./fixtures";

const SECRET_PATTERN = /^ksk_[0-9A-Za-z]{36}$/;
const STATUS_LABELS = /^(Active|Expiring soon|In grace|Rotated|Expired|Revoked)$/;
/** The dashboard's not-found page for a key: the same for a missing, a deleted and another workspace's key. */
const KEY_NOT_FOUND = "Key not found";

// ---------------------------------------------------------------------------------------------
// Locators and small steps shared by the tests

function keysTable(page: Page): Locator {
  return page.getByRole("table", { name: /^API keys/ });
}

/** The list's row of one key, found by its masked form (names repeat after a rotation). */
function keyRow(page: Page, text: string): Locator {
  return keysTable(page).getByRole("row").filter({ hasText: text });
}

/** The status badge next to the key's name on its page. */
function detailStatus(page: Page): Locator {
  return page.getByRole("main").locator("header").getByText(STATUS_LABELS);
}

/** One resource's row of the scope matrix: a radio group named by the resource's label. */
function resource(page: Page | Locator, label: string): Locator {
  return page.getByRole("radiogroup", { name: label, exact: true });
}

/** One row of the key page's granted access (resources with no access are folded away). */
function grantedAccess(page: Page, label: string): Locator {
  return page
    .getByRole("table", { name: "Resources this key can access" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${label}`) }) });
}

/** An entry of the key's timeline by its title, which links to the event on /audit. */
function timelineEntry(page: Page, title: string): Locator {
  return page
    .getByRole("region", { name: "Timeline", exact: true })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: `${title} (in the audit log)`, exact: true }) });
}

/** The masked form shown for a secret: its first 8 and last 4 characters. */
function masked(secret: string): string {
  return `${secret.slice(0, 8)}…${secret.slice(-4)}`;
}

function keyIdFrom(page: Page): string {
  const match = /^\/keys\/([^/]+)$/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not on a key's page: ${page.url()}`);
  return match[1];
}

async function waitForKeyPage(page: Page, name: string, notId?: string): Promise<string> {
  await page.waitForURL((url) => /^\/keys\/[^/]+$/.test(url.pathname) && url.pathname !== "/keys/new" && url.pathname !== `/keys/${notId}`);
  await expect(pageHeading(page, name)).toBeVisible();
  return keyIdFrom(page);
}

/** The secret on the reveal screen (create page or rotate dialog), checked for its format. */
async function revealedSecret(scope: Page | Locator): Promise<string> {
  const field = scope.getByLabel("Secret key", { exact: true });
  await expect(field).toHaveValue(SECRET_PATTERN);
  await expect(field).not.toBeEditable();
  return field.inputValue();
}

/** Radix checks a radio on arrow keys only if the key is still down once focus has moved (see members.spec.ts). */
async function pressArrow(page: Page, key: "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight", next: Locator) {
  await page.keyboard.down(key);
  await expect(next).toBeFocused();
  await page.keyboard.up(key);
  await expect(next).toBeChecked();
}

/** Presses Tab until `target` has focus; fails if it is not reached within `max` presses. */
async function tabTo(page: Page, target: Locator, { max = 40 } = {}) {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

/** The server action POST (a request with a `next-action` header) that the next step sends. */
/**
 * The next server action's response, read in the route before the browser gets it: once the page
 * refreshes after the action, the browser no longer holds the body.
 */
async function captureNextServerAction(page: Page): Promise<{ captured: Promise<{ body: string; headers: Record<string, string> }> }> {
  let resolve: (value: { body: string; headers: Record<string, string> }) => void = () => undefined;
  const captured = new Promise<{ body: string; headers: Record<string, string> }>((r) => {
    resolve = r;
  });
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !(await request.headerValue("next-action"))) return route.fallback();
    const response = await route.fetch();
    const body = await response.text();
    await route.fulfill({ response, body });
    await page.unroute("**/*");
    resolve({ body, headers: response.headers() });
  });
  return { captured };
}

/**
 * Sets the filters, which apply at once (no button), and waits for the list they load: the URL names
 * every filter that is not its default.
 */
async function filterKeys(page: Page, { q, status, sort }: { q?: string; status?: string; sort?: string }) {
  const search = page.getByLabel("Search by name");
  const statusSelect = page.getByLabel("Status", { exact: true });
  const sortSelect = page.getByLabel("Sort by");
  if (q !== undefined) await search.fill(q);
  if (status !== undefined) await statusSelect.selectOption({ label: status });
  if (sort !== undefined) await sortSelect.selectOption({ label: sort });
  const expected = { q: (await search.inputValue()).trim(), status: await statusSelect.inputValue(), sort: await sortSelect.inputValue() };
  await page.waitForURL(
    (url) =>
      (url.searchParams.get("q") ?? "") === expected.q &&
      (url.searchParams.get("status") ?? "all") === expected.status &&
      (url.searchParams.get("sort") ?? "newest") === expected.sort,
  );
}

/** The key names the list shows, top to bottom (retried until they match). */
function listedNames(page: Page): Locator {
  return keysTable(page).getByRole("link");
}

/** Neither the HTML the server sends for `path` nor its RSC payload (client navigation) holds a secret. */
async function expectSecretsNotServedAt(page: Page, path: string, secrets: string[]) {
  const [html, rsc] = await Promise.all([page.request.get(path), page.request.get(path, { headers: { RSC: "1" } })]);
  expect(html.status(), path).toBe(200);
  const [htmlText, rscText] = await Promise.all([html.text(), rsc.text()]);
  for (const secret of secrets) {
    expect(htmlText, `the HTML of ${path}`).not.toContain(secret);
    expect(rscText, `the RSC payload of ${path}`).not.toContain(secret);
  }
}

// ---------------------------------------------------------------------------------------------

test.describe("the Owner of a new workspace", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("creates, copies, edits, rotates and revokes a key with the mouse", async ({ page }) => {
    const owner = createWorkspaceWithOwner();
    await signIn(page, owner);
    const name = uniqueName("Shopify sync");

    // Empty state -> the form.
    await page.goto("/keys");
    await expect(pageHeading(page, "API keys")).toBeVisible();
    await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();
    await expect(keysTable(page)).toHaveCount(0);
    await page.getByRole("link", { name: "Create API key" }).click();
    await expect(pageHeading(page, "Create API key")).toBeVisible();

    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Description", { exact: true }).fill("Syncs orders from the Shopify store");
    const presets = page.getByRole("radiogroup", { name: "Access", exact: true });
    await presets.getByRole("radio", { name: "Read-only" }).click();
    await expect(presets.getByRole("radio", { name: "Read-only" })).toBeChecked();
    await expect(resource(page, "Profiles").getByRole("radio", { name: "Read", exact: true })).toBeChecked();
    await expect(page.getByText("Grants: Read-only")).toBeVisible();
    // Changing one row makes the grant custom.
    await resource(page, "Profiles").getByRole("radio", { name: "Full access" }).click();
    await expect(resource(page, "Profiles").getByRole("radio", { name: "Full access" })).toBeChecked();
    await expect(presets.getByRole("radio", { name: "Custom" })).toBeChecked();
    await expect(page.getByText("Grants: Custom: 23 resources")).toBeVisible();
    await page.getByRole("button", { name: "Create key" }).click();

    // The reveal: the secret, copied to the clipboard.
    await expect(pageHeading(page, "Save your secret key")).toBeVisible();
    const secret = await revealedSecret(page);
    await page.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(page.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
    await expect(page.getByText("Secret key copied")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expect(page.getByText(`curl -H "Authorization: Bearer ${secret}"`)).toBeVisible();
    await page.getByRole("button", { name: "I've saved it" }).click();

    // The key's page shows the access chosen.
    const keyId = await waitForKeyPage(page, name);
    await expect(detailStatus(page)).toHaveText("Active");
    await expect(page.getByRole("main").getByText(masked(secret), { exact: true })).toBeVisible();
    await expect(page.getByText("Custom: 23 resources", { exact: true })).toBeVisible();
    await expect(grantedAccess(page, "Profiles")).toContainText("Full access");
    await expect(grantedAccess(page, "Segments")).toContainText("Read");
    await expect(grantedAccess(page, "Data privacy")).toHaveCount(0);
    await expect(page.getByText("1 resource with no access")).toBeVisible();
    await expect(page.getByText("Syncs orders from the Shopify store")).toBeVisible();
    await expect(timelineEntry(page, "Created")).toContainText(owner.email);
    await expect(timelineEntry(page, "Created")).toContainText("with Custom: 23 resources");
    // One account of what happened to the key: its timeline, no separate history.
    await expect(page.getByRole("heading", { name: "History" })).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    // The list shows it masked.
    await page.getByRole("link", { name: "All keys" }).click();
    await expect(pageHeading(page, "API keys")).toBeVisible();
    const row = keyRow(page, masked(secret));
    await expect(row.getByRole("link", { name })).toHaveAttribute("href", `/keys/${keyId}`);
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Custom: 23 resources");
    await expect(row).toContainText(`by ${owner.email}`);
    await expect(row).toContainText("Never used");

    // Narrow one resource: Segments to No access.
    await row.getByRole("link", { name }).click();
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(pageHeading(page, `Edit ${name}`)).toBeVisible();
    await expect(page.getByRole("radiogroup", { name: "Expiration" })).toHaveCount(0);
    await resource(page, "Segments").getByRole("radio", { name: "No access" }).click();
    await expect(page.getByText("Grants: Custom: 22 resources")).toBeVisible();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved. They apply from the key's next request.")).toBeVisible();
    await page.waitForURL(`/keys/${keyId}`);
    await expect(grantedAccess(page, "Segments")).toHaveCount(0);
    await expect(page.getByText("Custom: 22 resources", { exact: true })).toBeVisible();
    await expect(timelineEntry(page, "Changed access")).toBeVisible();

    // Rotate with a 1 hour grace: a new secret, a new key of the same name.
    await page.getByRole("button", { name: "Rotate" }).click();
    const rotate = page.getByRole("dialog", { name: `Rotate ${name}` });
    await expect(rotate).toBeVisible();
    const graces = rotate.getByRole("radiogroup", { name: "Old key keeps working" });
    await expect(graces.getByRole("radio", { name: "24 hours", exact: true })).toBeChecked();
    await graces.getByRole("radio", { name: "1 hour", exact: true }).click();
    await expect(graces.getByRole("radio", { name: "1 hour", exact: true })).toBeChecked();
    await rotate.getByRole("button", { name: "Rotate key" }).click();
    const reveal = page.getByRole("dialog", { name: "Save your new secret key" });
    await expect(reveal).toBeVisible();
    const newSecret = await revealedSecret(reveal);
    expect(newSecret).not.toBe(secret);
    await reveal.getByRole("button", { name: "I've saved it" }).click();
    const newKeyId = await waitForKeyPage(page, name, keyId);
    expect(newKeyId).not.toBe(keyId);
    await expect(detailStatus(page)).toHaveText("Active");
    await expect(page.getByRole("main").getByText(masked(newSecret), { exact: true }).first()).toBeVisible();
    await expect(grantedAccess(page, "Profiles")).toContainText("Full access"); // access carried over

    // Linked both ways; the old key is rotating and cannot be rotated again.
    await page.getByRole("link", { name: masked(secret) }).click();
    await page.waitForURL(`/keys/${keyId}`);
    await expect(detailStatus(page)).toHaveText("In grace");
    await expect(page.getByText("Works until")).toBeVisible();
    await expect(page.getByRole("link", { name: masked(newSecret) })).toHaveAttribute("href", `/keys/${newKeyId}`);
    await expect(timelineEntry(page, "Rotated")).toContainText("grace 1 hour: the old secret keeps working until");
    await expect(page.getByRole("button", { name: "Rotate" })).toHaveCount(0);

    // Revoke the old key with a reason.
    await page.getByRole("button", { name: "Revoke" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Revoke ${name}?` });
    await expect(confirm).toContainText("stops working immediately");
    await confirm.getByLabel("Reason (optional)").fill("Replaced after the Shopify app update");
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await expect(page.getByText(`${name} was revoked.`)).toBeVisible();
    await expect(confirm).toBeHidden();
    await expect(detailStatus(page)).toHaveText("Revoked");
    await expect(page.getByText("Reason: Replaced after the Shopify app update")).toBeVisible();
    await expect(timelineEntry(page, "Revoked")).toContainText(`by ${owner.email}: Replaced after the Shopify app update`);
    await expect(timelineEntry(page, "Changed access")).toContainText("Segments Read -> No access");
    await expect(page.getByRole("button", { name: "Revoke" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
    // Each change opens in full in the audit log: that event alone.
    await timelineEntry(page, "Revoked").getByRole("link").click();
    await expect(pageHeading(page, "Audit log")).toBeVisible();
    const auditEvents = page.getByRole("main").getByRole("listitem");
    await expect(auditEvents).toHaveCount(1);
    await expect(auditEvents.first()).toContainText(`Revoked key '${name}': Replaced after the Shopify app update`);

    // Only the old key is under the Revoked filter.
    await page.goto("/keys");
    await filterKeys(page, { status: "Revoked" });
    await expect(keysTable(page)).toHaveAccessibleName("API keys matching the filters");
    await expect(keyRow(page, masked(secret))).toContainText("Revoked");
    await expect(keysTable(page).getByRole("row")).toHaveCount(2); // header + the old key
    await filterKeys(page, { status: "Active" });
    await expect(keyRow(page, masked(newSecret))).toContainText("Active");
    await expect(keyRow(page, masked(secret))).toHaveCount(0);
  });
});

test.describe("as the Owner of Acme", () => {
  test.use({ signedInAs: "owner" });

  test("creates, rotates and revokes a key with the keyboard only", async ({ page }) => {
    const name = uniqueName("Keyboard key");
    await page.goto("/keys");
    await tabTo(page, page.getByRole("link", { name: "Create API key" }));
    await page.keyboard.press("Enter");
    await expect(pageHeading(page, "Create API key")).toBeVisible();

    await tabTo(page, page.getByLabel("Name", { exact: true }));
    await page.keyboard.type(name);
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Description", { exact: true })).toBeFocused();
    await page.keyboard.type("Made without a mouse");

    // Expiration: 90 days is chosen; the arrow keys pick 60 days.
    const expiration = page.getByRole("radiogroup", { name: "Expiration" });
    await page.keyboard.press("Tab");
    await expect(expiration.getByRole("radio", { name: "90 days" })).toBeFocused();
    await pressArrow(page, "ArrowLeft", expiration.getByRole("radio", { name: "60 days" }));

    // Access: Custom is chosen; search for Profiles, then arrow to Full access in its row.
    const presets = page.getByRole("radiogroup", { name: "Access", exact: true });
    await page.keyboard.press("Tab");
    await expect(presets.getByRole("radio", { name: "Custom" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("searchbox", { name: "Search resources" })).toBeFocused();
    await page.keyboard.type("profiles");
    await page.keyboard.press("Enter"); // searches, does not submit
    await expect(page.getByRole("status").filter({ hasText: /^Showing \d+ of 24 resources\./ })).toBeVisible();
    // The matrix is one Tab stop, entered at the first row shown (Lists); the arrows move, Space chooses.
    const profiles = resource(page, "Profiles");
    await tabTo(page, resource(page, "Lists").getByRole("radio", { name: "No access" }), { max: 5 });
    await page.keyboard.press("ArrowDown");
    await expect(profiles.getByRole("radio", { name: "No access" })).toBeFocused();
    await page.keyboard.press("End");
    await expect(profiles.getByRole("radio", { name: "Full access" })).toBeFocused();
    await expect(profiles.getByRole("radio", { name: "Full access" })).not.toBeChecked();
    await page.keyboard.press("Space");
    await expect(profiles.getByRole("radio", { name: "Full access" })).toBeChecked();
    await expect(page.getByText("Grants: Custom: 1 resource")).toBeVisible();
    await tabTo(page, page.getByRole("button", { name: "Create key" }));
    await page.keyboard.press("Enter");

    // Reveal: the secret's field has focus; Tab on to "I've saved it", past Copy, the snippet tabs, their
    // copy button, "Test this key", the API reference link and "Create handover link".
    await expect(pageHeading(page, "Save your secret key")).toBeVisible();
    await expect(page.getByLabel("Secret key", { exact: true })).toBeFocused();
    const secret = await revealedSecret(page);
    await tabTo(page, page.getByRole("button", { name: "I've saved it" }), { max: 8 });
    await page.keyboard.press("Enter");
    const keyId = await waitForKeyPage(page, name);
    await expect(grantedAccess(page, "Profiles")).toContainText("Full access");
    await expect(page.getByText("Custom: 1 resource", { exact: true })).toBeVisible();
    await expect(page.getByRole("main").getByText(masked(secret), { exact: true })).toBeVisible();

    // Rotate: Enter opens, focus is on the chosen grace, ArrowUp picks 1 hour.
    await tabTo(page, page.getByRole("button", { name: "Rotate" }));
    await page.keyboard.press("Enter");
    const rotate = page.getByRole("dialog", { name: `Rotate ${name}` });
    const graces = rotate.getByRole("radiogroup", { name: "Old key keeps working" });
    await expect(graces.getByRole("radio", { name: "24 hours", exact: true })).toBeFocused();
    await pressArrow(page, "ArrowUp", graces.getByRole("radio", { name: "1 hour", exact: true }));
    await tabTo(page, rotate.getByRole("button", { name: "Rotate key" }), { max: 3 });
    await page.keyboard.press("Enter");
    const reveal = page.getByRole("dialog", { name: "Save your new secret key" });
    await expect(reveal.getByLabel("Secret key", { exact: true })).toBeFocused();
    const newSecret = await revealedSecret(reveal);
    expect(newSecret).not.toBe(secret);
    await tabTo(page, reveal.getByRole("button", { name: "I've saved it" }), { max: 8 });
    await page.keyboard.press("Enter");
    const newKeyId = await waitForKeyPage(page, name, keyId);
    expect(newKeyId).not.toBe(keyId);
    await expect(page.getByRole("main").getByText(masked(newSecret), { exact: true })).toBeVisible();

    // Revoke the new key: the dialog opens on Cancel, Shift+Tab reaches the reason.
    await expect(detailStatus(page)).toHaveText("Active");
    await expect(page.getByRole("link", { name: masked(secret) })).toBeVisible(); // "Replaces" the old key
    await tabTo(page, page.getByRole("button", { name: "Revoke" }));
    await page.keyboard.press("Enter");
    const confirm = page.getByRole("alertdialog", { name: `Revoke ${name}?` });
    await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Shift+Tab");
    await expect(confirm.getByLabel("Reason (optional)")).toBeFocused();
    await page.keyboard.type("Rotated by keyboard");
    await tabTo(page, confirm.getByRole("button", { name: "Revoke key" }), { max: 3 });
    await page.keyboard.press("Enter");
    await expect(page.getByText(`${name} was revoked.`)).toBeVisible();
    await expect(confirm).toBeHidden();
    await expect(detailStatus(page)).toHaveText("Revoked");
    await expect(page.getByText("Reason: Rotated by keyboard")).toBeVisible();
  });

  test("the secret is shown once and stored, rendered or logged nowhere", async ({ page }) => {
    const name = uniqueName("Shown once");
    await page.goto("/keys");
    await page.getByRole("link", { name: "Create API key" }).click();
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("radiogroup", { name: "Access", exact: true }).getByRole("radio", { name: "Read-only" }).click();
    const { captured } = await captureNextServerAction(page);
    await page.getByRole("button", { name: "Create key" }).click();
    const response = await captured;
    const secret = await revealedSecret(page);
    // The one response that carries it must not be cached anywhere.
    expect(response.body).toContain(secret);
    expect(response.headers["cache-control"]).toContain("no-store");

    // Reloading shows the empty form again, not the secret.
    await page.reload();
    await expect(pageHeading(page, "Create API key")).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("Secret key")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    // A second key: "I've saved it", then Back.
    const second = uniqueName("Shown once");
    await page.goto("/keys");
    await page.getByRole("link", { name: "Create API key" }).click();
    await page.getByLabel("Name", { exact: true }).fill(second);
    await page.getByRole("radiogroup", { name: "Access", exact: true }).getByRole("radio", { name: "Full access" }).click();
    await page.getByRole("button", { name: "Create key" }).click();
    const secondSecret = await revealedSecret(page);
    await page.getByRole("button", { name: "I've saved it" }).click();
    const secondId = await waitForKeyPage(page, second);
    expect(await page.content()).not.toContain(secondSecret);
    await page.goBack();
    await expect(pageHeading(page, "API keys")).toBeVisible();
    await expect(page.getByLabel("Secret key")).toHaveCount(0);
    expect(await page.content()).not.toContain(secondSecret);

    const firstId = await (async () => {
      await page.goto(`/keys?${new URLSearchParams({ q: name })}`);
      const href = await keysTable(page).getByRole("link", { name, exact: true }).getAttribute("href");
      return href!.split("/").pop()!;
    })();

    // No later page has either secret: neither the rendered key pages, nor what the server sends for any
    // dashboard page (HTML and RSC payload).
    const secrets = [secret, secondSecret];
    const keyPages = ["/keys", `/keys/${firstId}`, `/keys/${secondId}`];
    for (const path of keyPages) {
      await page.goto(path);
      await expect(page.getByRole("main")).toBeVisible();
      const html = await page.content();
      for (const candidate of secrets) expect(html, `the page ${path}`).not.toContain(candidate);
    }
    for (const path of new Set([...keyPages, `/keys/${secondId}/edit`, "/keys/new", ...DASHBOARD_PAGES.map((p) => p.path)])) {
      await expectSecretsNotServedAt(page, path, secrets);
    }

    // Neither is in the database (file and write-ahead log) nor in anything the server logged.
    expect(serverLog(), "the server's output is captured").toContain("[keysmith] ready on");
    for (const candidate of [secret, secondSecret]) {
      const random = candidate.slice("ksk_".length);
      for (const { file, bytes } of databaseFiles()) {
        expect(bytes.includes(random), `${file} holds the secret`).toBe(false);
      }
      expect(serverLog(), "the server log holds the secret").not.toContain(random);
    }
  });

  test("validation errors name the field and create nothing", async ({ page }) => {
    const existing = uniqueName("Taken name");
    insertApiKeys("Acme", [{ name: existing }]);
    const before = countKeys("Acme");
    await page.goto("/keys/new");
    const nameField = page.getByLabel("Name", { exact: true });
    const presets = page.getByRole("radiogroup", { name: "Access", exact: true });
    const create = page.getByRole("button", { name: "Create key" });

    // Empty name and no access at all: both are said, and focus goes to the first.
    await create.click();
    await expect(nameField).toHaveAccessibleDescription(/Enter a name\./);
    await expect(nameField).toHaveAttribute("aria-invalid", "true");
    await expect(nameField).toBeFocused();
    await expect(presets).toHaveAccessibleDescription(/^Choose at least one resource the key may access\. /);

    // A name, still no access.
    await nameField.fill(uniqueName("Valid name"));
    await expect(nameField).not.toHaveAttribute("aria-invalid", "true");
    await create.click();
    await expect(page.getByText("Choose at least one resource the key may access.")).toBeVisible();
    await expect(nameField).not.toHaveAttribute("aria-invalid", "true");

    // A name an active key already has: the server says so under Name.
    await resource(page, "Lists").getByRole("radio", { name: "Read", exact: true }).click();
    await expect(page.getByText("Choose at least one resource the key may access.")).toHaveCount(0);
    await nameField.fill(existing);
    await create.click();
    await expect(nameField).toHaveAccessibleDescription(
      new RegExp(`An active key is already named "${existing}"\\. Choose another name\\.`),
    );
    await expect(nameField).toBeFocused();

    // A custom expiry without a date.
    await nameField.fill(uniqueName("Custom date"));
    const expiration = page.getByRole("radiogroup", { name: "Expiration" });
    await expiration.getByRole("radio", { name: "Custom date" }).click();
    const expiryDate = page.getByLabel("Expiry date");
    await expect(expiryDate).toBeVisible();
    await create.click();
    await expect(expiryDate).toHaveAccessibleDescription("Enter an expiry date.");
    await expect(expiryDate).toBeFocused();

    await expect(pageHeading(page, "Create API key")).toBeVisible();
    await expect(page.getByLabel("Secret key")).toHaveCount(0);
    expect(countKeys("Acme")).toBe(before);
    expect(countKeys("Acme", existing)).toBe(1);
  });

  test("deletes a revoked key", async ({ page }) => {
    const [key] = insertApiKeys("Acme", [{ name: uniqueName("Old revoked"), revoked: { reason: "Leaked in a log" } }]);
    await page.goto(`/keys/${key!.id}`);
    await expect(detailStatus(page)).toHaveText("Revoked");
    await expect(page.getByText("Reason: Leaked in a log")).toBeVisible();
    await expect(page.getByRole("button", { name: "Rotate" })).toHaveCount(0);
    await page.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Delete ${key!.name}?` });
    await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
    await confirm.getByRole("button", { name: "Delete key" }).click();
    await page.waitForURL("/keys");
    await expect(page.getByText(`${key!.name} was deleted.`)).toBeVisible();
    await expect(page.getByRole("link", { name: key!.name })).toHaveCount(0);
    expect(countKeys("Acme", key!.name)).toBe(0);
    expect((await page.goto(`/keys/${key!.id}`))?.status()).toBe(404);
  });
});

test.describe("as an Admin of Acme", () => {
  test.use({ signedInAs: "admin" });

  test("can revoke but not delete", async ({ page }) => {
    const [active, revoked] = insertApiKeys("Acme", [
      { name: uniqueName("Admin's active") },
      { name: uniqueName("Admin's revoked"), revoked: {} },
    ]);
    await page.goto(`/keys/${active!.id}`);
    await expect(page.getByRole("link", { name: "Edit" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Rotate" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Revoke" })).toBeVisible();
    await page.goto(`/keys/${revoked!.id}`);
    await expect(detailStatus(page)).toHaveText("Revoked");
    await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  });
});

test.describe("as Support of Acme", () => {
  test.use({ signedInAs: "support" });

  test("sees keys and their access but can change nothing", async ({ page }) => {
    const [key] = insertApiKeys("Acme", [{ name: uniqueName("Audited key"), scopes: ["lists:read", "profiles:write"] }]);
    await page.goto("/keys");
    await expect(pageHeading(page, "API keys")).toBeVisible();
    await expect(keyRow(page, key!.masked)).toContainText("Custom: 2 resources");
    await expect(page.getByRole("link", { name: "Create API key" })).toHaveCount(0);

    await keyRow(page, key!.masked).getByRole("link", { name: key!.name }).click();
    await expect(pageHeading(page, key!.name)).toBeVisible();
    await expect(detailStatus(page)).toHaveText("Active");
    await expect(grantedAccess(page, "Lists")).toContainText("Read");
    await expect(grantedAccess(page, "Profiles")).toContainText("Full access");
    await expect(page.getByRole("main").getByRole("radio", { name: "No access" })).toHaveCount(0);
    for (const label of ["Edit", "Change expiry", "Rotate", "Revoke", "Delete"]) {
      await expect(page.getByRole("main").getByRole("button", { name: label })).toHaveCount(0);
      await expect(page.getByRole("main").getByRole("link", { name: label })).toHaveCount(0);
    }

    await page.goto("/keys/new");
    await expect(pageHeading(page, "You don't have access to creating API keys")).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveCount(0);
    await page.goto(`/keys/${key!.id}/edit`);
    await expect(pageHeading(page, "You don't have access to editing API keys")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  });
});

test.describe("as the Owner of Globex", () => {
  test.use({ signedInAs: "globex" });

  test("an Acme key is not found, exactly like a missing one", async ({ page }) => {
    const [key] = insertApiKeys("Acme", [{ name: uniqueName("Acme only") }]);
    const missing = await page.goto("/keys/e2eNoSuchKey000000000000");
    expect(missing?.status()).toBe(404);
    await expect(pageHeading(page, KEY_NOT_FOUND)).toBeVisible();
    const missingHeadings = await page.getByRole("heading").allTextContents();
    for (const path of [`/keys/${key!.id}`, `/keys/${key!.id}/edit`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(pageHeading(page, KEY_NOT_FOUND)).toBeVisible();
      expect(await page.getByRole("heading").allTextContents()).toEqual(missingHeadings);
      const html = await page.content();
      expect(html).not.toContain(key!.name);
      expect(html).not.toContain(key!.masked);
    }
    await page.goto(`/keys?${new URLSearchParams({ q: key!.name })}`);
    await expect(pageHeading(page, "API keys")).toBeVisible();
    // The search box shows what was typed; the list must not hold the key.
    await expect(page.getByRole("link", { name: key!.name })).toHaveCount(0);
    const html = await page.content();
    expect(html).not.toContain(key!.id);
    expect(html).not.toContain(key!.masked);
  });
});

test.describe("the list of a workspace with 30 keys", () => {
  test("pages by 25 without repeats, searches by name and filters by status", async ({ page }) => {
    const owner = createWorkspaceWithOwner();
    const start = Date.now() - 60 * 60 * 1000;
    const day = 24 * 60 * 60 * 1000;
    const names = Array.from({ length: 30 }, (_, i) => `Batch key ${String(i + 1).padStart(2, "0")}`);
    insertApiKeys(
      owner.workspaceId,
      names.map((name, i) => ({
        name,
        // Keys 11 and 12 share a creation time: the id breaks the tie, so neither is lost or repeated.
        createdAt: new Date(start + (i === 11 ? 10 : i) * 1000),
        revoked: [4, 9, 14].includes(i) ? { reason: "Test" } : undefined,
        expiresAt: i === 19 ? new Date(Date.now() - day) : i === 24 ? new Date(Date.now() + 3 * day) : null,
      })),
    );
    await signIn(page, owner);

    // Newest first: 30..06 on the first page, 05..01 on the second.
    await page.goto("/keys");
    const newestFirst = [...names].reverse();
    const first = listedNames(page);
    await expect(first).toHaveCount(25);
    const firstPage = await first.allTextContents();
    // 30..13 in order; 12 and 11 were created at the same instant, so either may come first.
    expect(firstPage.slice(0, 18)).toEqual(newestFirst.slice(0, 18));
    await expect(page.getByRole("link", { name: "First page" })).toHaveCount(0);
    await page.getByRole("link", { name: "Next page" }).click();
    await page.waitForURL((url) => url.searchParams.has("cursor"));
    await expect(listedNames(page)).toHaveText(newestFirst.slice(25));
    const secondPage = await listedNames(page).allTextContents();
    expect([...firstPage, ...secondPage].sort()).toEqual(names); // each key once
    await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);
    await page.getByRole("link", { name: "First page" }).click();
    await page.waitForURL((url) => !url.searchParams.has("cursor"));
    await expect(listedNames(page)).toHaveCount(25);

    // Name order pages the same way.
    await filterKeys(page, { sort: "Name A–Z" });
    await expect(listedNames(page)).toHaveText(names.slice(0, 25));
    await page.getByRole("link", { name: "Next page" }).click();
    await page.waitForURL((url) => url.searchParams.has("cursor"));
    await expect(listedNames(page)).toHaveText(names.slice(25));

    // Search narrows to the names that contain the text (in any case).
    await filterKeys(page, { q: "KEY 1" });
    await expect(listedNames(page)).toHaveText(names.slice(9, 19));
    await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);
    await filterKeys(page, { q: "no key is called this" });
    await expect(page.getByText("No keys match these filters.")).toBeVisible();
    await expect(listedNames(page)).toHaveCount(0);

    // Status filters, alone and with a search.
    await filterKeys(page, { q: "", status: "Revoked" });
    await expect(listedNames(page)).toHaveText(["Batch key 05", "Batch key 10", "Batch key 15"]);
    await expect(keysTable(page).getByRole("row").filter({ hasText: "Batch key" })).toHaveText(Array(3).fill(/Revoked/));
    await filterKeys(page, { status: "Expired" });
    await expect(listedNames(page)).toHaveText(["Batch key 20"]);
    await filterKeys(page, { status: "Expiring soon" });
    await expect(listedNames(page)).toHaveText(["Batch key 25"]);
    await filterKeys(page, { status: "In grace" });
    await expect(page.getByText("No keys match these filters.")).toBeVisible();
    await filterKeys(page, { status: "Active" });
    // 30 - 3 revoked - 1 expired - 1 expiring soon: exactly one page.
    await expect(listedNames(page)).toHaveText(names.filter((_, i) => ![4, 9, 14, 19, 24].includes(i)));
    await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);
    await filterKeys(page, { q: "key 1", status: "Revoked" });
    await expect(listedNames(page)).toHaveText(["Batch key 10", "Batch key 15"]);
    await expect(page.getByLabel("Search by name")).toHaveValue("key 1");
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("revoked");

    // "Clear filters" drops the search and the status at once, keeps the order, and keeps the focus.
    const clear = page.getByRole("button", { name: "Clear filters" });
    await clear.click();
    await page.waitForURL((url) => !url.searchParams.has("q") && !url.searchParams.has("status"));
    await expect(page.getByLabel("Search by name")).toHaveValue("");
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("all");
    await expect(page.getByLabel("Sort by")).toHaveValue("name");
    await expect(listedNames(page)).toHaveText(names.slice(0, 25));
    await expect(clear).toBeFocused();
    await expect(clear).toHaveAttribute("aria-disabled", "true");
  });
});

test.describe("a rotation chain, as the Owner of a new workspace", () => {
  test("revoking the replacement names the old key still in its grace period and revokes it too", async ({ page }) => {
    const owner = createWorkspaceWithOwner();
    const name = uniqueName("Chain key");
    const [seeded] = insertApiKeys(owner.workspaceId, [{ name, usable: true, scopes: ["profiles:write"] }]);
    const oldSecret = seeded!.secret!;
    const introspect = (secret: string) => page.request.get("/api/v1/key", { headers: { Authorization: `Bearer ${secret}` } });
    await signIn(page, owner);

    // Rotate with the default 24 hours: the old key keeps working meanwhile.
    await page.goto(`/keys/${seeded!.id}`);
    await page.getByRole("button", { name: "Rotate" }).click();
    await page
      .getByRole("dialog", { name: `Rotate ${name}` })
      .getByRole("button", { name: "Rotate key" })
      .click();
    const reveal = page.getByRole("dialog", { name: "Save your new secret key" });
    const newSecret = await revealedSecret(reveal);
    await reveal.getByRole("button", { name: "I've saved it" }).click();
    const newKeyId = await waitForKeyPage(page, name, seeded!.id);
    expect((await introspect(oldSecret)).status()).toBe(200);

    // The old key in its grace period cannot be edited: no Edit, an explanation instead.
    await page.goto(`/keys/${seeded!.id}`);
    await expect(detailStatus(page)).toHaveText("In grace");
    await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
    await expect(
      page.getByText("This is the old key of a rotation: it stops working when its grace period ends and cannot be edited."),
    ).toBeVisible();
    await page.goto(`/keys/${seeded!.id}/edit`);
    await expect(pageHeading(page, `${name} cannot be edited`)).toBeVisible();
    await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);

    // Revoking the replacement says the old key goes with it.
    await page.goto(`/keys/${newKeyId}`);
    await page.getByRole("button", { name: "Revoke" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Revoke ${name}?` });
    await expect(confirm).toContainText(`This also revokes the previous key ${seeded!.masked} that still works until`);
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await expect(page.getByText(`${name} was revoked. Its previous key ${seeded!.masked} stopped working too.`)).toBeVisible();
    await expect(detailStatus(page)).toHaveText("Revoked");

    for (const secret of [newSecret, oldSecret]) {
      const response = await introspect(secret);
      expect(response.status()).toBe(401);
      expect((await response.json()).errors[0].code).toBe("not_authenticated");
    }
    await page.goto(`/keys/${seeded!.id}`);
    await expect(detailStatus(page)).toHaveText("Revoked");
  });
});

test.describe("a key's IP allow-list, as the Owner of a new workspace", () => {
  test("is validated on the form, shown on the key page and enforced by the API", async ({ page }) => {
    const owner = createWorkspaceWithOwner();
    await signIn(page, owner);
    const name = uniqueName("Office only");
    const introspect = (secret: string) => page.request.get("/api/v1/key", { headers: { Authorization: `Bearer ${secret}` } });

    await page.goto("/keys/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("radiogroup", { name: "Access", exact: true }).getByRole("radio", { name: "Read-only" }).click();
    const allowList = page.getByLabel("IP allow-list", { exact: true });
    await allowList.fill("203.0.113.0/24\n10.0.0.300");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(allowList).toHaveAttribute("aria-invalid", "true");
    await expect(allowList).toHaveAccessibleDescription(/Line 2: "10\.0\.0\.300" is not an IPv4 or IPv6 address or CIDR range\./);
    expect(countKeys(owner.workspaceId, name)).toBe(0);

    await allowList.fill("203.0.113.0/24\n2001:DB8::/32");
    await page.getByRole("button", { name: "Create key" }).click();
    const secret = await revealedSecret(page);
    await page.getByRole("button", { name: "I've saved it" }).click();
    const keyId = await waitForKeyPage(page, name);
    const details = page.getByRole("main").locator("dl").filter({ hasText: "Last used" });
    await expect(details).toContainText("IP allow-list");
    await expect(details).toContainText("203.0.113.0/24");
    await expect(details).toContainText("2001:db8::/32");

    // This browser calls from the loopback address, which the list does not hold.
    const refused = await introspect(secret);
    expect(refused.status()).toBe(403);
    const [problem] = (await refused.json()).errors;
    expect(problem.code).toBe("ip_not_allowed");
    expect(problem.detail).toMatch(/^This key may not be used from (::ffff:)?127\.0\.0\.1\.$/);

    // Adding the loopback range on the edit form lets it in.
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(page.getByLabel("IP allow-list", { exact: true })).toHaveValue("203.0.113.0/24\n2001:db8::/32");
    await page.getByLabel("IP allow-list", { exact: true }).fill("127.0.0.0/8");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(`/keys/${keyId}`);
    await expect(details).toContainText("127.0.0.0/8");
    expect((await introspect(secret)).status()).toBe(200);
  });
});
