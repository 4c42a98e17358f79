// app/handover/open as the browser calls it: same-origin JSON, one answer shape for every refusal,
// never cached, and a per-address limit on attempts.
import { describe, expect, it } from "vitest";
import { POST } from "@/app/handover/open/route";
import { newOneTimeToken } from "@/lib/auth/one-time-token";
import { HANDOVER_OPENS_PER_ADDRESS } from "@/lib/auth/sign-in-throttle";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";
import { createHandover } from "./handovers";

const ORIGIN = "http://keysmith.test";
let address = 0;
const nextAddress = () => `198.51.100.${++address}`;

function post(body: unknown, headers: Record<string, string> = {}, ip = nextAddress()) {
  return POST(
    new Request(`${ORIGIN}/handover/open`, {
      method: "POST",
      headers: { host: "keysmith.test", origin: ORIGIN, "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: ip, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

describe("POST /handover/open", () => {
  it("answers the first request with the secret and every later one 410 'already used', never cached", async () => {
    const ws = await workspaceWithKey();
    const { token } = await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
    const first = await post({ token });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(await first.json()).toMatchObject({ outcome: "opened", secret: ws.secret, keyName: ws.key.name });
    const second = await post({ token });
    expect(second.status).toBe(410);
    expect(second.headers.get("cache-control")).toBe("no-store");
    const text = await second.text();
    expect(JSON.parse(text)).toEqual({ outcome: "used", message: "This link was already used" });
    expect(text).not.toContain(ws.secret);
  });

  it("answers an unknown token and a malformed body with the same shape, revealing nothing", async () => {
    const unknown = await post({ token: newOneTimeToken().token });
    expect(unknown.status).toBe(410);
    expect(await unknown.json()).toEqual({ outcome: "invalid", message: "This link is not valid" });
    for (const body of ["not json", { token: 42 }, { token: "x".repeat(500) }, []]) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toEqual({ outcome: "refused", message: "This link is not valid" });
    }
  });

  it("refuses another site's request and a form post before reading the token", async () => {
    const ws = await workspaceWithKey();
    const { token } = await createHandover(ws.change, { keyId: ws.key.id, secret: ws.secret });
    expect((await post({ token }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ token }, { origin: "null" })).status).toBe(403);
    expect((await post(`token=${token}`, { "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    // Still unopened: the refusals above consumed nothing.
    expect((await post({ token })).status).toBe(200);
  });

  it("limits attempts per address", async () => {
    const ip = nextAddress();
    for (let i = 0; i < HANDOVER_OPENS_PER_ADDRESS; i++) expect((await post({ token: newOneTimeToken().token }, {}, ip)).status).toBe(410);
    const limited = await post({ token: newOneTimeToken().token }, {}, ip);
    expect(limited.status).toBe(429);
    expect((await limited.json()).message).toMatch(/Too many attempts/);
    expect((await post({ token: newOneTimeToken().token })).status).toBe(410);
  });
});
