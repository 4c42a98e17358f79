// The setup code lives in the database, not in a process: each "instance" below is a fresh copy of the
// module (vi.resetModules), as several servers behind a load balancer would each have their own.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";

type SetupCodeModule = typeof import("./setup-code");
async function instance(): Promise<SetupCodeModule> {
  vi.resetModules();
  return import("./setup-code");
}
async function issueNew(module: SetupCodeModule): Promise<string> {
  const issued = await module.issueSetupCode();
  if (issued.code === null) throw new Error("expected a new code");
  return issued.code;
}

afterEach(async () => {
  await db.setupCode.deleteMany();
});

describe("the setup code, shared by instances through the database", () => {
  it("is accepted by another instance, in any case and without dashes, and stored only as a hash", async () => {
    const code = await issueNew(await instance());
    const other = await instance();
    expect(await other.setupCodeIssued()).toBe(true);
    expect(await other.checkSetupCode(code.toLowerCase().replaceAll("-", ""))).toBe("right");
    const row = await db.setupCode.findFirstOrThrow();
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(code.replaceAll("-", ""));
  });

  it("is not overwritten by a second issue; replace makes a new one", async () => {
    const first = await instance();
    const code = await issueNew(first);
    const second = await (await instance()).issueSetupCode();
    expect(second).toEqual({ code: null, createdAt: expect.any(Date), expiresAt: expect.any(Date) });
    expect(await first.checkSetupCode(code)).toBe("right");
    const replaced = await (await instance()).issueSetupCode({ replace: true });
    expect(replaced.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await first.checkSetupCode(code)).toBe("wrong");
    expect(await first.checkSetupCode(replaced.code ?? "")).toBe("right");
  });

  it("lets concurrent starts issue one code", async () => {
    const module = await instance();
    const issued = await Promise.all([module.issueSetupCode(), module.issueSetupCode(), module.issueSetupCode()]);
    expect(issued.filter((i) => i.code !== null)).toHaveLength(1);
    expect(await db.setupCode.count()).toBe(1);
  });

  it("burns after the limit of wrong codes counted across instances, concurrent ones included", async () => {
    const first = await instance();
    const code = await issueNew(first);
    const second = await instance();
    const max = first.SETUP_CODE_MAX_FAILURES;
    const answers = await Promise.all(
      Array.from({ length: max + 3 }, (_, i) => (i % 2 ? first : second).checkSetupCode("AAAA-AAAA-AAAA-AAAA")),
    );
    expect(answers.filter((a) => a === "wrong").length).toBe(max - 1);
    expect(answers.filter((a) => a === "burned").length).toBe(4);
    expect((await db.setupCode.findFirstOrThrow()).failedAttempts).toBe(max);
    expect(await second.checkSetupCode(code)).toBe("burned");
    // A burned code does not block the next issue.
    const fresh = await issueNew(await instance());
    expect(await first.checkSetupCode(fresh)).toBe("right");
  });

  it("refuses an expired code, and the next issue replaces it", async () => {
    const module = await instance();
    const code = await issueNew(module);
    await db.setupCode.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await module.checkSetupCode(code)).toBe("expired");
    expect(await db.$transaction((tx) => module.consumeSetupCode(tx, code))).toBe(false);
    expect((await module.issueSetupCode()).code).not.toBeNull();
  });

  it("is spent by one transaction only", async () => {
    const module = await instance();
    const code = await issueNew(module);
    expect(await db.$transaction((tx) => module.consumeSetupCode(tx, "AAAA-AAAA-AAAA-AAAA"))).toBe(false);
    const spent = await Promise.all([
      db.$transaction((tx) => module.consumeSetupCode(tx, code)),
      db.$transaction((tx) => module.consumeSetupCode(tx, code)),
    ]);
    expect(spent.filter(Boolean)).toHaveLength(1);
    expect(await module.setupCodeIssued()).toBe(false);
    expect(await module.checkSetupCode(code)).toBe("none");
  });
});
