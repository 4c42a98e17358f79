// `npm run audit:verify`, run as an operator runs it (a child process, as the bundle would be), against
// this file's database and against exported files: its answer and its exit code.
import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent } from "@/lib/audit/append";
import { reloadAuditKeys } from "@/lib/audit/audit-keys";
import { checkpointWorkspace } from "@/lib/audit/checkpoint-sweep";
import { latestCheckpoint } from "@/lib/audit/checkpoints";
import { reloadCheckpointSigner } from "@/lib/audit/signing-key";
import { db } from "@/lib/db";
import { createWorkspace, userActor } from "@/lib/testing/factories";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-verify-"));

beforeAll(() => {
  process.env.AUDIT_KEY = "audit-key-cli-0123456789abcdefghijklmnopqrstuvwxyz";
  process.env.AUDIT_SIGNING_KEY = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  process.env.AUDIT_CHECKPOINT_FILE = path.join(dir, "audit-checkpoints.jsonl");
  reloadAuditKeys();
  reloadCheckpointSigner();
});
afterAll(() => {
  for (const name of ["AUDIT_KEY", "AUDIT_SIGNING_KEY", "AUDIT_CHECKPOINT_FILE"]) delete process.env[name];
  reloadAuditKeys();
  reloadCheckpointSigner();
});

function auditVerify(...args: string[]): Promise<{ code: number; out: string }> {
  return auditVerifyIn({}, ...args);
}

