// The audit log as support staff use it: find who created a key and with which access, open the entry
// to its full before/after, and take the filtered log out as CSV, and the whole log as JSON Lines that
// ends with a checkpoint covering it. Support has nothing to change here, and a change Support forges
// anyway is refused and shows in the log, as do sign-outs.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, pageHeading, signIn, signOut, test, USERS, uniqueName } from "./fixtures";

type CapturedAction = { url: string; headers: Record<string, string>; body: string };

/** The next server action request the page sends, as sent (it still goes through). */
async function captureNextActionRequest(page: Page): Promise<{ captured: Promise<CapturedAction> }> {
  let resolve: (value: CapturedAction) => void = () => undefined;
  const captured = new Promise<CapturedAction>((r) => {
    resolve = r;
  });
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !(await request.headerValue("next-action"))) return route.fallback();
    resolve({ url: request.url(), headers: await request.allHeaders(), body: request.postData() ?? "" });
    await route.continue();
    await page.unroute("**/*");
  });
  return { captured };
}

test.describe("the audit log", () => {
  test("Support finds a key's creation, opens it and downloads the filtered CSV", async ({ page }) => {
    // An Admin creates a key through the form, so its creation is audited as in production.
    const name = uniqueName("Warehouse sync");
    await signIn(page, USERS.admin);
    await page.goto("/keys/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("radiogroup", { name: "Access", exact: true }).getByRole("radio", { name: "Read-only" }).click();
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByRole("button", { name: "I've saved it" }).click();
    await expect(pageHeading(page, name)).toBeVisible();
    await signOut(page, USERS.admin);

    await signIn(page, USERS.support);
    await page.goto("/audit");
    await expect(pageHeading(page, "Audit log")).toBeVisible();
    const filters = page.getByRole("form", { name: "Filter the audit log" });
    await filters.getByLabel("Target", { exact: true }).fill(name);
    await filters.getByLabel("Target", { exact: true }).press("Enter");
    await page.waitForURL((url) => url.searchParams.get("target") === name);
    // A select applies at once.
    await filters.getByLabel("Action", { exact: true }).selectOption({ label: "Key created" });
    await page.waitForURL((url) => url.searchParams.get("action") === "key.created");

    const events = page.getByRole("main").getByRole("listitem");
    await expect(events).toHaveCount(1);
    const entry = events.first();
    await expect(entry).toContainText(`Created key '${name}' with`);
    await expect(entry).toContainText(USERS.admin.email);
    await expect(entry.getByText("Person", { exact: true })).toBeVisible();
    await expect(entry.locator("time")).toHaveAttribute("title", /^Your time: /);
    await entry.getByText(`Created key '${name}' with`).click();
    await expect(entry.getByText("key.created", { exact: true })).toBeVisible();
    await expect(entry.getByText("Before and after")).toBeVisible();

    // Support reads; the only button on the page checks the chain, and changes nothing.
    await expect(page.getByRole("main").getByRole("button")).toHaveText(["Verify integrity"]);
    await page.getByRole("button", { name: "Verify integrity" }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Chain intact through event \d+/ })).toBeVisible();

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^audit-Acme-action-key\.created-target-Warehouse-sync-.+\.csv$/);
    const rows = fs
      .readFileSync((await download.path())!, "utf8")
      .trimEnd()
      .split("\r\n");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^seq,createdAt,actorType,actorId,actorLabel,action,description,/);
    expect(rows[1]).toContain(`key.created,Created key '${name}' with Read-only,`);
    expect(rows[1]).toContain(USERS.admin.email);

    await page.getByRole("link", { name: "Clear filters" }).click();
    await page.waitForURL((url) => url.pathname === "/audit" && url.search === "");
    // The export itself is an event, at the top.
    await expect(page.getByRole("main").getByRole("listitem").first()).toContainText("Audit log exported");

    // Unfiltered, the JSON Lines export ends with a checkpoint signed at its last event, its own.
    const downloadingAll = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export JSON Lines" }).click();
    const exported = (await (await downloadingAll).path())!;
    const lines = fs
      .readFileSync(exported, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    const { checkpoint } = lines.pop();
    expect(lines.at(-1)).toMatchObject({ action: "audit.exported", metadata: '{"filters":{},"format":"jsonl"}' });
    expect(checkpoint).toMatchObject({ seq: lines.at(-1).seq, link: lines.at(-1).hash });
    // An auditor verifies all of it with the public key alone, on a machine without the server's data folder.
    const auditorDir = fs.mkdtempSync(path.join(os.tmpdir(), "auditor-"));
    const publicKey = path.join(auditorDir, "keysmith-audit-public-key.pem");
    fs.writeFileSync(
      publicKey,
      execFileSync("node", ["dist/audit-verify.mjs", "--print-public-key"], { stdio: ["ignore", "pipe", "ignore"] }),
    );
    const verified = execFileSync("node", [path.resolve("dist/audit-verify.mjs"), "--file", exported, "--public-key", publicKey], {
      cwd: auditorDir,
      encoding: "utf8",
    });
    expect(verified).toBe(`Chain intact through event ${checkpoint.seq}\n`);
  });

  test("a write Support forges is refused and audited, and sign-outs are in the log", async ({ page }) => {
    // An Admin edits a key's description; the action request it sends is kept, to be replayed by Support.
    const name = uniqueName("Forged edit");
    await signIn(page, USERS.admin);
    await page.goto("/keys/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("radiogroup", { name: "Access", exact: true }).getByRole("radio", { name: "Read-only" }).click();
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByRole("button", { name: "I've saved it" }).click();
    await expect(pageHeading(page, name)).toBeVisible();
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(pageHeading(page, `Edit ${name}`)).toBeVisible();
    await page.getByLabel("Description", { exact: true }).fill("Edited by the Admin");
    const { captured } = await captureNextActionRequest(page);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved. They apply from the key's next request.")).toBeVisible();
    // The form goes back to the key's page; signing out waits for it.
    await page.waitForURL((url) => /^\/keys\/[^/]+$/.test(url.pathname));
    await expect(pageHeading(page, name)).toBeVisible();
    const forged = await captured;
    await signOut(page, USERS.admin);

    await signIn(page, USERS.support);
    const { cookie: _adminCookie, "content-length": _length, ...headers } = forged.headers;
    const refused = await page.request.post(forged.url, { headers, data: forged.body });
    expect(await refused.text()).toContain("Your role does not allow this.");

    await page.goto("/audit?action=action.refused");
    const refusal = page
      .getByRole("main")
      .getByRole("listitem")
      .filter({ hasText: `Refused: Edit key '${name}' (missing permission)` });
    await expect(refusal).toHaveCount(1);
    await expect(refusal).toContainText(USERS.support.email);
    await expect(refusal).not.toContainText("No address");

    const filters = page.getByRole("form", { name: "Filter the audit log" });
    await filters.getByLabel("Action", { exact: true }).selectOption({ label: "Signed out" });
    await page.waitForURL((url) => url.searchParams.get("action") === "auth.signed_out");
    await expect(page.getByRole("main").getByRole("listitem").first()).toContainText(`Signed out: ${USERS.admin.email}`);
  });
});
