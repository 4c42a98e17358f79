// The one-time setup code of a production start on a database with no user. It is printed once in the
// server log and kept in this process's memory only as its SHA-256: whoever reaches /setup first on a
// public address still needs the log to create the first account. Kept on globalThis because the
// custom server (which prints it) and Next's server bundle (whose /setup action checks it) are two
// bundled copies of this module in one process. A restart prints a new code.
import { createHash, randomInt, timingSafeEqual } from "node:crypto";

// Crockford's base32 without I, L, O, U: nothing to misread when copying from a terminal.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUPS = 4;
const GROUP_LENGTH = 4; // 16 characters, 80 bits

const state = globalThis as unknown as { __keysmithSetupCodeHash?: Buffer | null };

const digest = (code: string) => createHash("sha256").update(code).digest();
/** What a person may type for the code: any case, with or without the dashes and spaces. */
const canonical = (input: string) => input.toUpperCase().replace(/[\s-]/g, "");

/** Makes a new code, forgets any earlier one, and returns it for the log (the only place it appears). */
export function issueSetupCode(): string {
  const groups = Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""),
  );
  const code = groups.join("-");
  state.__keysmithSetupCodeHash = digest(canonical(code));
  return code;
}

export function setupCodeIssued(): boolean {
  return Boolean(state.__keysmithSetupCodeHash);
}

export function setupCodeMatches(input: string): boolean {
  const expected = state.__keysmithSetupCodeHash;
  return Boolean(expected) && timingSafeEqual(digest(canonical(input)), expected as Buffer);
}

/** Once setup is done the code is worth nothing; forgetting it makes that plain. */
export function forgetSetupCode(): void {
  state.__keysmithSetupCodeHash = null;
}