/** The command with `env` over this process's environment (undefined: unset), run from a folder of its own when any is unset. */
async function auditVerifyIn(env: Record<string, string | undefined>, ...args: string[]): Promise<{ code: number; out: string }> {
  const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, value]) => value !== undefined));
  // An auditor's machine has no data folder of the server's: a fresh working directory has none.
  const cwd = Object.keys(env).length ? fs.mkdtempSync(path.join(dir, "auditor-")) : root;
  try {
    const { stdout } = await run(
      path.join(root, "node_modules/.bin/tsx"),
      ["--tsconfig", path.join(root, "tsconfig.json"), path.join(root, "scripts/audit-verify.ts"), ...args],
      {
        cwd,
        env: merged as NodeJS.ProcessEnv,
      },
    );
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

async function workspaceWithEvents(count: number) {
  const { workspace, member } = await createWorkspace(["OWNER"]);
  for (let i = 0; i < count; i++) {
    await db.$transaction((tx) =>
      appendAuditEvent(tx, {
        workspaceId: workspace.id,
        actor: userActor(member("OWNER")),
        action: "key.created",
        target: { type: "api_key", id: `k${i}`, label: `Key ${i}` },
        origin: { ip: "192.0.2.1", userAgent: "vitest" },
      }),
    );
  }
  await checkpointWorkspace(
    workspace.id,
    () => {},
    () => {},
  );
  return workspace;
}

/** An export in the documented format (docs/audit-export.md), rows in any order. */
async function exportFile(workspaceId: string, edit: (lines: object[]) => object[] = (lines) => lines) {
  const rows = await db.auditEvent.findMany({ where: { workspaceId }, orderBy: { seq: "desc" } });
  const file = path.join(dir, `${workspaceId}-${Math.random().toString(36).slice(2)}.jsonl`);
  const lines = [...edit(rows), { checkpoint: await latestCheckpoint(workspaceId) }];
  fs.writeFileSync(file, lines.map((line) => JSON.stringify(line)).join("\n"));
  return file;
}

describe("npm run audit:verify", { timeout: 90_000 }, () => {
  it("answers intact with exit 0, and broken with the event named and exit 1", async () => {
    const workspace = await workspaceWithEvents(3);
    expect(await auditVerify("--workspace", workspace.slug)).toEqual({ code: 0, out: "Chain intact through event 3\n" });
    await db.auditEvent.updateMany({ where: { workspaceId: workspace.id, seq: 2 }, data: { targetLabel: "Another key" } });
    const broken = await auditVerify("--workspace", workspace.slug);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain("Chain broken at event 2: altered");
  });

  it("is a usage error (exit 2) without one of --workspace and --file, or with an unknown slug or file", async () => {
    for (const args of [
      [],
      ["--workspace", "a", "--file", "b"],
      ["--workspace", "no-such-workspace"],
      ["--file", path.join(dir, "absent.jsonl")],
      ["--bogus"],
    ]) {
      const answer = await auditVerify(...args);
      expect(answer.code, args.join(" ")).toBe(2);
      expect(answer.out).toContain("usage: npm run audit:verify");
    }
  });

  it("verifies an export offline: intact, an edited line, a tail cut before the checkpoint, a file not in the format", async () => {
    const workspace = await workspaceWithEvents(4);
    expect(await auditVerify("--file", await exportFile(workspace.id))).toEqual({ code: 0, out: "Chain intact through event 4\n" });

    const edited = await exportFile(workspace.id, (rows) =>
      rows.map((row) => ((row as { seq: number }).seq === 3 ? { ...row, actorLabel: "x@example.test" } : row)),
    );
    expect(await auditVerify("--file", edited)).toMatchObject({
      code: 1,
      out: expect.stringContaining("Chain broken at event 3: altered"),
    });

    const cut = await exportFile(workspace.id, (rows) => rows.filter((row) => (row as { seq: number }).seq <= 2));
    expect(await auditVerify("--file", cut)).toMatchObject({
      code: 1,
      out: expect.stringContaining("Chain broken at event 3: truncated after checkpoint 4"),
    });

    const malformed = path.join(dir, "malformed.jsonl");
    fs.writeFileSync(malformed, '{"seq": 1}\n');
    expect(await auditVerify("--file", malformed)).toMatchObject({ code: 2, out: expect.stringContaining("line 1") });
  });

  it("answers a filtered export not verified (exit 1), naming its filters, rather than events missing", async () => {
    const workspace = await workspaceWithEvents(3);
    const file = path.join(dir, "filtered.jsonl");
    const rows = await db.auditEvent.findMany({ where: { workspaceId: workspace.id, seq: { in: [1, 3] } } });
    const trailer = {
      checkpoint: await latestCheckpoint(workspace.id),
      filters: { action: "key.created", to: "2026-12-04T00:00:00.000Z" },
    };
    fs.writeFileSync(file, [...rows, trailer].map((line) => JSON.stringify(line)).join("\n"));
    expect(await auditVerify("--file", file)).toEqual({
      code: 1,
      out:
        "Chain not verified: the export is filtered, and only an export of all events verifies\n" +
        "the export was filtered (action=key.created, to=2026-12-04T00:00:00.000Z), so it leaves events out and cannot be verified: export the audit log in JSON Lines with no filters to verify it\n",
    });
  });

  it("verifies an export for an auditor with only the printed public key: 0 intact, 1 broken or forged, 2 usage", async () => {
    const printed = await auditVerify("--print-public-key");
    expect(printed.code).toBe(0);
    expect(printed.out).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
    const publicKeyFile = path.join(dir, "audit-public-key.pem");
    fs.writeFileSync(publicKeyFile, printed.out);
    const base64 = printed.out
      .split("\n")
      .filter((line) => line && !line.startsWith("-----"))
      .join("");
    const workspace = await workspaceWithEvents(4);
    const intact = await exportFile(workspace.id);
    // The auditor's machine: no audit key, no signing key (the data folder of the temporary directory is empty).
    const auditor = { AUDIT_KEY: undefined, AUDIT_SIGNING_KEY: undefined };
    for (const given of [publicKeyFile, base64])
      expect(await auditVerifyIn(auditor, "--file", intact, "--public-key", given)).toEqual({
        code: 0,
        out: "Chain intact through event 4\n",
      });

    const edited = await exportFile(workspace.id, (rows) =>
      rows.map((row) => ((row as { seq: number }).seq === 2 ? { ...row, actorLabel: "x@example.test" } : row)),
    );
    expect(await auditVerifyIn(auditor, "--file", edited, "--public-key", publicKeyFile)).toMatchObject({
      code: 1,
      out: expect.stringContaining("Chain broken at event 4: altered"),
    });
    const stranger = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "der" }).toString("base64");
    expect(await auditVerifyIn(auditor, "--file", intact, "--public-key", stranger)).toMatchObject({
      code: 1,
      out: expect.stringContaining("forged checkpoint"),
    });

    for (const args of [
      ["--file", intact, "--public-key", "not a key"],
      ["--workspace", workspace.slug, "--public-key", publicKeyFile],
      ["--print-public-key", "--file", intact],
      ["--file", intact, "--public-key"],
    ]) {
      const answer = await auditVerifyIn(auditor, ...args);
      expect(answer.code, args.join(" ")).toBe(2);
      expect(answer.out).toContain("usage: npm run audit:verify");
    }
  });
});
