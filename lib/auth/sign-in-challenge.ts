// Between the password and the second factor. The password step makes a challenge: a random token
// in an httpOnly, SameSite=Lax cookie (sent only to /login), its hash in the database, bound to the
// user, for 5 minutes. The second step marks it verified; Auth.js then consumes it, once, to make
// the session. Auth.js never accepts an email and password on their own (lib/auth/index.ts), so
// nobody can skip the second step by posting to its callback directly.
import { db } from "@/lib/db";
import { hashOneTimeToken, isOneTimeTokenShape, newOneTimeToken } from "./one-time-token";

export const CHALLENGE_COOKIE = "keysmith-sign-in";
export const CHALLENGE_MINUTES = 5;

export type PendingChallenge = { id: string; userId: string; callbackUrl: string; webauthnChallenge: string | null };

/** After the password. verified: the user has no second factor, so the password was enough. */
export async function createSignInChallenge(userId: string, callbackUrl: string, verified: boolean): Promise<string> {
  const { token, hash } = newOneTimeToken();
  const now = new Date();
  await db.signInChallenge.deleteMany({ where: { userId, expiresAt: { lte: now } } });
  await db.signInChallenge.create({
    data: {
      tokenHash: hash,
      userId,
      callbackUrl,
      verifiedAt: verified ? now : null,
      expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
    },
  });
  return token;
}

/** The challenge waiting for its second factor, or null (missing, expired, already verified, tampered). */
export async function pendingSignInChallenge(token: string | undefined): Promise<PendingChallenge | null> {
  if (!isOneTimeTokenShape(token)) return null;
  return db.signInChallenge.findFirst({
    where: { tokenHash: hashOneTimeToken(token), verifiedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, userId: true, callbackUrl: true, webauthnChallenge: true },
  });
}

export async function markSignInChallengeVerified(id: string): Promise<boolean> {
  const marked = await db.signInChallenge.updateMany({
    where: { id, verifiedAt: null, expiresAt: { gt: new Date() } },
    data: { verifiedAt: new Date(), webauthnChallenge: null },
  });
  return marked.count === 1;
}

/** Auth.js's side: a verified, unexpired challenge is used up and names the user; anything else is null. */
export async function consumeVerifiedChallenge(token: unknown): Promise<{ userId: string } | null> {
  if (!isOneTimeTokenShape(token)) return null;
  const tokenHash = hashOneTimeToken(token);
  const row = await db.signInChallenge.findFirst({
    where: { tokenHash, verifiedAt: { not: null }, expiresAt: { gt: new Date() } },
    select: { id: true, userId: true },
  });
  if (!row) return null;
  // Deleted before the session is made: of two requests with one token, only one gets a count of 1.
  const deleted = await db.signInChallenge.deleteMany({ where: { id: row.id } });
  return deleted.count === 1 ? { userId: row.userId } : null;
}
