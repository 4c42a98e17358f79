// One normalization for every password, before hashing, verifying and checking the rules: NFKC, so
// the same password typed on another keyboard or system matches (NIST SP 800-63B 3.1.1.2). No
// dependencies, so validation (lib/validation/password.ts) can use it without argon2.
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}
