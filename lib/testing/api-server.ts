// The lean API handlers (/api/v1 and the verify endpoint) on an ephemeral port, as server.ts serves them, for tests that speak HTTP to it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { handleApiRequest, sendInternalError } from "@/lib/api/handler";
import { handleVerifyRequest, isVerifyTarget } from "@/lib/api/verify-endpoint";

export function serveApiForTests() {
  const server = http.createServer((req, res) => {
    const handle = isVerifyTarget(req.url ?? "") ? handleVerifyRequest : handleApiRequest;
    handle(req, res).catch(() => sendInternalError(res));
  });
  const state = { base: "" };
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    request(path: string, init: { method?: string; key?: string; body?: unknown; headers?: Record<string, string> } = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.key) headers.authorization = `Bearer ${init.key}`;
      if (init.body !== undefined) headers["content-type"] ??= "application/json";
      return fetch(`${state.base}${path}`, {
        method: init.method ?? "GET",
        headers,
        body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
      });
    },
  };
}
