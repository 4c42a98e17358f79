import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { SESSION_ENDPOINT, toClientSession } from "@/lib/auth/client-session";

// Auth.js answers everything here; its session endpoint (GET, and POST for updates) is reduced to what
// the browser's scripts may know.
export async function GET(request: NextRequest) {
  const response = await handlers.GET(request);
  return request.nextUrl.pathname === SESSION_ENDPOINT ? toClientSession(response) : response;
}

export async function POST(request: NextRequest) {
  const response = await handlers.POST(request);
  return request.nextUrl.pathname === SESSION_ENDPOINT ? toClientSession(response) : response;
}
