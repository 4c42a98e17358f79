// One node:http server, one port: /api/v1/* goes to the lean API handler (lib/api), everything else
// to Next (pages, server actions, Auth.js). See DESIGN.md "Architecture" for why.
import http from "node:http";
import next from "next";
import { handleApiRequest, sendInternalError } from "@/lib/api/handler";
import { closeKeyLookup } from "@/lib/api-keys/key-lookup";
import { db } from "@/lib/db";
import { ensureAuthSecret } from "@/lib/setup/auth-secret";
import { announceFirstRunSetup } from "@/lib/setup/first-run";
import { prepareDatabase } from "@/lib/setup/prepare-database";
import { usageRecorder } from "@/lib/usage/recorder";

const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
// Behind a reverse proxy that sets X-Forwarded-For, TRUST_PROXY=true keeps it; otherwise the socket decides.
const trustProxy = process.env.TRUST_PROXY === "true";
const log = (line: string) => console.warn(`[keysmith] ${line}`);

ensureAuthSecret();
await prepareDatabase(log);
await announceFirstRunSetup(log);

const server = http.createServer();
const app = next({ dev, hostname, port, httpServer: server });
const handleNext = app.getRequestHandler();
await app.prepare();

let draining = false;
server.on("request", (req, res) => {
  if (draining) res.setHeader("connection", "close");
  if (!trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  if (req.url?.startsWith("/api/v1/")) {
    handleApiRequest(req, res).catch((error: unknown) => {
      console.error("[keysmith] api error", error instanceof Error ? error.message : error);
      sendInternalError(res);
    });
    return;
  }
  // Server action responses can carry a new key's secret (create, rotate): never let anything cache them.
  if (req.method === "POST" && req.headers["next-action"]) res.setHeader("cache-control", "no-store");
  void handleNext(req, res);
});

server.listen(port, hostname, () => {
  log(`ready on http://localhost:${port} (${dev ? "development" : "production"})`);
  usageRecorder.startPruning();
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
  // Every request served is in usage before the process ends (DESIGN.md, invariant 7); if some could
  // not be written, the exit code says so to whatever supervises the process.
  const lost = await usageRecorder.close();
  await app.close?.();
  await closeKeyLookup();
  await db.$disconnect();
  log(lost ? `stopped; ${lost} usage events lost` : "stopped");
  process.exit(lost ? 1 : 0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
