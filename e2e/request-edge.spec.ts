// The server's request edge against the built app (issue 11): the client address behind a trusted
// proxy (the e2e server runs with TRUST_PROXY=1; a test plays the proxy by appending an address to
// X-Forwarded-For), HSTS behind an HTTPS proxy, request targets no router understands, and what
// /api/auth/session tells scripts.
import net from "node:net";
import {
  createWorkspaceWithOwner,
  DEMO_PASSWORD,
  expect,
  insertApiKeys,
  pageHeading,
  signIn,
  signOut,
  test,
  USERS,
  uniqueName,
  withDatabase,
} from "./fixtures";

type RawAnswer = { status: number; head: string };

/** One request written byte for byte, for request-targets an HTTP client library will not send. */
function rawRequest(baseURL: string, requestLine: string, extraHeaders = ""): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let received = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      received += chunk;
    });
    socket.on("error", reject);
    socket.on("end", () => {
      const head = received.split("\r\n\r\n")[0] ?? "";
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head: head.toLowerCase() });
    });
    socket.write(`${requestLine}\r\nHost: ${hostname}:${port}\r\n${extraHeaders}Connection: close\r\n\r\n`);
  });
}

test.describe("request targets", () => {
  test("OPTIONS * answers 204 with Allow; other odd targets never answer 5xx", async ({ baseURL }) => {
    const server = await rawRequest(baseURL!, "OPTIONS * HTTP/1.1");
    expect(server.status).toBe(204);
    expect(server.head).toContain("allow: get, head, post, patch, delete, options");
    expect(server.head).toContain("x-content-type-options: nosniff");

    expect((await rawRequest(baseURL!, "GET * HTTP/1.1")).status).toBe(400);
    expect((await rawRequest(baseURL!, "GET keys HTTP/1.1")).status).toBe(400);
    // The absolute-form, which a server must accept, is served like its path.
    expect((await rawRequest(baseURL!, `GET ${baseURL}/api/v1/health HTTP/1.1`)).status).toBe(200);

    for (const line of [
      "OPTIONS /keys HTTP/1.1",
      "OPTIONS /api/v1/lists HTTP/1.1",
      "OPTIONS /login HTTP/1.1",
      "GET /% HTTP/1.1",
      "GET /%E0%A4%A HTTP/1.1",
      "GET /keys?% HTTP/1.1",
      "GET /api/v1/%zz HTTP/1.1",
      "GET /api/v1/lists/%00 HTTP/1.1",
      "GET //evil.test/keys HTTP/1.1",
      "HEAD /login HTTP/1.1",
      "PROPFIND /keys HTTP/1.1",
    ]) {
      const { status } = await rawRequest(baseURL!, line);
      expect(status, line).toBeGreaterThanOrEqual(200);
      expect(status, line).toBeLessThan(500);
    }
  });
});

test.describe("the verify endpoint", () => {
  test("is served by the lean API handler, off (404 in the API's error shape) without KEYSMITH_SERVICE_TOKEN", async ({ request }) => {
    const response = await request.post("/api/keysmith/verify", { data: { key: "ksk_x", scope: "profiles:read" } });
    expect(response.status()).toBe(404);
    const requestId = response.headers()["request-id"];
    expect(requestId).toBeTruthy();
    expect(await response.json()).toMatchObject({ errors: [{ id: requestId, status: "404", code: "not_found" }] });
  });
});

test.describe("router-state header", () => {
  test("a malformed Next-Router-State-Tree answers 400 to a signed-in user, never 500", async ({ page }) => {
    await signIn(page, USERS.owner);
    for (const header of ["{", "%E0%A4%A", encodeURIComponent(JSON.stringify({ children: [] }))]) {
      const response = await page.request.get("/keys", { headers: { rsc: "1", "next-router-state-tree": header } });
      expect(response.status(), header).toBe(400);
    }
    // The header the client router really sends still works.
    const valid = encodeURIComponent(JSON.stringify(["", { children: ["keys", { children: ["__PAGE__", {}] }] }]));
    const served = await page.request.get("/keys", { headers: { rsc: "1", "next-router-state-tree": valid } });
    expect(served.status()).toBe(200);
  });
});

