import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { signInSchema } from "@/lib/validation/sign-in";
import { authConfig } from "./config";
import { checkCredentials } from "./credentials";
import { clientIp, requestOrigin } from "./request-origin";
import { createSession, deleteSession } from "./sessions";
import { recordSignInAttempt } from "./sign-in-history";

class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await checkCredentials(parsed.data.email, parsed.data.password, clientIp(request.headers));
        if (result.ok || result.reason === "invalid")
          await recordSignInAttempt(parsed.data.email, result.ok, requestOrigin(request.headers));
        if (!result.ok) {
          if (result.reason === "throttled") throw new ThrottledSignIn();
          return null;
        }
        return { ...result.user, sessionId: await createSession(result.user.id) };
      },
    }),
  ],
  events: {
    async signOut(message) {
      if ("token" in message && message.token?.sid) await deleteSession(message.token.sid);
    },
  },
});
