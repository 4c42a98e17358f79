"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { checkCredentials } from "@/lib/auth/credentials";
import { clientIp, requestOrigin } from "@/lib/auth/request-origin";
import { attemptSecondFactor } from "@/lib/auth/second-factor-attempt";
import { createSignInChallenge } from "@/lib/auth/sign-in-challenge";
import { recordSignInAttempt } from "@/lib/auth/sign-in-history";
import { completeSignIn, currentChallenge, finishSignIn, type SecondFactorState, setChallengeCookie } from "@/lib/auth/sign-in-steps";
import { db } from "@/lib/db";
import { redeemRecoveryCode, redeemTotpCode, twoFactorStatus, WRONG_CODE } from "@/lib/two-factor/two-factor";
import { signInSchema } from "@/lib/validation/sign-in";

/** The second factors the account has: the form offers only these (a recovery code only while one is unused). */
export type SecondFactorMethods = { totp: boolean; passkey: boolean; recoveryCode: boolean };

export type SignInState = {
  fieldErrors?: { email?: string[]; password?: string[] };
  formError?: string;
  email?: string;
  /** Set when the password was right and a second factor is needed next. */
  secondFactor?: SecondFactorMethods;
};

const TOO_MANY = "Too many failed attempts. Wait 15 minutes, then try again.";

export type { SecondFactorState };

// Step one, a plain form action (progressively enhanced through useActionState): it works before hydration.
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const raw = { email: formData.get("email"), password: formData.get("password"), callbackUrl: formData.get("callbackUrl") ?? undefined };
  const email = typeof raw.email === "string" ? raw.email.slice(0, 254) : "";
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { email, fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const requestHeaders = await headers();
  const result = await checkCredentials(parsed.data.email, parsed.data.password, clientIp(requestHeaders));
  // A wrong password is in the account's history (throttled attempts are not: nothing was checked).
  if (!result.ok && result.reason === "invalid") await recordSignInAttempt(parsed.data.email, false, requestOrigin(requestHeaders));
  if (!result.ok) return { email, formError: result.reason === "throttled" ? TOO_MANY : "Incorrect email or password." };

  const status = await twoFactorStatus(result.user.id);
  const methods = { totp: status.totp, passkey: status.passkeys > 0, recoveryCode: status.recoveryCodesLeft > 0 };
  const needsSecondFactor = methods.totp || methods.passkey;
  const token = await createSignInChallenge(result.user.id, parsed.data.callbackUrl, !needsSecondFactor);
  if (!needsSecondFactor) return completeSignIn(token, parsed.data.callbackUrl);
  await setChallengeCookie(token);
  return { email, secondFactor: methods };
}

/** Step two with a code from the authenticator app, or a recovery code (form field "kind"). */
export async function verifySecondFactorAction(_previous: SecondFactorState, formData: FormData): Promise<SecondFactorState> {
  const recovery = formData.get("kind") === "recovery";
  const raw = formData.get("code");
  const code = typeof raw === "string" ? raw.trim() : "";
  if (!code) return { fieldErrors: { code: [recovery ? "Enter one of your recovery codes." : "Enter the 6-digit code from your app."] } };
  if (code.length > 64) return { fieldErrors: { code: ["That is not a code: it is far too long."] } };
  const challenge = await currentChallenge();
  if (!challenge) return { restart: true };
  const user = await db.user.findUniqueOrThrow({ where: { id: challenge.userId }, select: { id: true, email: true } });
  const origin = requestOrigin(await headers());
  const outcome = await attemptSecondFactor(user.id, () =>
    recovery ? redeemRecoveryCode(user, code, origin) : redeemTotpCode(user.id, code),
  );
  if (outcome === "throttled") return { formError: TOO_MANY };
  if (outcome === "wrong") {
    await recordSignInAttempt(user.email, false, origin);
    return { fieldErrors: { code: [recovery ? "That recovery code is not right, or it was used already." : WRONG_CODE] } };
  }
  return finishSignIn(challenge);
}
