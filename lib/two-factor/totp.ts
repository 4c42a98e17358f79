// TOTP (RFC 6238) through otpauth: SHA-1, 6 digits, 30-second steps, as every authenticator app
// expects. A code is accepted one step early or late (clock drift), and returns the time step it
// matched so the caller can refuse it a second time.
import { Secret, TOTP } from "otpauth";

const PERIOD_SECONDS = 30;

function totp(secret: string, label = "Keysmith") {
  return new TOTP({ issuer: "Keysmith", label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** A new 160-bit secret, base32 (RFC 4226's recommended length). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from the QR code (or typed by hand). */
export function totpUri(secret: string, accountEmail: string): string {
  return totp(secret, accountEmail).toString();
}

/** The time step the code belongs to, or null when it matches none of now, one before and one after. */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}
