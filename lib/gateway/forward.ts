// Gateway mode's last step (docs/gateway.md): a request the key check allowed goes to the upstream,
// signed, and the upstream's answer comes back. Bodies stream both ways with backpressure (the
// caller's request stream is the upstream request's body; each piece of the upstream's body is
// written to the caller as it arrives), over pooled keep-alive connections (undici). The handler (lib/api/handler.ts) calls this
// after the key, the IP allow-list and the scope were checked.
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Dispatcher, Pool } from "undici";
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
export type ForwardContext = {
  key: KeyRecord;
  requestId: string;
  ip: string | null;
  routedPath: string;
  /** Keysmith's own fields for the caller (a rate-limited key's RateLimit headers), over the upstream's. */
  answerHeaders?: Record<string, string>;
};

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

/** How one relayed request went: the upstream's status once its headers came (null if they never did). */
type Relayed = { upstreamStatus: number | null; upstreamMs: number; callerGone: boolean; error: unknown };

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
  function responseHeaders(upstream: Record<string, string | string[] | undefined>, context: ForwardContext) {
    const headers = endToEndHeaders(upstream, (name) => name === "request-id");
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) if (!(name in headers)) headers[name] = value;
    Object.assign(headers, context.answerHeaders, { "request-id": context.requestId });
    return headers;
  }

  /**
   * One request to the upstream, its answer relayed to `res` as it arrives: headers as soon as they
   * come, each piece of body written at once, the upstream paused while the caller's socket is full.
   * (A dispatch handler rather than undici's request(): no intermediate stream, the cheapest relay.)
   */
  function relay(options: Dispatcher.DispatchOptions, res: ServerResponse, context: ForwardContext): Promise<Relayed> {
    return new Promise((resolve) => {
      const sent = performance.now();
      let upstreamStatus: number | null = null;
      let upstreamMs: number | null = null;
      let controller: Dispatcher.DispatchController | null = null;
      let callerGone = false;
      const resume = () => controller?.resume();
      // The caller hanging up aborts the upstream request, whatever stage it is at.
      const hangUp = () => {
        if (res.writableFinished) return;
        callerGone = true;
        controller?.abort(new Error("the caller closed the connection"));
      };
      res.once("close", hangUp);
      const settle = (error: unknown) => {
        res.off("drain", resume);
        resolve({ upstreamStatus, upstreamMs: upstreamMs ?? performance.now() - sent, callerGone, error });
      };
      pool.dispatch(options, {
        onRequestStart(started) {
          controller = started;
          if (callerGone) started.abort(new Error("the caller closed the connection"));
        },
        onResponseStart(_, statusCode, headers) {
          if (statusCode < 200) return;
          upstreamMs = performance.now() - sent;
          upstreamStatus = statusCode;
          res.writeHead(statusCode, responseHeaders(headers, context));
          res.on("drain", resume);
        },
        onResponseData(paused, chunk) {
          if (!res.write(chunk)) paused.pause();
        },
        onResponseEnd() {
          res.end();
          settle(null);
        },
        onResponseError(_, error) {
          // Past the headers nothing can be said any more: ending the caller's connection is what tells it.
          if (upstreamStatus !== null) res.destroy();
          settle(error);
        },
      });
    });
  }

  async function forward(req: IncomingMessage, res: ServerResponse, context: ForwardContext): Promise<ForwardAnswer> {
    const target = upstreamTarget(req.url ?? "/", context.routedPath, config.pathPrefix);
    if (target === null) {
      const refusal = notFound("This path holds dot segments, an encoded slash or a backslash: it is not forwarded.");
      return { status: 404, decision: "not_found", refusal, written: false, upstreamStatus: null, upstreamMs: null };
    }
    const hasBody = req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
    const { upstreamStatus, upstreamMs, callerGone, error } = await relay(
      {
        path: target,
        method: (req.method ?? "GET") as Dispatcher.HttpMethod,
        headers: requestHeaders(req, target, context, hasBody),
        body: hasBody ? req : null,
      },
      res,
      context,
    );
    if (callerGone) return { status: CALLER_GONE_STATUS, decision: "allowed", written: true, upstreamStatus, upstreamMs };
    if (upstreamStatus === null) {
      const refusal = TIMEOUT_CODES.has(errorCode(error) ?? "") ? upstreamTimeout(config.timeoutMs) : upstreamUnavailable;
      return { status: refusal.status, decision: "allowed", refusal, written: false, upstreamStatus, upstreamMs };
    }
    if (error) {
      // The caller's connection was ended (above): usage records a 502 beside the upstream's status.
      console.error(`[gateway] the upstream's response to ${context.requestId} broke off: ${errorCode(error) ?? "error"}`);
      return { status: upstreamUnavailable.status, decision: "allowed", written: true, upstreamStatus, upstreamMs };
    }
    return { status: upstreamStatus, decision: "allowed", written: true, upstreamStatus, upstreamMs };
  }

  return { forward, close: () => pool.close() };
}
