// A first filter only: sends visitors without a valid session token to /login and back afterwards.
// Every page, server action and route handler authorizes again in the server (lib/auth/current.ts).

import { NextResponse } from "next/server";
import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";
import { loginPath, REQUESTED_PATH_HEADER } from "@/lib/auth/login-redirect";

const { auth } = NextAuth(authConfig);

export const proxy = auth((request) => {
  const requested = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (!request.auth) return NextResponse.redirect(new URL(loginPath(requested), request.nextUrl));
  // Set here, whatever the browser sent: the page reads it if the server-side session turns out gone.
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, requested);
  return NextResponse.next({ request: { headers } });
});

export const config = {
  // Not: the sign-in page, first-run setup, invitation and handover links (each checks its own token or code),
  // anything under /api (Auth.js itself, the public API with keys rather than sessions, the dashboard's
  // JSON reads that answer 401 in JSON rather than redirect a fetch to an HTML page, the readiness probe;
  // an unknown /api path answers a plain 404, never a sign-in page), Next's assets and the site icon (a
  // signed-out browser asking for it got the sign-in page instead). Each name ends at a
  // "/" or the end: a bare prefix would also let "/loginx" or "/apix" through.
  matcher: [
    "/((?!(?:login|setup|invite|handover|forgot-password|reset-password|api)(?:/|$)|_next/static/|_next/image(?:/|$)|favicon.ico$|icon.svg$).*)",
  ],
};
