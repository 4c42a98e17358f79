// Gateway mode's last step (docs/gateway.md): a request the key check allowed goes to the upstream,
// signed, and the upstream's answer comes back. Bodies stream both ways with backpressure (the
// caller's request stream is the upstream request's body; the upstream's body is piped to the
// caller), over pooled keep-alive connections (undici). The handler (lib/api/handler.ts) calls this
// after the key, the IP allow-list and the scope were checked.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { Pool } from "undici";
import { type ApiError, notFound, upstreamTimeout, upstreamUnavailable } from "@/lib/api/errors";
import type { KeyRecord } from "@/lib/api-keys/key-lookup";
import { parseTrustProxy, servedOverHttps } from "@/lib/http/client-address";
import { API_SECURITY_HEADERS } from "@/lib/http/security-headers";
import type { Decision } from "@/lib/usage/rows";
import type { GatewayConfig } from "./config";
import { endToEndHeaders } from "./hop-by-hop";
import { IDENTITY_HEADERS, SIGNATURE_HEADER, scopesHeader, signUpstreamRequest } from "./signature";
import { upstreamTarget } from "./upstream-path";

/** Connections kept open to the upstream at most; requests beyond them wait for one to free up. */
const MAX_CONNECTIONS = 128;

/** The request as the handler checked it. */
export type ForwardContext = { key: KeyRecord; requestId: string; ip: string | null; routedPath: string };

/**
 * What became of the request, for the handler's usage row. `written` means the response was already
 * sent (or the caller's connection dropped); otherwise the handler writes `refusal` in the API's error
 * shape. `upstreamMs` is the upstream's time to its response headers (or until it failed).
 */
export type ForwardAnswer = {
  status: number;
  decision: Decision;
  refusal?: ApiError;
  written: boolean;
  upstreamStatus: number | null;
  upstreamMs: number | null;
};

/** nginx's code for "the client closed the request": what usage records when the caller left first. */
export const CALLER_GONE_STATUS = 499;
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT"]);

// Never passed on: the caller's credentials stay with Keysmith, and what Keysmith itself tells the
// upstream (identity, Request-Id, the client's address) must not be the caller's to forge. Host and
// Expect are set (or handled) by the connection to the upstream.
const DROPPED_FROM_REQUEST = /^(authorization|cookie|host|expect|request-id|forwarded|x-real-ip|x-forwarded-.*|keysmith-.*|x-keysmith-.*)$/;

const errorCode = (cause: unknown): string | undefined =>
  cause && typeof cause === "object" && "code" in cause ? String((cause as { code: unknown }).code) : undefined;

export type Gateway = {
  forward(req: IncomingMessage, res: ServerResponse, context: ForwardContext): Promise<ForwardAnswer>;
  close(): Promise<void>;
};

export function createGateway(config: GatewayConfig): Gateway {
  const pool = new Pool(config.origin, {
    connections: MAX_CONNECTIONS,
    connectTimeout: config.timeoutMs,
    // Both are idle timeouts: headersTimeout restarts whenever a piece of the request body is written,
    // so a long upload is not cut short, and bodyTimeout is the longest pause within the upstream's body.
    headersTimeout: config.timeoutMs,
    bodyTimeout: config.timeoutMs,
  });
  const trustedHops = parseTrustProxy(process.env.TRUST_PROXY);

  function requestHeaders(req: IncomingMessage, target: string, context: ForwardContext, hasBody: boolean) {
    const headers = endToEndHeaders(req.headers, (name) => DROPPED_FROM_REQUEST.test(name) || (!hasBody && name === "content-length"));
    const scopes = scopesHeader(context.key.scopes);
    const signature = signUpstreamRequest({
      method: req.method ?? "GET",
      path: target,
      keyId: context.key.id,
      workspaceId: context.key.workspaceId,
      scopes,
      requestId: context.requestId,
      secret: config.secrets,
    });
    return {
      ...headers,
      host: config.origin.host,
      ...(context.ip ? { "x-forwarded-for": context.ip } : {}),
      "x-forwarded-proto": servedOverHttps(req, trustedHops) ? "https" : "http",
      [IDENTITY_HEADERS.keyId]: context.key.id,
      [IDENTITY_HEADERS.workspaceId]: context.key.workspaceId,
      [IDENTITY_HEADERS.scopes]: scopes,
      "request-id": context.requestId,
      [SIGNATURE_HEADER]: signature,
    };
  }

  /** The upstream's headers for the caller: end-to-end ones, Keysmith's Request-Id, and the API's security headers it did not set itself. */
  function responseHeaders(upstream: Record<string, string | string[] | undefined>, requestId: string) {
    const headers = endToEndHeaders(upstream, (name) => name === "request-id");
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) if (!(name in headers)) headers[name] = value;
    headers["request-id"] = requestId;
    return headers;
  }

  async function forward(req: IncomingMessage, res: ServerResponse, context: ForwardContext): Promise<ForwardAnswer> {
    const target = upstreamTarget(req.url ?? "/", context.routedPath, config.pathPrefix);
    if (target === null) {
      const refusal = notFound("This path holds dot segments, an encoded slash or a backslash: it is not forwarded.");
      return { status: 404, decision: "not_found", refusal, written: false, upstreamStatus: null, upstreamMs: null };
    }
    // The caller hanging up aborts the upstream request, whatever stage it is at.
    const abort = new AbortController();
    let callerGone = false;
    res.once("close", () => {
      if (res.writableFinished) return;
      callerGone = true;
      abort.abort();
    });
    const hasBody = req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
    const sent = performance.now();
    let response: Awaited<ReturnType<Pool["request"]>>;
    try {
      response = await pool.request({
        path: target,
        method: (req.method ?? "GET") as "GET",
        headers: requestHeaders(req, target, context, hasBody),
        body: hasBody ? req : null,
        signal: abort.signal,
      });
    } catch (cause) {
      const upstreamMs = performance.now() - sent;
      if (callerGone) return { status: CALLER_GONE_STATUS, decision: "allowed", written: true, upstreamStatus: null, upstreamMs };
      const refusal = TIMEOUT_CODES.has(errorCode(cause) ?? "") ? upstreamTimeout(config.timeoutMs) : upstreamUnavailable;
      return { status: refusal.status, decision: "allowed", refusal, written: false, upstreamStatus: null, upstreamMs };
    }
    const upstreamMs = performance.now() - sent;
    const upstreamStatus = response.statusCode;
    res.writeHead(upstreamStatus, responseHeaders(response.headers, context.requestId));
    try {
      await pipeline(response.body, res);
      return { status: upstreamStatus, decision: "allowed", written: true, upstreamStatus, upstreamMs };
    } catch (cause) {
      // Headers are out: nothing can be said any more but that the response is broken, so the
      // caller's connection ends (pipeline destroyed it) and usage records a 502 beside the upstream's status.
      if (callerGone) return { status: CALLER_GONE_STATUS, decision: "allowed", written: true, upstreamStatus, upstreamMs };
      console.error(`[gateway] the upstream's response to ${context.requestId} broke off: ${errorCode(cause) ?? "error"}`);
      return { status: upstreamUnavailable.status, decision: "allowed", written: true, upstreamStatus, upstreamMs };
    }
  }

  return { forward, close: () => pool.close() };
}
