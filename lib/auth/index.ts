import "server-only";
import { headers } from "next/headers";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { authConfig } from "./config";
import { requestOrigin } from "./request-origin";
import { createSession } from "./sessions";
import { consumeVerifiedChallenge } from "./sign-in-challenge";
import { recordSignInAttempt } from "./sign-in-history";
import { endSession } from "./sign-out";

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      // Not an email and password: the one-time token of a sign-in challenge that already passed the
      // password and, if the user has one, the second factor (lib/actions/sign-in.ts). Posting an
      // email and password to Auth.js's callback directly therefore signs nobody in.
      credentials: { challenge: {} },
      async authorize(raw, request) {
        const passed = await consumeVerifiedChallenge(raw?.challenge);
        if (!passed) return null;
        const user = await db.user.findUnique({ where: { id: passed.userId }, select: { id: true, email: true, name: true } });
        if (!user) return null;
        // Every factor passed: this is the sign-in the account's history and audit record as a success.
        await recordSignInAttempt(user.email, true, requestOrigin(request.headers));
        return { ...user, sessionId: await createSession(user.id) };
      },
    }),
  ],
  events: {
    // Runs inside the request that signs out (the sign-out action or Auth.js's own route), so its
    // address and browser are the ones audited.
    async signOut(message) {
      if ("token" in message && message.token?.sid) await endSession(message.token.sid, requestOrigin(await headers()));
    },
  },
});
