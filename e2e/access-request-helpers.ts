// Steps the access request specs share: sending a request to Acme from an address of its own, as an
// integrator without an account does (e2e/access-requests.spec.ts, e2e/onboarding-path.spec.ts).
import type { Page } from "@playwright/test";
import { expect, pageHeading } from "./fixtures";

let addresses = 0;
/** Each test sends from its own address (the server trusts one proxy hop: TRUST_PROXY=1), so the per-address limit counts only its own. */
export async function fromFreshAddress(page: Page): Promise<string> {
  const address = `198.18.${Math.floor(Date.now() / 1000) % 250}.${++addresses}`;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": address });
  return address;
}

export type Request = { name: string; company: string; email?: string; purpose?: string };

export async function fillRequest(page: Page, request: Request) {
  await page.goto("/request/acme");
  await expect(pageHeading(page, "Request API access to Acme")).toBeVisible();
  await page.getByLabel("Your name").fill(request.name);
  await page.getByLabel("Company").fill(request.company);
  await page.getByLabel("Email").fill(request.email ?? "integrator@partner.example");
  await page.getByLabel("What will the integration do?").fill(request.purpose ?? "Nightly sync of profiles into our CRM");
  await page.getByRole("radiogroup", { name: "Profiles", exact: true }).getByRole("radio", { name: "Full access" }).click();
  await page.getByLabel("Reason for Profiles").fill("We update profile properties");
  await page.getByRole("radiogroup", { name: "Lists", exact: true }).getByRole("radio", { name: "Read" }).click();
  await page.getByRole("radio", { name: "30 days" }).click();
}

export async function sendRequest(page: Page, request: Request) {
  await fillRequest(page, request);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(pageHeading(page, "Request sent")).toBeVisible();
}

export const unique = (base: string) => `${base} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
