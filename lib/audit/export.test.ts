// The exports as the browser gets them: the route handlers, called as a member of each role, reading
// the real database. Row counts are checked against the page's own query.
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as exportAudit } from "@/app/(dashboard)/audit/export/route";
import { GET as exportUsage } from "@/app/(dashboard)/usage/export/route";
import { createApiKey } from "@/lib/api-keys/lifecycle";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { actAs } from "@/lib/testing/acting-session";
import { keyInput, workspaceWithKey } from "@/lib/testing/key-fixtures";
import { hoursAgo, recordRequests } from "@/lib/testing/usage-fixtures";
import { auditQueryOf } from "@/lib/validation/audit";
import { checkpointEvery, checkpointWorkspace, sweepCheckpoints } from "./checkpoint-sweep";
import { checkpointFile, checkpointSignatureValid, readCheckpoints } from "./checkpoints";
import { auditEventBatches } from "./queries";
import { checkpointSigner, checkpointVerifier, reloadCheckpointSigner } from "./signing-key";
import { describeVerification } from "./verify";
import { verifyExportFile } from "./verify-export";
import { verifyAuditChain } from "./verify-workspace";

vi.mock("@/lib/auth/current", () => import("@/lib/testing/acting-session"));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-export-"));
beforeAll(() => {
  process.env.AUDIT_SIGNING_KEY = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  reloadCheckpointSigner();
});
beforeEach(() => {
  process.env.AUDIT_CHECKPOINT_FILE = path.join(fs.mkdtempSync(path.join(dir, "checkpoints-")), "audit-checkpoints.jsonl");
});
afterAll(() => {
  for (const name of ["AUDIT_SIGNING_KEY", "AUDIT_CHECKPOINT_FILE"]) delete process.env[name];
  reloadCheckpointSigner();
});

const quiet = () => {};
/** What the operator hands an auditor: the checkpoint key's public half, and no audit key. */
const auditor = () => ({ keys: null, signer: checkpointVerifier(checkpointSigner().publicKey) });

