"use server";
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { headers } from "next/headers";
import { publicOrigin } from "@/lib/auth/public-origin";
import { attemptSecondFactor } from "@/lib/auth/second-factor-attempt";
import { currentChallenge, finishSignIn, type SecondFactorState } from "@/lib/auth/sign-in-steps";
import { passkeySignInOptions, relyingPartyFor, verifyPasskeySignIn } from "@/lib/two-factor/passkeys";

// Step two with a passkey: the options for navigator.credentials.get, then the signed answer.
// Both act only on the sign-in challenge in this browser's httpOnly cookie.
export async function passkeySignInOptionsAction(): Promise<{ options: PublicKeyCredentialRequestOptionsJSON } | { restart: true }> {
  const challenge = await currentChallenge();
  const options = challenge ? await passkeySignInOptions(challenge, relyingPartyFor(publicOrigin(await headers()))) : null;
  return options ? { options } : { restart: true };
}

export async function verifyPasskeySignInAction(response: AuthenticationResponseJSON): Promise<SecondFactorState> {
  const challenge = await currentChallenge();
  if (!challenge) return { restart: true };
  if (typeof response !== "object" || response === null || typeof response.id !== "string")
    return { formError: "The passkey did not answer. Try again." };
  const rp = relyingPartyFor(publicOrigin(await headers()));
  const outcome = await attemptSecondFactor(challenge.userId, () => verifyPasskeySignIn(challenge, response, rp));
  if (outcome === "throttled") return { formError: "Too many failed attempts. Wait 15 minutes, then try again." };
  if (outcome === "wrong") return { formError: "That passkey was not accepted. Try again, or use a code." };
  return finishSignIn(challenge);
}
