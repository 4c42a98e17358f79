// Access requests in the browser: an integrator without an account asks for a key on /request/acme,
// an Owner reviews it from the navigation's badge, edits the access, approves (the secret is shown
// once) or declines with a message; the page answers 404 alike for unknown and disabled workspaces
// and 429 after the per-address limit; what the requester typed stays text; Support sees nothing.

import type { Locator } from "@playwright/test";
import { fillRequest, fromFreshAddress, sendRequest, unique } from "./access-request-helpers";
import { expectNoAxeViolations } from "./axe";
import { expect, pageHeading, test, USERS, waitForMail, withDatabase } from "./fixtures";

/** The navigation's pending count, from what describes the link ("3 pending"); 0 without a badge. */
async function pendingCount(link: Locator): Promise<number> {
  const describedBy = await link.getAttribute("aria-describedby");
  if (!describedBy) return 0;
  return Number.parseInt((await link.page().locator(`[id="${describedBy}"]`).textContent()) ?? "0", 10);
}

test.describe("the public request page", () => {
  test("an integrator without an account sends a request and sees “Request sent”", async ({ page }) => {
    await fromFreshAddress(page);
    await fillRequest(page, { name: unique("Ivy Integrator"), company: "Partner Co" });
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(pageHeading(page, "Request sent")).toBeVisible();
    await expect(page).toHaveURL(/\/request\/acme\/sent$/);
    await expectNoAxeViolations(page);
  });

  test("missing answers are named on the form before anything is sent", async ({ page }) => {
    await fromFreshAddress(page);
    await page.goto("/request/acme");
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByText("Enter a name.")).toBeVisible();
    await expect(page.getByText("Choose at least one resource the key may access.")).toBeVisible();
    await expect(page).toHaveURL(/\/request\/acme$/);
  });

  test("an unknown workspace and Globex (requests off) answer the same 404", async ({ page }) => {
    const unknown = await page.goto("/request/no-such-workspace");
    expect(unknown?.status()).toBe(404);
    const unknownText = await page.getByRole("main").textContent();
    const globex = await page.goto("/request/globex");
    expect(globex?.status()).toBe(404);
    expect(await page.getByRole("main").textContent()).toBe(unknownText);
    await expect(pageHeading(page, "Page not found")).toBeVisible();
    const posted = await page.request.post("/request/globex/send", { form: { requesterName: "x" } });
    const postedUnknown = await page.request.post("/request/no-such-workspace/send", { form: { requesterName: "x" } });
    expect(posted.status()).toBe(404);
    expect(await posted.text()).toBe(await postedUnknown.text());
  });

  test("the sixth request from one address within the hour gets a clear 429 page", async ({ page }) => {
    await fromFreshAddress(page);
    for (let i = 0; i < 5; i++) await sendRequest(page, { name: unique("Flood"), company: "Flood Inc" });
    await fillRequest(page, { name: unique("Flood"), company: "Flood Inc" });
    const answer = page.waitForResponse((response) => response.url().endsWith("/request/acme/send"));
    await page.getByRole("button", { name: "Send request" }).click();
    const response = await answer;
    expect(response.status()).toBe(429);
    expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
    await expect(pageHeading(page, "Too many requests")).toBeVisible();
    await expect(page.getByText(/Too many requests from your address\. Try again in \d+ minutes?\./)).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe("reviewing requests as the Owner", () => {
  test.use({ signedInAs: "owner" });

  test("the badge counts pending requests; the Owner edits the access, approves, and sees the secret once", async ({
    page,
    browser,
    baseURL,
  }) => {
    const name = unique("Rita Requester");
    const integrator = await browser.newContext({ baseURL });
    const integratorPage = await integrator.newPage();
    await fromFreshAddress(integratorPage);
    await sendRequest(integratorPage, { name, company: "Approve Co" });
    await integrator.close();

    await page.goto("/keys");
    const nav = page.getByRole("navigation", { name: "Main" });
    const link = nav.getByRole("link", { name: "Access requests", exact: true });
    await expect(link).toHaveAccessibleDescription(/\d+ pending/);
    const pendingBefore = await pendingCount(link);
    await link.click();
    await expect(pageHeading(page, "Access requests")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: `${name} (Approve Co)` }).click();
    await expect(pageHeading(page, `Request from ${name}`)).toBeVisible();
    await expect(page.getByText("We update profile properties")).toBeVisible();
    const profiles = page.getByRole("radiogroup", { name: "Profiles", exact: true });
    await expect(profiles.getByRole("radio", { name: "Full access" })).toHaveAttribute("aria-checked", "true");
    await expect(page.getByRole("radio", { name: "30 days" })).toHaveAttribute("aria-checked", "true");
    await expectNoAxeViolations(page);

    // The reviewer grants less than asked: Profiles read only.
    await profiles.getByRole("radio", { name: "Read" }).click();
    await page.getByRole("button", { name: "Approve and create key" }).click();
    await expect(pageHeading(page, "Save your secret key")).toBeVisible();
    const secret = await page.getByLabel("Secret key").inputValue();
    expect(secret).toMatch(/^ksk_/);
    const stored = withDatabase(
      (db) =>
        db
          .prepare(`SELECT r.status, k.scopes FROM "AccessRequest" r JOIN "ApiKey" k ON k.id = r.keyId WHERE r.requesterName = ?`)
          .get(name) as { status: string; scopes: string },
    );
    expect(stored).toEqual({ status: "approved", scopes: JSON.stringify(["lists:read", "profiles:read"]) });

    // Once decided, the request shows the decision and no form: the secret is not shown again.
    const requestId = withDatabase(
      (db) => (db.prepare(`SELECT id FROM "AccessRequest" WHERE requesterName = ?`).get(name) as { id: string }).id,
    );
    await page.getByRole("button", { name: "I've saved it" }).click();
    await expect(page).toHaveURL(/\/keys\/[^/]+$/);
    // The navigation's count follows at once: the approved request is no longer pending.
    if (pendingBefore > 1) await expect(link).toHaveAccessibleDescription(`${pendingBefore - 1} pending`);
    else await expect(link).not.toHaveAttribute("aria-describedby");
    await page.goto(`/requests/${requestId}`);
    await expect(page.getByText(`Approved by ${USERS.owner.email}`)).toBeVisible();
    await expect(page.getByRole("button", { name: "Approve and create key" })).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);
  });

  test("Decline asks for a message, records it, mails it to the requester and takes the request out of pending", async ({
    page,
    browser,
    baseURL,
  }) => {
    const name = unique("Dan Decline");
    const email = `dan-${Date.now().toString(36)}@decline.example`;
    const integrator = await browser.newContext({ baseURL });
    const integratorPage = await integrator.newPage();
    await fromFreshAddress(integratorPage);
    await sendRequest(integratorPage, { name, company: "Decline Co", email });
    await integrator.close();

    await page.goto("/requests");
    await page.getByRole("link", { name: `${name} (Decline Co)` }).click();
    await page.getByRole("button", { name: "Decline", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Decline this request?" });
    await dialog.getByLabel("Message").fill("We only work with certified partners.");
    await dialog.getByRole("button", { name: "Decline", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("We only work with certified partners.")).toBeVisible();
    await expect(page.getByText(`Declined by ${USERS.owner.email}`)).toBeVisible();
    const mail = await waitForMail(email);
    expect(mail.subject).toBe("Your API access request to Acme was declined");
    expect(mail.text).toContain("We only work with certified partners.");
    await page.goto("/requests");
    await expect(page.getByRole("link", { name: `${name} (Decline Co)` })).toHaveCount(0);
    await page.goto("/requests?status=declined");
    await expect(page.getByRole("link", { name: `${name} (Decline Co)` })).toBeVisible();
  });

  test("a script in the fields is shown as text, never run", async ({ page, browser, baseURL }) => {
    const script = `<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true">`;
    const name = unique("Eve");
    const integrator = await browser.newContext({ baseURL });
    const integratorPage = await integrator.newPage();
    await fromFreshAddress(integratorPage);
    await sendRequest(integratorPage, { name, company: "Script Co", purpose: script });
    await integrator.close();

    await page.goto("/requests");
    await page.getByRole("link", { name: `${name} (Script Co)` }).click();
    await expect(page.getByText(script).first()).toBeVisible();
    expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
  });

  test("the Owner turns access requests off and on again in Settings", async ({ page }) => {
    await page.goto("/settings");
    const toggle = page.getByRole("switch", { name: "Access requests" });
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    expect((await page.request.get("/request/acme")).status()).toBe(404);
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    expect((await page.request.get("/request/acme")).status()).toBe(200);
  });
});

test.describe("as Support", () => {
  test.use({ signedInAs: "support" });

  test("neither the navigation item nor the page", async ({ page }) => {
    await page.goto("/keys");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Access requests" })).toHaveCount(0);
    await page.goto("/requests");
    await expect(pageHeading(page, "Access requests")).toHaveCount(0);
    await expect(page.getByText(/access requests/i).first()).toBeVisible();
  });
});
