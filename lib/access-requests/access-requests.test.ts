// Access requests end to end below the browser: the public form's handler (size, limit, workspace,

// flood checks, fields), what it stores, and the review's decisions, including two at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_REQUESTS_PER_ADDRESS } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db";
import { accessRequestInput, pendingAccessRequest } from "@/lib/testing/access-request-fixtures";
import { defaultCatalog } from "@/lib/testing/catalogs";
import { changeBy, createWorkspace } from "@/lib/testing/factories";
import { accessRequestSchema } from "@/lib/validation/access-requests";
import { approveAccessRequest, declineAccessRequest } from "./decide";
import { checkFormToken, formToken } from "./form-token";
import { PENDING_REQUESTS_MAX } from "./receive";
import { sendAccessRequest } from "./send-request";

const catalog = defaultCatalog();

let address = 0;
/** A fresh address per call, so the per-address limit counts only what a test sends from it. */
const freshAddress = () => `203.0.113.${++address}`;

type Form = Record<string, string | string[]>;

function validForm(slug: string, overrides: Form = {}): Form {
  return {
    token: formToken(slug),
    requesterName: "Rita Requester",
    company: "Partner Co",
    email: "Rita@Partner.example",
    purpose: "Sync contacts nightly",
    scope: ["profiles:read", "lists:write"],
    "reason:lists": "we add subscribers",
    expiration: "30",
    ...overrides,
  };
}

function post(slug: string, form: Form, ip = freshAddress()) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) body.append(name, v);
  return sendAccessRequest(
    new Request(`http://keysmith.test/request/${slug}/send`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    }),
    slug,
    { ip, userAgent: "vitest" },
  );
}

let acme: Awaited<ReturnType<typeof createWorkspace>>;
let off: Awaited<ReturnType<typeof createWorkspace>>;
const previousMinFill = process.env.ACCESS_REQUEST_MIN_FILL_SECONDS;

beforeAll(async () => {
  process.env.AUTH_SECRET ??= "vitest-auth-secret-0123456789abcdef";
  process.env.ACCESS_REQUEST_MIN_FILL_SECONDS = "0";
  acme = await createWorkspace();
  off = await createWorkspace(["OWNER"]);
  await db.workspace.update({ where: { id: acme.workspace.id }, data: { accessRequestsEnabled: true } });
});
afterAll(() => {
  process.env.ACCESS_REQUEST_MIN_FILL_SECONDS = previousMinFill;
});

