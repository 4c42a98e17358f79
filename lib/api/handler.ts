// The public API's lean router: plain node:http, outside Next's routing (DESIGN.md, "Architecture").
// Nothing here may import next/*, server-only, React or app/.
import type { IncomingMessage, ServerResponse } from "node:http";
import { db } from "@/lib/db";
import { type ApiError, errorBody } from "./errors";

const JSON_HEADERS = { "content-type": "application/vnd.api+json", "cache-control": "no-store" };

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...JSON_HEADERS, ...headers, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function sendError(res: ServerResponse, error: ApiError) {
  send(res, error.status, errorBody(error));
}

async function health(res: ServerResponse) {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    send(res, 200, JSON.stringify({ status: "ok", database: "reachable" }));
  } catch {
    sendError(res, { status: 503, code: "unavailable", title: "Service unavailable", detail: "The database is not reachable." });
  }
}

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?", 1)[0];
  if (path === "/api/v1/health" && (req.method === "GET" || req.method === "HEAD")) return health(res);
  sendError(res, { status: 404, code: "not_found", title: "Not found", detail: `No endpoint at ${req.method} ${path}.` });
}

export function sendInternalError(res: ServerResponse) {
  if (res.headersSent) return void res.end();
  sendError(res, {
    status: 500,
    code: "internal",
    title: "Internal error",
    detail: "Something went wrong on our side; the request changed nothing it could not finish.",
  });
}
