// `npm run user:create`, run as an operator runs it (a child process, as the bundle would be), against
// this file's database: what it says and its exit code, made and refused.
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";

const root = path.resolve(import.meta.dirname, "..");

function userCreate(args: string[], password: string, env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/user-create.ts", ...args, "--password-stdin"],
      { cwd: root, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, out: stdout + stderr }),
    );
    child.stdin?.end(`${password}\n`);
  });
}

describe("npm run user:create", { timeout: 90_000 }, () => {
  it("creates the account and says what it did, exit 0", async () => {
    const answer = await userCreate(["--email", "cli@example.test", "--workspace", "Cli Co"], "a long shell password");
    expect(answer).toEqual({ code: 0, out: expect.stringContaining("user:create: created the account cli@example.test (cli)\n") });
    expect(await db.user.count({ where: { email: "cli@example.test" } })).toBe(1);
  });

  it("refuses bad input, an existing email, or a database it cannot use, with its name and exit 1", async () => {
    expect(await userCreate(["--email", "not-an-email", "--workspace", "Cli Co"], "a long shell password")).toMatchObject({
      code: 1,
      out: expect.stringMatching(/^user:create: --email: /),
    });
    expect(await userCreate(["--email", "cli@example.test", "--workspace", "Other"], "a long shell password")).toMatchObject({
      code: 1,
      out: expect.stringMatching(/^user:create: .*exists already; nothing was changed/),
    });
    expect(
      await userCreate(["--email", "x@example.test", "--workspace", "Cli Co"], "a long shell password", { DATABASE_URL: "mysql://x" }),
    ).toEqual({
      code: 1,
      out: 'user:create: DATABASE_URL must start with file: or postgresql:// (got "mysql:")\n',
    });
  });
});
