// Flood protection for the public request form, without a CAPTCHA: the page signs the time it was
// rendered (HMAC under a key derived from AUTH_SECRET, with its own label), and a submission is
// accepted only between ACCESS_REQUEST_MIN_FILL_SECONDS after that and a day later. A script that
// posts without loading the page, or faster than anyone can type, is refused; one that replays an old
// page meets the per-address limit (lib/auth/sign-in-throttle.ts).
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

const LABEL = "keysmith access request form v1";
const DEFAULT_MIN_FILL_SECONDS = 3;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

function signature(slug: string, renderedAt: number): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: the access request form cannot be signed");
  const key = Buffer.from(hkdfSync("sha256", secret, "", LABEL, 32));
  return createHmac("sha256", key).update(`${slug}\n${renderedAt}`).digest("base64url");
}

export function minFillSeconds(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.ACCESS_REQUEST_MIN_FILL_SECONDS);
  return env.ACCESS_REQUEST_MIN_FILL_SECONDS !== undefined && Number.isFinite(configured) && configured >= 0
    ? configured
    : DEFAULT_MIN_FILL_SECONDS;
}

/** The token the page puts in the form: when it was rendered, and a signature binding that to the workspace. */
export function formToken(slug: string, now = Date.now()): string {
  return `${now}.${signature(slug, now)}`;
}

export type FormTokenCheck = "ok" | "invalid" | "too_fast" | "expired";

export function checkFormToken(slug: string, token: unknown, now = Date.now()): FormTokenCheck {
  if (typeof token !== "string" || token.length > 100) return "invalid";
  const [time, given] = token.split(".");
  const renderedAt = Number(time);
  if (!given || !/^\d{1,15}$/.test(time ?? "")) return "invalid";
  const expected = Buffer.from(signature(slug, renderedAt));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return "invalid";
  if (now - renderedAt > MAX_AGE_MS) return "expired";
  if (now - renderedAt < minFillSeconds() * 1000) return "too_fast";
  return "ok";
}
