// Passkeys (WebAuthn, through SimpleWebAuthn) as a second factor: registered on the security page,
// asked for after the password. The relying party is the dashboard's host (AUTH_URL, or the host
// the request reached); every challenge is kept server-side and used once.
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { appendAccountEvent } from "@/lib/audit/account-event";
import type { RequestOrigin } from "@/lib/audit/types";
import type { PendingChallenge } from "@/lib/auth/sign-in-challenge";
import { db } from "@/lib/db";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { hashRecoveryCode, newRecoveryCodes } from "./recovery-codes";

export type RelyingParty = { id: string; origin: string };

const CEREMONY_MS = 5 * 60_000;
const REGISTRATION_FAILED = "The passkey could not be added. Try again.";

export function relyingPartyFor(publicOrigin: string): RelyingParty {
  return { id: new URL(publicOrigin).hostname, origin: publicOrigin };
}

function parseTransports(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

export function listPasskeys(userId: string) {
  return db.passkey.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: "asc" },
  });
}

export async function startPasskeyRegistration(user: { id: string; email: string; name: string }, rp: RelyingParty) {
  const existing = await db.passkey.findMany({ where: { userId: user.id }, select: { credentialId: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: "Keysmith",
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: parseTransports(p.transports) })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await db.webAuthnChallenge.deleteMany({ where: { userId: user.id } });
  const ceremony = await db.webAuthnChallenge.create({
    data: { userId: user.id, challenge: options.challenge, expiresAt: new Date(Date.now() + CEREMONY_MS) },
  });
  return { ceremonyId: ceremony.id, options };
}

/** Verifies the browser's answer and keeps the passkey. Returns recovery codes if these are the first. */
export async function finishPasskeyRegistration(
  user: { id: string; email: string },
  input: { ceremonyId: string; name: string; response: RegistrationResponseJSON },
  rp: RelyingParty,
  origin: RequestOrigin,
): Promise<{ recoveryCodes: string[] | null }> {
  const ceremony = await db.webAuthnChallenge.findFirst({
    where: { id: input.ceremonyId, userId: user.id, expiresAt: { gt: new Date() } },
  });
  // Used up whatever the outcome: a challenge is signed once.
  const claimed = ceremony ? await db.webAuthnChallenge.deleteMany({ where: { id: ceremony.id } }) : { count: 0 };
  if (!ceremony || claimed.count !== 1) throw new UserFacingError("This passkey setup has expired. Press “Add a passkey” again.");
  const verification = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: ceremony.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) throw new UserFacingError(REGISTRATION_FAILED);
  const { credential } = verification.registrationInfo;
  return db.$transaction(async (tx) => {
    if (await tx.passkey.findUnique({ where: { credentialId: credential.id }, select: { id: true } })) {
      throw new UserFacingError("This passkey is registered already.");
    }
    await tx.passkey.create({
      data: {
        userId: user.id,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: credential.counter,
        transports: JSON.stringify(credential.transports ?? []),
        name: input.name,
      },
    });
    const firstFactor = (await tx.recoveryCode.count({ where: { userId: user.id } })) === 0;
    const recoveryCodes = firstFactor ? newRecoveryCodes() : null;
    if (recoveryCodes)
      await tx.recoveryCode.createMany({ data: recoveryCodes.map((code) => ({ userId: user.id, hash: hashRecoveryCode(code) })) });
    await appendAccountEvent(tx, { user, action: "auth.passkey_added", metadata: { name: input.name }, origin });
    return { recoveryCodes };
  });
}

export async function removePasskey(user: { id: string; email: string }, passkeyId: string, origin: RequestOrigin): Promise<void> {
  await db.$transaction(async (tx) => {
    const passkey = await tx.passkey.findFirst({ where: { id: passkeyId, userId: user.id }, select: { id: true, name: true } });
    if (!passkey) throw new NotFoundError("That passkey was not found.");
    await tx.passkey.delete({ where: { id: passkey.id } });
    const others = await tx.passkey.count({ where: { userId: user.id } });
    const app = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true } });
    if (others === 0 && !app.totpEnabledAt) await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await appendAccountEvent(tx, { user, action: "auth.passkey_removed", metadata: { name: passkey.name }, origin });
  });
}

/** At sign-in: options for the browser, the challenge kept on the sign-in challenge row. */
export async function passkeySignInOptions(challenge: PendingChallenge, rp: RelyingParty) {
  const passkeys = await db.passkey.findMany({ where: { userId: challenge.userId }, select: { credentialId: true, transports: true } });
  if (passkeys.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: parseTransports(p.transports) })),
    userVerification: "preferred",
  });
  await db.signInChallenge.update({ where: { id: challenge.id }, data: { webauthnChallenge: options.challenge } });
  return options;
}

/** Whether the browser's answer is a valid signature by one of the user's passkeys over the stored challenge. */
export async function verifyPasskeySignIn(
  challenge: PendingChallenge,
  response: AuthenticationResponseJSON,
  rp: RelyingParty,
): Promise<boolean> {
  const expected = challenge.webauthnChallenge;
  if (!expected) return false;
  // The WebAuthn challenge is used once, right or wrong.
  const claimed = await db.signInChallenge.updateMany({
    where: { id: challenge.id, webauthnChallenge: expected },
    data: { webauthnChallenge: null },
  });
  if (claimed.count !== 1) return false;
  const passkey = await db.passkey.findFirst({ where: { userId: challenge.userId, credentialId: response.id } });
  if (!passkey) return false;
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: expected,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
      counter: passkey.counter,
      transports: parseTransports(passkey.transports),
    },
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) return false;
  await db.passkey.update({
    where: { id: passkey.id },
    data: { counter: verification.authenticationInfo.newCounter, lastUsedAt: new Date() },
  });
  return true;
}
