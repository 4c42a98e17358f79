import "server-only";
// The shared ends of the sign-in steps (lib/actions/sign-in.ts, lib/actions/passkey-sign-in.ts).
// Not server actions themselves: nothing here may be called from a browser with its own arguments.
import { cookies, headers } from "next/headers";
import { AuthError } from "next-auth";
import { signIn } from "./index";
import { publicOrigin } from "./public-origin";
import {
  CHALLENGE_COOKIE,
  CHALLENGE_MINUTES,
  createSignInChallenge,
  markSignInChallengeVerified,
  type PendingChallenge,
  pendingSignInChallenge,
} from "./sign-in-challenge";

export type SecondFactorState = { fieldErrors?: { code?: string[] }; formError?: string; restart?: boolean };

export const RESTART_MESSAGE = "This sign-in has expired (you have 5 minutes after the password). Sign in again.";

export async function setChallengeCookie(token: string): Promise<void> {
  (await cookies()).set(CHALLENGE_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: publicOrigin(await headers()).startsWith("https:"),
    path: "/login",
    maxAge: CHALLENGE_MINUTES * 60,
  });
}

/** The challenge this browser holds, still waiting for its second factor, or null. */
export async function currentChallenge(): Promise<PendingChallenge | null> {
  return pendingSignInChallenge((await cookies()).get(CHALLENGE_COOKIE)?.value);
}

/** The second factor passed: the challenge becomes the one-time ticket Auth.js signs in with. */
export async function finishSignIn(challenge: PendingChallenge): Promise<SecondFactorState> {
  const jar = await cookies();
  const token = jar.get(CHALLENGE_COOKIE)?.value;
  if (!token || !(await markSignInChallengeVerified(challenge.id))) return { restart: true };
  jar.delete({ name: CHALLENGE_COOKIE, path: "/login" });
  return completeSignIn(token, challenge.callbackUrl);
}

export async function completeSignIn(token: string, redirectTo: string): Promise<{ formError: string }> {
  try {
    await signIn("credentials", { challenge: token, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) return { formError: RESTART_MESSAGE };
    throw error; // the redirect that completes a successful sign-in
  }
  return { formError: RESTART_MESSAGE };
}

/**
 * Signs in an account created a moment ago by this same request (first-run setup, an accepted
 * invitation): it has just proven its password and has no second factor yet.
 */
export async function signInNewAccount(userId: string, redirectTo: string): Promise<{ formError: string }> {
  return completeSignIn(await createSignInChallenge(userId, redirectTo, true), redirectTo);
}