test.describe("the client address, behind one trusted proxy", () => {
  test("a client-written left-most X-Forwarded-For neither moves the per-address sign-in limit nor escapes it", async ({ page }) => {
    test.setTimeout(180_000);
    // Through the sign-in form, as a browser behind the proxy would: the proxy appends the address it
    // saw (the right-most entry); whatever the client wrote before it changes nothing.
    const attempt = async (email: string, password: string, forwardedFor: string) => {
      await page.setExtraHTTPHeaders({ "x-forwarded-for": forwardedFor });
      // React resets the form once the last answer's transition ends, which can come after its text is
      // shown: typing before that reset would be wiped, and an empty password sent.
      await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
      await page.getByLabel("Email", { exact: true }).fill(email);
      await page.getByLabel("Password", { exact: true }).fill(password);
      // Each answer before the next attempt: the form shows the last answer's text until the new one comes.
      const answered = page.waitForResponse(
        (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/login",
      );
      await page.getByRole("button", { name: "Sign in" }).click();
      await answered;
    };
    const refusal = page.getByRole("main").getByRole("alert");
    await page.goto("/login");
    const run = Date.now().toString(36);
    // 50 failures from one address (the limit), each with another forged address written by the client
    // and against another account (so the per-account limit never applies).
    for (let i = 0; i < 50; i++) {
      await attempt(`nobody-xff-${run}-${i}@acme.test`, `wrong-${i}`, `10.66.${i}.1, 203.0.113.77`);
      await expect(refusal, `attempt ${i + 1}`).toHaveText("Incorrect email or password.");
      await expect(page.getByLabel("Email", { exact: true })).toHaveValue(`nobody-xff-${run}-${i}@acme.test`);
    }
    const owner = createWorkspaceWithOwner();
    // The 51st, with the right password and yet another forged left-most entry: the address is spent.
    await attempt(owner.email, DEMO_PASSWORD, "10.66.200.1, 203.0.113.77");
    await expect(refusal).toHaveText("Too many failed attempts. Wait 15 minutes, then try again.");
    // From another address, writing the throttled one as its left-most entry: counted as itself.
    await attempt(owner.email, DEMO_PASSWORD, "203.0.113.77, 203.0.113.78");
    await expect(page).toHaveURL((url) => url.pathname === "/keys");
  });

  test("audit events record the address the proxy appended, not what the client wrote", async ({ page }) => {
    await signIn(page, USERS.owner);
    const [key] = insertApiKeys("Acme", [{ name: uniqueName("XFF key") }]);
    await page.setExtraHTTPHeaders({ "x-forwarded-for": "6.6.6.6, 203.0.113.90", "x-keysmith-client-ip": "6.6.6.7" });
    await page.goto(`/keys/${key!.id}`);
    await expect(pageHeading(page, key!.name)).toBeVisible();
    await page.getByRole("button", { name: "Revoke" }).click();
    await page
      .getByRole("alertdialog", { name: `Revoke ${key!.name}?` })
      .getByRole("button", { name: "Revoke key" })
      .click();
    await expect(page.getByText(`${key!.name} was revoked.`)).toBeVisible();
    const event = withDatabase(
      (db) => db.prepare(`SELECT ip FROM "AuditEvent" WHERE action = 'key.revoked' AND targetId = ?`).get(key!.id) as { ip: string | null },
    );
    expect(event.ip).toBe("203.0.113.90");
  });

  test("HSTS is sent when the trusted proxy says the client came over HTTPS", async ({ request }) => {
    const https = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    expect(https.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
    const http = await request.get("/login");
    expect(http.headers()["strict-transport-security"]).toBeUndefined();
  });
});

test.describe("/api/auth/session", () => {
  test("tells scripts who is signed in and until when, never the session's id; nothing once signed out", async ({ page, context }) => {
    const signedOut = await page.request.get("/api/auth/session");
    expect(await signedOut.json()).toBeNull();

    await signIn(page, USERS.admin);
    const response = await page.request.get("/api/auth/session");
    const text = await response.text();
    const session = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(session).sort()).toEqual(["expires", "user"]);
    expect(session.user).toEqual({ name: USERS.admin.name, email: USERS.admin.email });
    expect(response.headers()["cache-control"]).toContain("no-store");
    const sessionIds = withDatabase(
      (db) =>
        db.prepare(`SELECT s.id FROM "Session" s JOIN "User" u ON u.id = s.userId WHERE u.email = ?`).all(USERS.admin.email) as {
          id: string;
        }[],
    );
    expect(sessionIds.length).toBeGreaterThan(0);
    for (const { id } of sessionIds) expect(text).not.toContain(id);

    // Signed out: the server-side session is gone, so the old cookie is no session either.
    const cookies = await context.cookies();
    await signOut(page, USERS.admin);
    await context.addCookies(cookies);
    expect(await (await page.request.get("/api/auth/session")).json()).toBeNull();
  });
});
