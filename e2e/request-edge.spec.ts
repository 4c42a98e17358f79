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

test.describe("the client address, behind one trusted proxy", () => {
  test("a client-written left-most X-Forwarded-For neither moves the per-address sign-in limit nor escapes it", async ({ request }) => {
    test.setTimeout(120_000);
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const attempt = async (email: string, password: string, forwardedFor: string) => {
      const response = await request.post("/api/auth/callback/credentials", {
        form: { email, password, csrfToken, callbackUrl: "/keys" },
        headers: { "x-forwarded-for": forwardedFor },
        maxRedirects: 0,
      });
      return new URL(response.headers().location ?? "", "http://x");
    };
    const run = Date.now().toString(36);
    // 50 failures from one address (the limit), each with another forged address written by the client
    // and against another account (so the per-account limit never applies).
    for (let i = 0; i < 50; i++) {
      const landed = await attempt(`nobody-xff-${run}-${i}@acme.test`, "wrong", `10.66.${i}.1, 203.0.113.77`);
      expect(landed.searchParams.get("code"), `attempt ${i + 1}`).toBe("credentials");
    }
    const owner = createWorkspaceWithOwner();
    // The 51st, with the right password and yet another forged left-most entry: the address is spent.
    const throttled = await attempt(owner.email, DEMO_PASSWORD, "10.66.200.1, 203.0.113.77");
    expect(throttled.searchParams.get("code")).toBe("throttled");
    // From another address, writing the throttled one as its left-most entry: counted as itself.
    const other = await attempt(owner.email, DEMO_PASSWORD, "203.0.113.77, 203.0.113.78");
    expect(other.pathname).toBe("/keys");
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