/** The download saved to a file, as the auditor receives it. */
async function saved(response: Response) {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.jsonl`);
  fs.writeFileSync(file, await response.text());
  return file;
}

const jsonLines = (file: string) =>
  fs
    .readFileSync(file, "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line));

const auditExport = (query: string) => exportAudit(new Request(`http://keysmith.test/audit/export?${query}`));
const usageExport = (query: string) => exportUsage(new Request(`http://keysmith.test/usage/export?${query}`));

/** CSV records (header first): a field is quoted (quotes doubled, line breaks kept) or bare. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  for (const [, field, end] of text.matchAll(/("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n)/g)) {
    row.push(field!.startsWith('"') ? field!.slice(1, -1).replaceAll('""', '"') : field!);
    if (end === "\r\n") {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

async function countOf(workspaceId: string, params: Record<string, string>) {
  const { cursor: _cursor, ...filters } = auditQueryOf(params);
  let n = 0;
  for await (const batch of auditEventBatches(workspaceId, filters)) n += batch.length;
  return n;
}

describe("the audit log export", () => {
  it("gives Support every matching event as CSV, the filters in the file name, and records the export first", async () => {
    const acme = await workspaceWithKey({ name: '=HYPERLINK("http://evil.test")' });
    for (let i = 0; i < 3; i++) await createApiKey(acme.change, keyInput());
    const other = await workspaceWithKey();
    await actAs(acme.member("SUPPORT"), acme.workspace.id);

    const response = await auditExport("format=csv&action=key.created");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-Workspace-.+-action-key\.created\.csv"$/);
    const [header, ...rows] = csvRows(await response.text());
    expect(header).toContain("hash");
    expect(rows).toHaveLength(await countOf(acme.workspace.id, { action: "key.created" }));
    expect(rows).toHaveLength(4);
    // The formula-looking key name leaves as text.
    const label = header!.indexOf("targetLabel");
    expect(rows.map((row) => row[label])).toContain('\'=HYPERLINK("http://evil.test")');
    expect(rows.flat().join()).not.toContain(other.key.id);

    const recorded = await db.auditEvent.findFirst({ where: { workspaceId: acme.workspace.id, action: "audit.exported" } });
    expect(recorded).toMatchObject({ actorId: acme.member("SUPPORT").userId, ip: "192.0.2.10" });
    expect(JSON.parse(recorded!.metadata)).toEqual({ format: "csv", filters: { action: "key.created" } });
  });

  it("writes one event per JSON line with the chain's links, then a checkpoint signed at its last event", async () => {
    const acme = await workspaceWithKey();
    await actAs(acme.owner, acme.workspace.id);
    vi.spyOn(console, "warn").mockImplementationOnce(() => {});
    const response = await auditExport("format=jsonl");
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await response.text())
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    const { checkpoint } = lines.pop();
    expect(checkpoint).toMatchObject({ workspaceId: acme.workspace.id, seq: 2, link: lines[1].hash });
    expect(await readCheckpoints(acme.workspace.id)).toEqual([checkpoint]);
    // key.created, then the export itself (written before the first row, so it is part of the file).
    expect(lines.map((line) => line.action)).toEqual(["key.created", "audit.exported"]);
    const stored = await db.auditEvent.findMany({ where: { workspaceId: acme.workspace.id }, orderBy: { seq: "asc" } });
    expect(lines).toEqual(stored.map((event) => ({ ...event, createdAt: event.createdAt.toISOString() })));
    expect(lines[1].prevHash).toBe(lines[0].hash);
  });

  it("signs the head first, so an export N events after the last checkpoint verifies with the public key alone", async () => {
    const acme = await workspaceWithKey();
    await checkpointWorkspace(acme.workspace.id, quiet, quiet);
    for (let i = 0; i < 4; i++) await createApiKey(acme.change, keyInput());
    expect(4).toBeLessThan(checkpointEvery());
    const printed = vi.spyOn(console, "warn").mockImplementation(() => {});
    await actAs(acme.member("SUPPORT"), acme.workspace.id);

    const file = await saved(await auditExport("format=jsonl"));
    const result = await verifyExportFile(file, auditor());
    // 1 key.created, the checkpoint, 4 more, then the export itself: every one covered by a signature.
    expect(result).toEqual({ ok: true, throughSeq: 6, checkpointSeq: 6, digest: expect.any(String), unsealed: 0 });
    expect(describeVerification(result)).toBe("Chain intact through event 6");
    const [first, fresh] = await readCheckpoints(acme.workspace.id);
    expect([first?.seq, fresh?.seq]).toEqual([1, 6]);
    expect(jsonLines(file).at(-1)).toEqual({ checkpoint: fresh });
    // The sweep's log line, printed bare.
    expect(printed.mock.calls.map(([line]) => line)).toContainEqual(JSON.stringify({ auditCheckpoint: fresh }));
    printed.mockRestore();
    // Already signed: the sweep skips the head, and the next export covers its own event with one more.
    expect(await checkpointWorkspace(acme.workspace.id, quiet, quiet)).toBeNull();
  });

  it("gives concurrent exports, beside a sweep, each a valid checkpoint covering all they hold", async () => {
    const acme = await workspaceWithKey();
    await actAs(acme.owner, acme.workspace.id);
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const [files] = await Promise.all([
      Promise.all(Array.from({ length: 4 }, async () => saved(await auditExport("format=jsonl")))),
      sweepCheckpoints(quiet, quiet, 1),
      createApiKey(acme.change, keyInput()),
    ]);
    vi.mocked(console.warn).mockRestore();
    for (const file of files) {
      const lines = jsonLines(file);
      const { checkpoint } = lines.pop();
      expect(checkpoint.seq).toBe(lines.at(-1).seq);
      expect(await verifyExportFile(file, auditor())).toMatchObject({ ok: true, throughSeq: checkpoint.seq, unsealed: 0 });
    }
    const written = await readCheckpoints(acme.workspace.id);
    expect(written.every((checkpoint) => checkpointSignatureValid(checkpoint, checkpointSigner()))).toBe(true);
    // One checkpointing at a time: no head is signed twice.
    expect(new Set(written.map((checkpoint) => checkpoint.seq)).size).toBe(written.length);
    // The first key, four exports and a second key.
    expect(await verifyAuditChain(acme.workspace.id)).toMatchObject({ ok: true, throughSeq: 6 });
  });

  it("ends a filtered export at the latest checkpoint, naming the filters, which the verifier says cannot verify", async () => {
    const acme = await workspaceWithKey();
    await checkpointWorkspace(acme.workspace.id, quiet, quiet);
    await createApiKey(acme.change, keyInput());
    await actAs(acme.owner, acme.workspace.id);
    const before = fs.readFileSync(checkpointFile(), "utf8");

    const file = await saved(await auditExport("format=jsonl&action=key.created"));
    expect(jsonLines(file).map((line) => line.action ?? line)).toEqual([
      "key.created",
      "key.created",
      { checkpoint: (await readCheckpoints(acme.workspace.id))[0], filters: { action: "key.created" } },
    ]);
    expect(fs.readFileSync(checkpointFile(), "utf8")).toBe(before);
    const result = await verifyExportFile(file, auditor());
    expect(result).toMatchObject({ ok: false, kind: "filtered" });
    expect(describeVerification(result)).toBe("Chain not verified: the export is filtered, and only an export of all events verifies");
    expect(!result.ok && result.detail).toContain("(action=key.created)");
  });

  it("keeps to the session's workspace, whatever the filters name", async () => {
    const acme = await workspaceWithKey();
    const globex = await workspaceWithKey();
    await actAs(globex.owner, globex.workspace.id);
    const text = await (await auditExport(`format=csv&target=${acme.key.masked}`)).text();
    expect(text).not.toContain(acme.key.id);
    expect(text).not.toContain(acme.workspace.id);
  });
});

describe("the usage export", () => {
  it("gives the filtered requests, as many rows as match", async () => {
    const acme = await workspaceWithKey();
    const globex = await workspaceWithKey();
    await recordRequests([
      ...Array.from({ length: 5 }, () => ({ workspaceId: acme.workspace.id, keyId: acme.key.id, at: hoursAgo(2) })),
      ...Array.from({ length: 2 }, () => ({
        workspaceId: acme.workspace.id,
        keyId: acme.key.id,
        at: hoursAgo(1),
        decision: "missing_scope" as const,
      })),
      { workspaceId: globex.workspace.id, keyId: globex.key.id, at: hoursAgo(1), path: "/api/v1/lists/globex-marker" },
    ]);
    await actAs(acme.member("SUPPORT"), acme.workspace.id);

    const all = csvRows(await (await usageExport(`format=csv&keyId=${acme.key.id}`)).text());
    expect(all).toHaveLength(1 + 7);
    const denied = await usageExport("format=jsonl&outcome=denied");
    expect(denied.headers.get("content-disposition")).toMatch(/-outcome-denied\.jsonl"$/);
    const lines = (await denied.text())
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ decision: "missing_scope", outcome: "denied", keyName: acme.key.name, key: acme.key.masked });
    expect(JSON.stringify(lines)).not.toContain("globex-marker");
    expect(await db.auditEvent.count({ where: { workspaceId: acme.workspace.id, action: "usage.exported" } })).toBe(2);
  });

  it("gives a forwarded request's upstream status and time, and leaves them empty for the rest", async () => {
    const acme = await workspaceWithKey();
    await recordRequests([
      {
        workspaceId: acme.workspace.id,
        keyId: acme.key.id,
        at: hoursAgo(2),
        path: "/api/v1/forwarded",
        upstream: { status: 201, ms: 12.5 },
      },
      { workspaceId: acme.workspace.id, keyId: acme.key.id, at: hoursAgo(1), path: "/api/v1/served-here" },
    ]);
    await actAs(acme.owner, acme.workspace.id);
    const [header, forwarded, servedHere] = csvRows(await (await usageExport("format=csv")).text());
    const column = (row: string[] | undefined, name: string) => row?.[header!.indexOf(name)];
    expect(header).toEqual(expect.arrayContaining(["upstreamStatus", "upstreamMs"]));
    expect([column(forwarded, "path"), column(forwarded, "upstreamStatus"), column(forwarded, "upstreamMs")]).toEqual([
      "/api/v1/forwarded",
      "201",
      "12.5",
    ]);
    expect([column(servedHere, "upstreamStatus"), column(servedHere, "upstreamMs")]).toEqual(["", ""]);
  });

  it("answers another workspace's key 404, like a missing one, and exports nothing", async () => {
    const acme = await workspaceWithKey();
    const globex = await workspaceWithKey();
    await actAs(globex.owner, globex.workspace.id);
    const response = await usageExport(`format=csv&keyId=${acme.key.id}`);
    expect(response.status).toBe(404);
    expect(await db.auditEvent.count({ where: { workspaceId: globex.workspace.id, action: "usage.exported" } })).toBe(0);
  });
});

describe("Support", () => {
  it("holds read permissions only: no write action is open to it", () => {
    const held = Object.entries(PERMISSIONS).filter(([, roles]) => (roles as readonly string[]).includes("SUPPORT"));
    expect(held.map(([name]) => name).every((name) => name.endsWith(".read"))).toBe(true);
  });

  it("changes nothing by exporting but the export's own audit event", async () => {
    const acme = await workspaceWithKey();
    await actAs(acme.member("SUPPORT"), acme.workspace.id);
    const before = await db.apiKey.findMany({ where: { workspaceId: acme.workspace.id } });
    await (await auditExport("format=csv")).text();
    await (await usageExport("format=csv")).text();
    expect(await db.apiKey.findMany({ where: { workspaceId: acme.workspace.id } })).toEqual(before);
    const events = await db.auditEvent.findMany({ where: { workspaceId: acme.workspace.id }, orderBy: { seq: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["key.created", "audit.exported", "usage.exported"]);
  });
});
