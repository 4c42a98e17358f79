// Password hashing with argon2id (OWASP's first choice), parameters at OWASP's recommended minimum
// (19 MiB, 2 iterations, 1 lane) so a sign-in stays well under 100 ms on two cores. Every password is
// normalized to NFKC before hashing and before verifying, so the same password typed on another keyboard
// or system (composed or decomposed accents, full-width forms) matches (NIST SP 800-63B 3.1.1.2).
import { hash, verify } from "@node-rs/argon2";
import { normalizePassword } from "./normalize-password";

const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalizePassword(password));
  } catch {
    return false;
  }
}

// Verifying against this when the email is unknown makes both answers take the same time,
// so the response time does not tell whether an account exists.
let decoy: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoy ??= hashPassword("keysmith-decoy-password");
  return decoy;
}
