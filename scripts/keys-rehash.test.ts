// `npm run keys:rehash`, run as an operator runs it (a child process, as the bundle would be), against
// this file's database: what it moves, what it says, and its exit code when it cannot run.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { hashKey } from "@/lib/api-keys/key-format";
import { LEGACY_ALGORITHM } from "@/lib/api-keys/key-hash";
import { db } from "@/lib/db";
import { workspaceWithKey } from "@/lib/testing/key-fixtures";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const PEPPER = "pepper-cli-0123456789abcdefghijklmnopqrstuvwxyz";

async function keysRehash(env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(path.join(root, "node_modules/.bin/tsx"), ["scripts/keys-rehash.ts"], {
      cwd: root,
      env: { ...process.env, KEY_PEPPER: PEPPER, ...env },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

/** A key as an older version stored it: the bare SHA-256 of the secret. */
async function legacyKey() {
  const created = await workspaceWithKey();
  await db.apiKey.update({ where: { id: created.key.id }, data: { hash: hashKey(created.secret), hashAlgorithm: LEGACY_ALGORITHM } });
  return created.key.id;
}

describe("npm run keys:rehash", { timeout: 90_000 }, () => {
  it("moves every bare SHA-256 key to the pepper and says how many; a second run moves none", async () => {
    const ids = [await legacyKey(), await legacyKey()];
    const first = await keysRehash();
    expect(first).toEqual({ code: 0, out: expect.stringContaining("keys moved from bare SHA-256 to the current pepper: 2\n") });
    const stored = await db.apiKey.findMany({ where: { id: { in: ids } }, select: { hashAlgorithm: true } });
    expect(stored.map((key) => key.hashAlgorithm)).toEqual([
      expect.stringMatching(/^hmac-sha256:/),
      expect.stringMatching(/^hmac-sha256:/),
    ]);
    expect(await keysRehash()).toEqual({ code: 0, out: "keys moved from bare SHA-256 to the current pepper: 0\n" });
  });

  it("counts keys under a pepper it no longer has, and leaves them", async () => {
    await keysRehash();
    const other = "pepper-gone-0123456789abcdefghijklmnopqrstuvwxyz";
    const answer = await keysRehash({ KEY_PEPPER: other, KEY_PEPPER_PREVIOUS: PEPPER });
    expect(answer.code).toBe(0);
    expect(answer.out).toMatch(/keys still under the previous pepper hmac-sha256:\S+: [1-9]\d* \(they move on their next use/);
  });

  it("fails with its name, the reason and exit 1 on a database it cannot use or a pepper it refuses", async () => {
    expect(await keysRehash({ DATABASE_URL: "mysql://db.example/keys" })).toEqual({
      code: 1,
      out: 'keys:rehash: DATABASE_URL must start with file: or postgresql:// (got "mysql:")\n',
    });
    const short = await keysRehash({ KEY_PEPPER: "short" });
    expect(short.code).toBe(1);
    expect(short.out).toMatch(/^keys:rehash: KEY_PEPPER must be at least 32 characters/);
  });
});
