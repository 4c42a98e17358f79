// Every second-factor check at sign-in (code, recovery code, passkey) goes through here: an attempt
// is counted before it is checked, so concurrent guesses cannot outrun the limit, and given back
// when it was right, so only wrong ones count (5 per user in 15 minutes).
import { signInThrottle } from "./sign-in-throttle";

export type AttemptOutcome = "ok" | "wrong" | "throttled";

export async function attemptSecondFactor(userId: string, check: () => Promise<boolean>): Promise<AttemptOutcome> {
  const counted = await signInThrottle.secondFactor.consume(userId).then(
    () => true,
    () => false,
  );
  if (!counted) return "throttled";
  if (!(await check())) return "wrong";
  await signInThrottle.secondFactor.reward(userId, 1);
  return "ok";
}
