// One-time handover links: the secret is shown once, to the first browser that opens the link; every
// other browser, and a cancelled or tampered link, gets a clear page that reveals nothing.
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { expect, pageHeading, serverLog, test } from "./fixtures";
import { createHandoverLink, createKeyAsFreshOwner, expireHandoverLinks, openElsewhere } from "./handover-helpers";

async function expectNothingRevealed(page: Page, secret: string, title: string) {
  await expect(page.getByRole("heading", { level: 2, name: title, exact: true })).toBeVisible();
  await expect(page.getByText("Nothing was revealed.")).toBeVisible();
  await expect(page.getByLabel("Secret key", { exact: true })).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
}

async function goToKeyPage(page: Page, name: string) {
  await page.getByRole("button", { name: "I've saved it" }).click();
  await expect(pageHeading(page, name)).toBeVisible();
}

test("the first browser to open the link sees the secret once; a third sees 'already used'; the key page says it was opened", async ({
  page,
  browser,
}) => {
  // Three browsers and four axe runs: more than the default 30 s on a busy machine.
  test.slow();
  const { name, secret } = await createKeyAsFreshOwner(page);
  const link = await createHandoverLink(page);
  expect(link).not.toContain(secret);
  await expectNoAxeViolations(page);

  const first = await openElsewhere(browser, link, "dark");
  await expect(first.getByLabel("Secret key", { exact: true })).toHaveValue(secret);
  await expect(first.getByText(name)).toBeVisible();
  await expect(first.getByText("This link will never show it again.")).toBeVisible();
  // The token leaves the address bar at once: the history keeps no link.
  expect(new URL(first.url()).hash).toBe("");
  await expectNoAxeViolations(first);

  const second = await openElsewhere(browser, link);
  await expectNothingRevealed(second, secret, "This link was already used");
  await expectNoAxeViolations(second);
  // The token travelled in the fragment and a JSON body only: the server's log has neither it nor the secret.
  const token = link.split("#")[1]!;
  expect(serverLog()).not.toContain(token);
  expect(serverLog()).not.toContain(secret);

  await goToKeyPage(page, name);
  const handovers = page.getByRole("heading", { name: "Handover links" }).locator("..");
  await expect(handovers.getByText(/^Opened .* from /)).toBeVisible();
  await expect(handovers.getByRole("button", { name: /Cancel link/ })).toHaveCount(0);
  await expect(page.getByText("Handover link opened")).toBeVisible();
  await expect(page.getByText("Handover link created")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a cancelled link shows a clear page and nothing else", async ({ page, browser }) => {
  const { name, secret } = await createKeyAsFreshOwner(page);
  const link = await createHandoverLink(page);
  await goToKeyPage(page, name);
  const handovers = page.getByRole("heading", { name: "Handover links" }).locator("..");
  await expect(handovers.getByText("Not opened yet")).toBeVisible();
  await handovers.getByRole("button", { name: /Cancel link/ }).click();
  await expect(handovers.getByText(/^Cancelled by /)).toBeVisible();
  await expect(page.getByText("Handover link cancelled")).toBeVisible();
  await expectNoAxeViolations(page);

  const opener = await openElsewhere(browser, link);
  await expectNothingRevealed(opener, secret, "This link was cancelled");
});

test("a tampered or empty link shows 'not valid' and leaves the real link working", async ({ page, browser }) => {
  const { secret } = await createKeyAsFreshOwner(page);
  const link = await createHandoverLink(page);
  const last = link.at(-1) === "A" ? "B" : "A";

  const tampered = await openElsewhere(browser, `${link.slice(0, -1)}${last}`, "dark");
  await expectNothingRevealed(tampered, secret, "This link is not valid");
  await expectNoAxeViolations(tampered);
  const empty = await openElsewhere(browser, link.replace(/#.*$/, ""));
  await expectNothingRevealed(empty, secret, "This link is not valid");

  const context = await browser.newContext();
  const real = await context.newPage();
  const answer = real.waitForResponse((response) => new URL(response.url()).pathname === "/handover/open");
  await real.goto(link);
  await expect(real.getByLabel("Secret key", { exact: true })).toHaveValue(secret);
  // The one answer that carries the secret is never cached.
  expect((await answer).headers()["cache-control"]).toBe("no-store");
});

test("an expired link shows 'expired', reveals nothing, and the key page says Expired", async ({ page, browser }) => {
  const { owner, name, secret } = await createKeyAsFreshOwner(page);
  const link = await createHandoverLink(page);
  expireHandoverLinks(owner.workspaceId);

  const opener = await openElsewhere(browser, link);
  await expectNothingRevealed(opener, secret, "This link has expired");

  await goToKeyPage(page, name);
  const handovers = page.getByRole("heading", { name: "Handover links" }).locator("..");
  await expect(handovers.getByText("Expired", { exact: true })).toBeVisible();
  await expect(page.getByText("Handover link expired")).toBeVisible();
});

test("two browsers opening the link at the same moment: exactly one sees the secret", async ({ page, browser }) => {
  const { secret } = await createKeyAsFreshOwner(page);
  const link = await createHandoverLink(page);
  const openers = await Promise.all([openElsewhere(browser, link), openElsewhere(browser, link)]);
  const outcomes = await Promise.all(
    openers.map(async (opener) => {
      const shown = opener.getByLabel("Secret key", { exact: true });
      const used = opener.getByRole("heading", { level: 2, name: "This link was already used", exact: true });
      await expect(shown.or(used)).toBeVisible();
      return (await shown.count()) ? await shown.inputValue() : "used";
    }),
  );
  expect(outcomes.sort()).toEqual([secret, "used"].sort());
});
