// `npm run setup:code`, run as an operator runs it (a child process, as the bundle would be), against
// this file's database: the new code it prints replaces the stored one; refused once an account exists.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkSetupCode, issueSetupCode } from "@/lib/setup/setup-code";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const NEW_CODE_LINE = /^setup:code: first-run setup: open \/setup and enter the setup code ([0-9A-Z-]{19}) /m;

async function setupCode(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(path.join(root, "node_modules/.bin/tsx"), ["scripts/setup-code.ts"], { cwd: root });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

describe("npm run setup:code", { timeout: 90_000 }, () => {
  it("prints a new code that replaces the one a start issued", async () => {
    const started = await issueSetupCode();
    const answer = await setupCode();
    expect(answer.code).toBe(0);
    const printed = NEW_CODE_LINE.exec(answer.out)?.[1] ?? "";
    expect(await checkSetupCode(printed)).toBe("right");
    expect(await checkSetupCode(started.code ?? "")).toBe("wrong");
  });

  it("issues nothing once the instance has an account", async () => {
    await db.user.create({ data: { email: "someone@example.test", name: "Someone", passwordHash: "x" } });
    expect(await setupCode()).toEqual({ code: 1, out: expect.stringMatching(/^setup:code: this instance has accounts already/) });
    expect(await db.setupCode.count()).toBe(0);
  });
});
