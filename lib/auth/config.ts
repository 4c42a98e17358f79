// The part of the Auth.js configuration that needs no database: proxy.ts uses it to read the token.
import type { NextAuthConfig } from "next-auth";
import { databaseOutageLog } from "@/lib/database-outage-log";
import { safeCallbackPath } from "@/lib/validation/sign-in";
import { SESSION_MAX_AGE_SECONDS } from "./session-max-age";

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // The custom server answers on whatever host it is reached by; AUTH_URL pins it in production.
  trustHost: true,
  providers: [],
  callbacks: {
    // Every redirect Auth.js makes (after sign-in, sign-out, its own pages) stays on this origin: the
    // same check as the sign-in form's, so no value reaches the browser that it could read as another host.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, baseUrl) ?? "/keys"}`;
    },
    jwt({ token, user }) {
      // The token carries only the id of the server-side session row (see lib/auth/sessions.ts).
      if (user?.sessionId) token.sid = user.sessionId;
      return token;
    },
    session({ session, token }) {
      session.sessionId = token.sid;
      return session;
    },
  },
  logger: {
    // A wrong password is an expected outcome, already answered on the form; not an error to log.
    error(error) {
      // Class names are minified in the build; Auth.js errors carry their kind in `type`.
      const type = (error as { type?: string }).type ?? error.name;
      if (type === "CredentialsSignin") return;
      // A session looked up while the database is away: one line for the outage, not one per page.
      databaseOutageLog.failed("sign-in", error, (message) => console.error(`[auth] ${type}: ${message}`));
    },
  },
} satisfies NextAuthConfig;
