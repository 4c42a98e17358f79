// One node:http server, one port: /api/v1/* and /api/keysmith/verify go to the lean API handlers (lib/api), everything else
// to Next (pages, server actions, Auth.js). Why: docs/decisions/0001-custom-server-in-front-of-next.md.
import http from "node:http";
import next from "next";
import { handleApiRequest, sendInternalError } from "@/lib/api/handler";
import { scanUrlForKeys } from "@/lib/api/keys-in-url";
import { handleVerifyRequest, isVerifyTarget } from "@/lib/api/verify-endpoint";
import { closeKeyLookup } from "@/lib/api-keys/key-lookup";
import { startCheckpointing } from "@/lib/audit/checkpoint-sweep";
import { db } from "@/lib/db";
import { activeGateway, closeGateway } from "@/lib/gateway/active";
import { GatewayConfigError } from "@/lib/gateway/config";
import { startHandoverExpirySweep } from "@/lib/handover/expiry";
import { CLIENT_ADDRESS_HEADER, clientAddress, parseTrustProxy, servedOverHttps } from "@/lib/http/client-address";
import { parseRequestTarget, SERVER_METHODS } from "@/lib/http/request-target";
import { ROUTER_STATE_HEADER, routerStateIsReadable } from "@/lib/http/router-state";
import {
  API_SECURITY_HEADERS,
  createNonce,
  PAGE_SECURITY_HEADERS,
  pageContentSecurityPolicy,
  STRICT_TRANSPORT_SECURITY,
} from "@/lib/http/security-headers";
import { defaultKeyRateLimit } from "@/lib/rate-limit/default-key-rate-limit";
import { apiLimiters, closeApiLimiters } from "@/lib/rate-limit/process-limiters";
import { CatalogFileError, catalogPath, loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { ensureAuthSecret } from "@/lib/setup/auth-secret";
import { announceFirstRunSetup } from "@/lib/setup/first-run";
import { prepareDatabase } from "@/lib/setup/prepare-database";
import { usageRecorder } from "@/lib/usage/recorder";

const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
// How many reverse proxies in front may append to X-Forwarded-For (lib/http/client-address.ts); a
// value that means nothing stops the start rather than trusting the wrong address.
const trustedHops = parseTrustProxy(process.env.TRUST_PROXY);
// Likewise DEFAULT_KEY_RATE_LIMIT and FAILED_AUTH_LIMIT_PER_MINUTE: read once here so a typo stops the
// start with its message; the limiters connect to Redis (REDIS_URL) before the first request.
defaultKeyRateLimit();
apiLimiters();
const publicUrlIsHttps = /^https:\/\//i.test(process.env.AUTH_URL ?? "");
const log = (line: string) => console.warn(`[keysmith] ${line}`);

// The scope catalog first: an invalid file stops the start with every problem, by line and field,
// before anything else is touched (lib/scopes/loaded-catalog.ts).
try {
  const catalog = loadedCatalog();
  log(`scope catalog: ${catalog.resources.length} resources from ${catalogPath()}`);
} catch (error) {
  if (!(error instanceof CatalogFileError)) throw error;
  console.error(`[keysmith] ${error.message}`);
  process.exit(1);
}
// Gateway mode (docs/gateway.md): its settings too are checked before the database is touched, so a
// wrong one stops the start with a message naming it rather than failing the first request.
try {
  if (activeGateway()) log("gateway mode: requests the catalog allows go to UPSTREAM_URL");
} catch (cause) {
  if (!(cause instanceof GatewayConfigError)) throw cause;
  console.error(`[keysmith] ${cause.message}`);
  process.exit(1);
}
ensureAuthSecret();
await prepareDatabase(log);
await announceFirstRunSetup(log);

const server = http.createServer();
const app = next({ dev, hostname, port, httpServer: server });
const handleNext = app.getRequestHandler();
// The API does not need Next: the server listens at once and serves keys while Next loads its pages (a
// few seconds on a busy machine), so a restart after a crash is over as soon as the database is ready.
// Until Next is, pages answer 503 with Retry-After.
let pagesReady = false;
app.prepare().then(
  () => {
    pagesReady = true;
    log(`ready on http://localhost:${port} (${dev ? "development" : "production"})`);
  },
  (error: unknown) => {
    console.error("[keysmith] Next.js could not start", error);
    process.exit(1);
  },
);

/** A short answer from this server itself, for targets neither router should see. */
function answerPlain(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  const body = status === 204 ? "" : `${text}\n`;
  res.writeHead(status, {
    ...API_SECURITY_HEADERS,
    "content-type": "text/plain; charset=utf-8",
    ...headers,
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

function prepareForNext(req: http.IncomingMessage, res: http.ServerResponse) {
  // The one decision about the client address, handed to Next in a header only this server writes.
  const address = clientAddress({ socketAddress: req.socket.remoteAddress, forwardedFor: req.headers["x-forwarded-for"] }, trustedHops);
  req.headers[CLIENT_ADDRESS_HEADER] = address ?? "";
  const servedOverTls = servedOverHttps(req, trustedHops);
  const https = servedOverTls || publicUrlIsHttps;
  // The scheme is decided here too, once: whatever the client (or a chain of proxies) wrote, Next,
  // Auth.js and lib/auth/public-origin.ts read this one value.
  req.headers["x-forwarded-proto"] = servedOverTls ? "https" : "http";
  // Without a trusted proxy, the other forwarding headers are the client's own words: Next and
  // Auth.js must not take them for the proxy's.
  if (trustedHops === 0) {
    delete req.headers["x-forwarded-for"];
    delete req.headers["x-forwarded-host"];
  }
  // Next reads the nonce from the request's policy and puts it on every script it renders.
  const nonce = createNonce();
  const policy = pageContentSecurityPolicy(nonce, { dev, https });
  req.headers["content-security-policy"] = policy;
  req.headers["x-nonce"] = nonce;
  for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) res.setHeader(name, value);
  res.setHeader("content-security-policy", policy);
  if (https) res.setHeader("strict-transport-security", STRICT_TRANSPORT_SECURITY);
}

let draining = false;
server.on("request", (req, res) => {
  if (draining) res.setHeader("connection", "close");
  const target = parseRequestTarget(req.method, req.url);
  if (target.kind === "server") return answerPlain(res, 204, "", { allow: SERVER_METHODS });
  if (target.kind === "invalid") return answerPlain(res, 400, "Bad request: the request target is not a path on this server.");
  req.url = target.path;
  const api = target.path.startsWith("/api/v1/") ? handleApiRequest : isVerifyTarget(target.path) ? handleVerifyRequest : null;
  if (api) {
    api(req, res).catch((error: unknown) => {
      // The message only, any key in it redacted: a log line must never hold a secret.
      console.error("[keysmith] api error", scanUrlForKeys(error instanceof Error ? error.message : String(error)).redacted);
      sendInternalError(res);
    });
    return;
  }
  if (!routerStateIsReadable(req.headers[ROUTER_STATE_HEADER])) {
    return answerPlain(res, 400, "Bad request: the Next-Router-State-Tree header cannot be read.");
  }
  if (!pagesReady) return answerPlain(res, 503, "Starting: the dashboard is ready in a moment.", { "retry-after": "1" });
  prepareForNext(req, res);
  // Server action responses can carry a new key's secret (create, rotate): never let anything cache them.
  if (req.method === "POST" && req.headers["next-action"]) res.setHeader("cache-control", "no-store");
  void handleNext(req, res);
});

// Verifies each workspace's audit tail (since its last checkpoint) and logs the answer, then signs
// checkpoints at start and on schedule; each checkpoint is also printed as one bare JSON line.
let stopCheckpointing = () => {};
// Records the expiry of unopened handover links (their audit event) and empties their sealed secrets.
let stopHandoverSweep = () => {};

server.listen(port, hostname, () => {
  log(`listening on http://localhost:${port}: the API now, pages once Next.js is ready`);
  usageRecorder.startPruning();
  stopHandoverSweep = startHandoverExpirySweep(log);
  startCheckpointing(log, (line) => console.warn(line)).then(
    (stop) => {
      stopCheckpointing = stop;
    },
    (error: unknown) => log(`audit verification at start failed: ${error instanceof Error ? error.message : String(error)}`),
  );
});

async function shutdown(signal: string) {
  if (draining) return;
  draining = true;
  log(`${signal}: finishing in-flight requests`);
  const force = setTimeout(() => server.closeAllConnections(), Number(process.env.SHUTDOWN_GRACE_MS || 10_000));
  force.unref();
  // Sockets that were busy at the signal linger for keepAliveTimeout after their last answer; reap them.
  const reaper = setInterval(() => server.closeIdleConnections(), 100);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  clearInterval(reaper);
  // Every request served is in usage before the process ends (docs/security.md, invariant 7); if some could
  // not be written, the exit code says so to whatever supervises the process.
  stopCheckpointing();
  stopHandoverSweep();
  const lost = await usageRecorder.close();
  await app.close?.();
  await closeKeyLookup();
  await closeGateway();
  closeApiLimiters();
  await db.$disconnect();
  log(lost ? `stopped; ${lost} usage events lost` : "stopped");
  process.exit(lost ? 1 : 0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
