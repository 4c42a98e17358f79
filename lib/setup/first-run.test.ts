import { afterEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-workspace";
import { checkCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { setupSchema } from "@/lib/validation/accounts";
import {
  announceFirstRunSetup,
  completeFirstRunSetup,
  SETUP_CODE_BURNED,
  SETUP_CODE_EXPIRED,
  SETUP_DONE,
  setupPending,
  WRONG_SETUP_CODE,
} from "./first-run";
import { forgetSetupCode, SETUP_CODE_MAX_FAILURES } from "./setup-code";

const origin = (ip = "192.0.2.40") => ({ ip, userAgent: "vitest" });
const SETUP_CODE_LINE = /first-run setup: open \/setup and enter the setup code ([0-9A-Z-]{19}) /;
/** What a production start does on an empty database; the code as its log line shows it. */
async function startAndReadCode(): Promise<string> {
  const lines: string[] = [];
  await announceFirstRunSetup((line) => lines.push(line));
  const code = SETUP_CODE_LINE.exec(lines.join("\n"))?.[1];
  if (!code) throw new Error(`no new setup code in ${JSON.stringify(lines)}`);
  return code;
}
const input = (setupCode: string, email = "first@example.test") =>
  setupSchema.parse({ setupCode, name: "First Owner", email, password: "a long first password", workspaceName: "First Co" });

afterEach(async () => {
  await forgetSetupCode();
  await db.instanceSetup.deleteMany();
  await db.workspace.deleteMany();
  await db.user.deleteMany();
});

describe("first-run setup", () => {
  it("creates the first account as Owner of a new workspace, audited, and then is done", async () => {
    const code = await startAndReadCode();
    expect(await setupPending()).toBe(true);
    const { user, workspace } = await completeFirstRunSetup(input(code.toLowerCase()), origin());
    const membership = await db.membership.findFirstOrThrow({ where: { userId: user.id } });
    expect(membership).toMatchObject({ workspaceId: workspace.id, role: "OWNER" });
    expect((await checkCredentials("first@example.test", "a long first password", "192.0.2.41")).ok).toBe(true);
    const actions = (await db.auditEvent.findMany({ where: { workspaceId: workspace.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["workspace.created", "setup.completed"]);
    expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true, throughSeq: 2 });

    expect(await setupPending()).toBe(false);
    await expect(completeFirstRunSetup(input(code, "second@example.test"), origin())).rejects.toThrow(SETUP_DONE);
    expect(await db.user.count()).toBe(1);
  });

  it("refuses a wrong code, changes nothing, and burns the code after the last wrong one", async () => {
    const code = await startAndReadCode();
    for (let i = 1; i < SETUP_CODE_MAX_FAILURES; i++) {
      await expect(completeFirstRunSetup(input("AAAA-AAAA-AAAA-AAAA"), origin(`198.51.100.${i}`))).rejects.toThrow(WRONG_SETUP_CODE);
    }
    await expect(completeFirstRunSetup(input("AAAA-AAAA-AAAA-AAAA"), origin())).rejects.toThrow(SETUP_CODE_BURNED);
    // Even the right code is refused now, from any address, and the page still explains why.
    await expect(completeFirstRunSetup(input(code), origin("192.0.2.99"))).rejects.toThrow(SETUP_CODE_BURNED);
    expect(await db.user.count()).toBe(0);
    expect(await setupPending()).toBe(true);
    // The next start issues a new code, which works.
    const fresh = await startAndReadCode();
    expect(fresh).not.toBe(code);
    await completeFirstRunSetup(input(fresh), origin());
    expect(await db.user.count()).toBe(1);
  });

  it("refuses an expired code, even the right one, until a new one is issued", async () => {
    const code = await startAndReadCode();
    await db.setupCode.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(completeFirstRunSetup(input(code), origin())).rejects.toThrow(SETUP_CODE_EXPIRED);
    expect(await db.user.count()).toBe(0);
    expect(await setupPending()).toBe(true);
  });

  it("keeps the code of an earlier start: a second start says one was issued and prints no new one", async () => {
    const code = await startAndReadCode();
    const lines: string[] = [];
    expect(await announceFirstRunSetup((line) => lines.push(line))).toBe(true);
    expect(lines).toEqual([
      expect.stringMatching(/^first-run setup: a setup code was issued at \S+ \(valid until \S+\): .*npm run setup:code/),
    ]);
    expect(lines[0]).not.toMatch(SETUP_CODE_LINE);
    await completeFirstRunSetup(input(code), origin());
    expect(await db.setupCode.count()).toBe(0); // spent with the account it made
  });

  it("gives a new code for npm run setup:code, and the earlier one stops working", async () => {
    const earlier = await startAndReadCode();
    const lines: string[] = [];
    await announceFirstRunSetup((line) => lines.push(line), { replace: true });
    const replacement = SETUP_CODE_LINE.exec(lines.join("\n"))?.[1] ?? "";
    expect(replacement).not.toBe(earlier);
    await expect(completeFirstRunSetup(input(earlier), origin())).rejects.toThrow(WRONG_SETUP_CODE);
    await completeFirstRunSetup(input(replacement), origin());
    expect(await db.user.count()).toBe(1);
  });

  it("issues nothing when the instance has accounts, and drops a code once one is made another way", async () => {
    await startAndReadCode();
    await db.user.create({ data: { email: "shell@example.test", name: "Shell", passwordHash: "x" } });
    expect(await setupPending()).toBe(false);
    expect(await db.setupCode.count()).toBe(0);
    const lines: string[] = [];
    expect(await announceFirstRunSetup((line) => lines.push(line))).toBe(false);
    expect(lines).toEqual([]);
  });

  it("lets only one of two setups at once create an account", async () => {
    const code = await startAndReadCode();
    const results = await Promise.allSettled([
      completeFirstRunSetup(input(code, "one@example.test"), origin("192.0.2.51")),
      completeFirstRunSetup(input(code, "two@example.test"), origin("192.0.2.52")),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && (refused.reason as Error).message).toBe(SETUP_DONE);
    expect(await db.user.count()).toBe(1);
    expect(await db.workspace.count()).toBe(1);
  });

  it("is not offered when no code was issued (a start that found users, or a code used up)", async () => {
    expect(await setupPending()).toBe(false);
    await expect(completeFirstRunSetup(input("AAAA-AAAA-AAAA-AAAA"), origin())).rejects.toThrow(SETUP_DONE);
  });
});
