// Checks an email and password. Unknown email and wrong password give the same answer in the same
// time, and repeated failures from one address or against one account are slowed down.
import { db } from "@/lib/db";
import { decoyPasswordHash, verifyPassword } from "./password";
import { signInThrottle } from "./sign-in-throttle";

const { account: failuresPerAccount, address: failuresPerAddress } = signInThrottle;

export type CredentialCheck =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function checkCredentials(email: string, password: string, ip: string | null): Promise<CredentialCheck> {
  const accountKey = email.toLowerCase();
  const addressKey = ip ?? "unknown";
  const [account, address] = await Promise.all([failuresPerAccount.get(accountKey), failuresPerAddress.get(addressKey)]);
  const blocked = [account, address].find((r) => r && r.remainingPoints <= 0);
  if (blocked) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(blocked.msBeforeNext / 1000) };

  const user = await db.user.findUnique({
    where: { email: accountKey },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (user && valid) {
    await failuresPerAccount.delete(accountKey);
    return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
  }
  await Promise.all([failuresPerAccount.penalty(accountKey), failuresPerAddress.penalty(addressKey)]);
  return { ok: false, reason: "invalid" };
}