describe("sending a request", () => {
  it("stores it as typed, audits its arrival with the address, and answers 303 to the confirmation", async () => {
    const response = await post(acme.workspace.slug, validForm(acme.workspace.slug), "198.51.100.42");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/request/${acme.workspace.slug}/sent`);
    const stored = await db.accessRequest.findFirstOrThrow({ where: { workspaceId: acme.workspace.id, address: "198.51.100.42" } });
    expect(stored).toMatchObject({
      status: "pending",
      email: "rita@partner.example",
      scopes: JSON.stringify(["lists:write", "profiles:read"]),
      reasons: JSON.stringify({ lists: "we add subscribers" }),
      wishedExpiration: "30",
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: acme.workspace.id, targetId: stored.id } });
    expect(event).toMatchObject({ action: "access_request.received", actorType: "system", ip: "198.51.100.42" });
    expect(event.actorLabel).toContain("198.51.100.42");
  });

  it("keeps script-bearing text as text, for the pages to escape", async () => {
    const script = '<script>alert("x")</script>';
    const ip = freshAddress();
    expect(
      (await post(acme.workspace.slug, validForm(acme.workspace.slug, { company: script, purpose: `${script} & more` }), ip)).status,
    ).toBe(303);
    const stored = await db.accessRequest.findFirstOrThrow({ where: { address: ip } });
    expect(stored.company).toBe(script);
  });

  it("answers one and the same 404 for an unknown workspace and for one with requests off", async () => {
    const unknown = await post("no-such-workspace", validForm("no-such-workspace"));
    const disabled = await post(off.workspace.slug, validForm(off.workspace.slug));
    expect(unknown.status).toBe(404);
    expect(disabled.status).toBe(404);
    expect(await disabled.text()).toBe(await unknown.text());
    expect(await db.accessRequest.count({ where: { workspaceId: off.workspace.id } })).toBe(0);
  });

  it(`refuses the ${ACCESS_REQUESTS_PER_ADDRESS + 1}th request from one address within the hour: 429 with Retry-After`, async () => {
    const ip = freshAddress();
    for (let i = 0; i < ACCESS_REQUESTS_PER_ADDRESS; i++)
      expect((await post(acme.workspace.slug, validForm(acme.workspace.slug), ip)).status).toBe(303);
    const refused = await post(acme.workspace.slug, validForm(acme.workspace.slug), ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/Too many requests from your address\. Try again in \d+ minutes?\./);
    // Another address is not affected.
    expect((await post(acme.workspace.slug, validForm(acme.workspace.slug))).status).toBe(303);
  });

  it("refuses a body over the limit with 413 before reading it", async () => {
    const response = await post(acme.workspace.slug, validForm(acme.workspace.slug, { purpose: "x".repeat(70 * 1024) }));
    expect(response.status).toBe(413);
  });

  it("refuses oversized fields and a missing purpose with 422, naming each problem, and stores nothing", async () => {
    const ip = freshAddress();
    const response = await post(
      acme.workspace.slug,
      validForm(acme.workspace.slug, { requesterName: "n".repeat(500), purpose: "", scope: [] }),
      ip,
    );
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain("Name has at most 100 characters.");
    expect(page).toContain("Say what the integration will do.");
    expect(page).toContain("Choose at least one resource the key may access.");
    expect(await db.accessRequest.count({ where: { address: ip } })).toBe(0);
  });

  it("ignores a filled honeypot (answered as sent, nothing stored) and refuses forged, missing and too fast page tokens", async () => {
    const slug = acme.workspace.slug;
    const honeypot = freshAddress();
    expect((await post(slug, validForm(slug, { website: "https://spam.example" }), honeypot)).status).toBe(303);
    expect(await db.accessRequest.count({ where: { address: honeypot } })).toBe(0);

    expect((await post(slug, validForm(slug, { token: `${Date.now()}.forged` }))).status).toBe(422);
    expect((await post(slug, validForm(slug, { token: "" }))).status).toBe(422);
    // A token signed for another workspace does not fit this one.
    expect((await post(slug, validForm(slug, { token: formToken(off.workspace.slug) }))).status).toBe(422);

    process.env.ACCESS_REQUEST_MIN_FILL_SECONDS = "3";
    try {
      const fast = await post(slug, validForm(slug));
      expect(fast.status).toBe(422);
      expect(await fast.text()).toContain("faster than anyone can fill in the form");
      expect(checkFormToken(slug, formToken(slug, Date.now() - 4000))).toBe("ok");
    } finally {
      process.env.ACCESS_REQUEST_MIN_FILL_SECONDS = "0";
    }
    expect(checkFormToken(slug, formToken(slug, Date.now() - 25 * 3600 * 1000))).toBe("expired");
  });

  it("stops at the workspace's cap of open requests", async () => {
    const crowded = await createWorkspace(["OWNER"]);
    await pendingAccessRequest(crowded.workspace.id);
    const first = await db.accessRequest.findFirstOrThrow({ where: { workspaceId: crowded.workspace.id } });
    const { id: _id, ...row } = first;
    await db.accessRequest.createMany({ data: Array.from({ length: PENDING_REQUESTS_MAX - 1 }, () => row) });
    const response = await post(crowded.workspace.slug, validForm(crowded.workspace.slug));
    expect(response.status).toBe(429);
    expect(await response.text()).toContain("too many open requests");
  });
});

describe("validation", () => {
  it("takes reasons only for resources of the catalog", () => {
    const parsed = accessRequestSchema(catalog).safeParse({ ...accessRequestInput(), reasons: { wallets: "x" } });
    expect(parsed.success).toBe(false);
  });
});

describe("deciding a request", () => {
  it("approving creates the key as the reviewer set it, in one transaction with the approval", async () => {
    const requestId = await pendingAccessRequest(acme.workspace.id);
    const change = { ...changeBy(acme.workspace.id, acme.member("ADMIN")), workspaceName: acme.workspace.name };
    const { key, secret } = await approveAccessRequest(change, requestId, {
      name: "Partner Co integration",
      description: "",
      scopes: ["profiles:read"],
      expiration: "30",
    });
    expect(secret).toMatch(/^ksk_/);
    expect(key.scopes).toEqual(["profiles:read"]);
    const request = await db.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request).toMatchObject({ status: "approved", keyId: key.id, decidedByLabel: acme.member("ADMIN").email });
    const actions = (await db.auditEvent.findMany({ where: { workspaceId: acme.workspace.id }, orderBy: { seq: "desc" }, take: 2 })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["access_request.approved", "key.created"]);
  });

  it("two reviewers approving at once make one key, and the other is told who decided", async () => {
    const requestId = await pendingAccessRequest(acme.workspace.id);
    const keysBefore = await db.apiKey.count({ where: { workspaceId: acme.workspace.id } });
    const approve = (role: "OWNER" | "ADMIN", name: string) =>
      approveAccessRequest({ ...changeBy(acme.workspace.id, acme.member(role)), workspaceName: "Acme" }, requestId, {
        name,
        description: "",
        scopes: ["profiles:read"],
        expiration: "never",
      });
    const results = await Promise.allSettled([approve("OWNER", "Race one"), approve("ADMIN", "Race two")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason.message).toMatch(/^Already decided by .+@example\.test/);
    expect(await db.apiKey.count({ where: { workspaceId: acme.workspace.id } })).toBe(keysBefore + 1);
    expect(
      await db.auditEvent.count({ where: { workspaceId: acme.workspace.id, targetId: requestId, action: "access_request.approved" } }),
    ).toBe(1);
  });

  it("declining keeps the message; a decided request cannot be decided again", async () => {
    const requestId = await pendingAccessRequest(acme.workspace.id);
    const change = { ...changeBy(acme.workspace.id, acme.member("OWNER")), workspaceName: "Acme" };
    await declineAccessRequest(change, requestId, "We only work with certified partners.");
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      status: "declined",
      declineMessage: "We only work with certified partners.",
    });
    await expect(
      approveAccessRequest(change, requestId, { name: "Late", description: "", scopes: ["profiles:read"], expiration: "never" }),
    ).rejects.toThrow(/Already decided by .*: this request was declined/);
    expect(await db.apiKey.count({ where: { workspaceId: acme.workspace.id, name: "Late" } })).toBe(0);
  });

  it("another workspace's request answers as a missing one", async () => {
    const other = await createWorkspace(["OWNER"]);
    const requestId = await pendingAccessRequest(other.workspace.id);
    const change = { ...changeBy(acme.workspace.id, acme.member("OWNER")), workspaceName: "Acme" };
    await expect(declineAccessRequest(change, requestId, "")).rejects.toThrow("That access request was not found in this workspace.");
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("pending");
  });
});
