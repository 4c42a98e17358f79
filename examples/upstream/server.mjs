// An upstream service behind the Keysmith gateway: it answers only requests whose Keysmith-Signature
// verifies under UPSTREAM_SECRET (or UPSTREAM_SECRET_PREVIOUS, while the secret rotates), and tells the
// caller what Keysmith told it about them. How to run it: examples/upstream/README.md.
import { createServer } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setTimeout as wait } from "node:timers/promises";
import { verifyKeysmithSignature } from "./signature.mjs";

if (!process.env.UPSTREAM_SECRET) {
  console.error("UPSTREAM_SECRET is not set: without it no request could be verified.");
  process.exit(1);
}
const secrets = [process.env.UPSTREAM_SECRET, process.env.UPSTREAM_SECRET_PREVIOUS].filter(Boolean);
const port = Number(process.env.PORT ?? 4100);
const host = process.env.HOST ?? "127.0.0.1";
// One JSON line on stdout for each request as it arrives, signed or not: what the gateway's tests read
// to tell that a request Keysmith refused never got here.
const logRequests = process.env.LOG_REQUESTS === "1";

const MAX_JSON_BYTES = 1024 * 1024;
const MAX_LARGE_BYTES = 1024 ** 3;
const MAX_SLOW_MS = 30_000;
const CHUNK = Buffer.alloc(64 * 1024, "x");
const PROFILES = [
  { id: "prof_1", name: "Ada" },
  { id: "prof_2", name: "Grace" },
];

/** What Keysmith sent about the caller, and whether anything the caller sent Keysmith leaked through. */
function received(req) {
  const keysmith = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name.startsWith("keysmith-")));
  return {
    keysmith,
    requestId: req.headers["request-id"] ?? null,
    authorization: "authorization" in req.headers,
    cookie: "cookie" in req.headers,
    forwardedFor: req.headers["x-forwarded-for"] ?? null,
    // The names only: enough to see which of the caller's headers a gateway passed on.
    headerNames: Object.keys(req.headers).sort(),
  };
}

function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Bytes of the request body, counted as they stream by and never held. */
async function countBody(req, limit = Number.POSITIVE_INFINITY) {
  let bytes = 0;
  for await (const chunk of req) {
    bytes += chunk.length;
    if (bytes > limit) return null;
  }
  return bytes;
}

function* chunks(bytes) {
  for (let left = bytes; left > 0; left -= CHUNK.length) yield left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
}

/** `bytes` bytes, written as the client takes them. */
async function stream(res, bytes) {
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": bytes });
  // A client that goes away mid-download ends the pipeline early: nobody is left to answer.
  await pipeline(Readable.from(chunks(bytes)), res).catch(() => res.destroy());
}

const number = (url, name, max) => {
  const value = Number(url.searchParams.get(name) ?? 0);
  return Number.isSafeInteger(value) && value >= 0 && value <= max ? value : null;
};

async function answer(req, res) {
  const url = new URL(req.url, "http://upstream.invalid");
  // HEAD is answered as GET; Node leaves the body out.
  const method = req.method === "HEAD" ? "GET" : req.method;
  const route = `${method} ${url.pathname}`;
  if (route === "GET /v2/constant") return json(res, 200, { ok: true });
  if (route === "GET /v2/profiles") return json(res, 200, { profiles: PROFILES, received: received(req) });
  const one = url.pathname.match(/^\/v2\/profiles\/([^/]+)$/);
  if (method === "GET" && one) {
    const profile = PROFILES.find(({ id }) => id === decodeURIComponent(one[1]));
    return profile ? json(res, 200, { profile, received: received(req) }) : json(res, 404, { error: "not_found" });
  }
  if (route === "POST /v2/profiles") {
    const bytes = await countBody(req, MAX_JSON_BYTES);
    return bytes === null ? json(res, 413, { error: "too_large" }) : json(res, 201, { created: { bytes }, received: received(req) });
  }
  if (route === "POST /v2/upload") return json(res, 200, { bytes: await countBody(req), received: received(req) });
  if (route === "GET /v2/large") {
    const bytes = number(url, "bytes", MAX_LARGE_BYTES);
    return bytes === null ? json(res, 400, { error: "bytes must be 0 to 1 GiB" }) : stream(res, bytes);
  }
  if (route === "GET /v2/slow") {
    const ms = number(url, "ms", MAX_SLOW_MS);
    if (ms === null) return json(res, 400, { error: "ms must be 0 to 30000" });
    await wait(ms);
    return json(res, 200, { waitedMs: ms, received: received(req) });
  }
  return json(res, 404, { error: "not_found" });
}

const server = createServer((req, res) => {
  if (logRequests) {
    const line = { method: req.method, path: req.url, requestId: req.headers["request-id"] ?? null };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  const verdict = verifyKeysmithSignature(req, secrets);
  // Refused before the body is read: the connection closes rather than take an upload nobody signed.
  if (!verdict.ok) {
    res.setHeader("connection", "close");
    return json(res, 401, { error: "invalid_signature", reason: verdict.reason });
  }
  answer(req, res).catch((cause) => {
    console.error("[upstream]", cause instanceof Error ? cause.message : cause);
    if (!res.headersSent) json(res, 500, { error: "internal" });
    else res.destroy();
  });
});

server.listen(port, host, () => {
  const { port: bound } = server.address();
  process.stdout.write(`upstream listening on http://${host}:${bound}\n`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => server.close(() => process.exit(0)));
