// The one-time setup code of a production instance whose database has no user. It is printed once in the
// log of the start (or `npm run setup:code`) that issued it, and stored only as its SHA-256 in the one
// SetupCode row: every instance on the database accepts it, and a start that finds a usable code leaves
// it alone (instances restarting one after another would otherwise overwrite each other's codes). Wrong
// codes are counted in that row, atomically, so all instances share one budget: at MAX_FAILURES the code
// is burned, and so is it at expiresAt. A burned or expired code is replaced by the next issue.
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { db, type Tx } from "@/lib/db";

// Crockford's base32 without I, L, O, U: nothing to misread when copying from a terminal.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUPS = 4;
const GROUP_LENGTH = 4; // 16 characters, 80 bits

const ROW_ID = "current";
export const SETUP_CODE_LIFETIME_HOURS = 24;
/** Wrong codes, across all instances, that burn the code (80 random bits: this only ends the attempt). */
export const SETUP_CODE_MAX_FAILURES = 10;

const digest = (code: string) => createHash("sha256").update(code).digest();
/** What a person may type for the code: any case, with or without the dashes and spaces. */
const canonical = (input: string) => input.toUpperCase().replace(/[\s-]/g, "");
const storedHash = (input: string) => digest(canonical(input)).toString("hex");
const usable = (now: Date) => ({ id: ROW_ID, expiresAt: { gt: now }, failedAttempts: { lt: SETUP_CODE_MAX_FAILURES } });

function newCode(): string {
  return Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""),
  ).join("-");
}

/** A new code (shown once, here) or the usable one issued earlier, which this issue did not replace. */
export type IssuedSetupCode = { code: string; expiresAt: Date } | { code: null; createdAt: Date; expiresAt: Date };

/**
 * Issues a code unless a usable one exists; `replace` (the operator asking for a new one) discards it
 * first. Burned and expired codes are always replaced.
 */
export async function issueSetupCode({ replace = false } = {}): Promise<IssuedSetupCode> {
  const now = new Date();
  await db.setupCode.deleteMany({ where: replace ? {} : { NOT: usable(now) } });
  const code = newCode();
  const expiresAt = new Date(now.getTime() + SETUP_CODE_LIFETIME_HOURS * 3600_000);
  try {
    await db.setupCode.create({ data: { id: ROW_ID, codeHash: storedHash(code), createdAt: now, expiresAt } });
    return { code, expiresAt };
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  // Another instance issued one between our delete and insert: that one stands.
  const existing = await db.setupCode.findUnique({ where: { id: ROW_ID } });
  if (!existing) return issueSetupCode({ replace }); // and was used or discarded since: try again
  return { code: null, createdAt: existing.createdAt, expiresAt: existing.expiresAt };
}

/** True while a code was issued and not yet used up by setup, usable or not (then /setup explains). */
export async function setupCodeIssued(): Promise<boolean> {
  return (await db.setupCode.count()) > 0;
}

export type SetupCodeCheck = "right" | "wrong" | "burned" | "expired" | "none";

/** Compares the typed code in constant time; a wrong one counts against the shared budget. */
export async function checkSetupCode(input: string): Promise<SetupCodeCheck> {
  const row = await db.setupCode.findUnique({ where: { id: ROW_ID } });
  if (!row) return "none";
  if (row.failedAttempts >= SETUP_CODE_MAX_FAILURES) return "burned";
  if (row.expiresAt <= new Date()) return "expired";
  if (timingSafeEqual(digest(canonical(input)), Buffer.from(row.codeHash, "hex"))) return "right";
  // An increment in the database, guarded by the limit: concurrent wrong codes on any instances each
  // count once, and none counts past the limit. The code hash in the guard leaves a newer code alone.
  // The count is this increment's own result, so the one that reaches the limit says so.
  try {
    const counted = await db.setupCode.update({
      where: { id: ROW_ID, codeHash: row.codeHash, failedAttempts: { lt: SETUP_CODE_MAX_FAILURES } },
      data: { failedAttempts: { increment: 1 } },
      select: { failedAttempts: true },
    });
    return counted.failedAttempts < SETUP_CODE_MAX_FAILURES ? "wrong" : "burned";
  } catch (error) {
    if ((error as { code?: string }).code !== "P2025") throw error;
  }
  // Not counted: others reached the limit first, or the code was spent or replaced meanwhile.
  return (await db.setupCode.count({ where: { id: ROW_ID, codeHash: row.codeHash } })) ? "burned" : "wrong";
}

/**
 * Spends the code inside the setup's transaction: true when this transaction deleted the usable row for
 * that code. Of two setups at once only one can; the other waits on the row and then finds none.
 */
export async function consumeSetupCode(tx: Tx, input: string): Promise<boolean> {
  const { count } = await tx.setupCode.deleteMany({ where: { ...usable(new Date()), codeHash: storedHash(input) } });
  return count === 1;
}

/** Once the instance has an account, any code is worth nothing; deleting it makes that plain. */
export async function forgetSetupCode(client: Pick<Tx, "setupCode"> = db): Promise<void> {
  await client.setupCode.deleteMany();
}
