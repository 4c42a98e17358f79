// An auditor's check of an export: the file as auditExportChunks writes it, verified with nothing but the
// checkpoint key's public half (no audit key), and every way of changing the FILE named, as the
// operator's check with the audit key names it.
import { generateKeyPairSync, sign } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createWorkspace, userActor } from "@/lib/testing/factories";
import { appendAuditEvent } from "./append";
import { loadAuditKeys, reloadAuditKeys } from "./audit-keys";
import { canonicalJson } from "./canonical";
import { checkpointWorkspace } from "./checkpoint-sweep";
import { appendCheckpoint, latestCheckpoint, signCheckpoint } from "./checkpoints";
import { EMPTY_DIGEST, nextContentDigest } from "./content-digest";
import { auditExportChunks } from "./export";
import { eventText } from "./hash";
import { checkpointSigner, checkpointVerifier, reloadCheckpointSigner } from "./signing-key";
import { type ExportVerifier, verifyExportFile } from "./verify-export";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-export-"));
type Line = Record<string, unknown>;

beforeAll(() => {
  process.env.AUDIT_KEY = "audit-key-export-0123456789abcdefghijklmnopqrstuvwxyz";
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

/** What the operator hands an auditor: the public key, and no audit key. */
const auditor = (): ExportVerifier => ({ keys: null, signer: checkpointVerifier(checkpointSigner().publicKey) });

async function appendEvents(workspaceId: string, actor: ReturnType<typeof userActor>, count: number) {
  for (let i = 0; i < count; i++)
    await db.$transaction((tx) =>
      appendAuditEvent(tx, {
        workspaceId,
        actor,
        action: "key.created",
        target: { type: "api_key", id: `k${i}`, label: `Key ${i}` },
        metadata: { scopes: ["lists:read"], i },
        origin: { ip: "192.0.2.1", userAgent: "vitest" },
      }),
    );
}

/** A workspace of `count` events, checkpointed after the last; `after` more follow the checkpoint. */
async function checkpointedWorkspace(count: number, after = 0) {
  const { workspace, member } = await createWorkspace(["OWNER"]);
  await appendEvents(workspace.id, userActor(member("OWNER")), count);
  await checkpointWorkspace(
    workspace.id,
    () => {},
    () => {},
  );
  await appendEvents(workspace.id, userActor(member("OWNER")), after);
  return workspace.id;
}

/**
 * The export as auditExportChunks writes it, ending at the latest checkpoint (as one from before exports
 * had the head signed), its lines passed through `edit` (event lines only) before writing.
 */
async function exported(workspaceId: string, edit: (events: Line[]) => Line[] = (events) => events) {
  let text = "";
  const { auditSeq } = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
  const snapshot = { throughSeq: auditSeq, checkpoint: await latestCheckpoint(workspaceId) };
  for await (const chunk of auditExportChunks(workspaceId, {}, "jsonl", snapshot)) text += chunk;
  const lines = text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Line);
  const trailer = lines.pop()!;
  return write([...edit(lines), trailer].map((line) => JSON.stringify(line)).join("\n"));
}

function write(text: string) {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.jsonl`);
  fs.writeFileSync(file, text);
  return file;
}

const withSeq = (seq: number) => (line: Line) => line.seq === seq;

describe("verifying an export with the public key alone", () => {
  it("verifies an untouched export through its checkpoint", async () => {
    const workspaceId = await checkpointedWorkspace(5);
    expect(await verifyExportFile(await exported(workspaceId), auditor())).toMatchObject({
      ok: true,
      throughSeq: 5,
      checkpointSeq: 5,
      unsealed: 0,
    });
  });

  it("signs the same content digest an auditor recomputes from the events, continued from checkpoint to checkpoint", async () => {
    const workspaceId = await checkpointedWorkspace(3, 2);
    // The second checkpoint walks only the two events since the first, from its digest.
    expect(
      await checkpointWorkspace(
        workspaceId,
        () => {},
        () => {},
      ),
    ).toMatchObject({ seq: 5 });
    const rows = await db.auditEvent.findMany({ where: { workspaceId }, orderBy: { seq: "asc" } });
    const digest = rows.reduce((previous, row) => nextContentDigest(previous, eventText(row)), EMPTY_DIGEST);
    expect((await latestCheckpoint(workspaceId))?.digest).toBe(digest);
    expect(await verifyExportFile(await exported(workspaceId), auditor())).toMatchObject({ ok: true, throughSeq: 5, unsealed: 0 });
  });

  it("vouches only up to the checkpoint for events that follow it", async () => {
    const workspaceId = await checkpointedWorkspace(3, 2);
    expect(await verifyExportFile(await exported(workspaceId), auditor())).toMatchObject({ ok: true, throughSeq: 3, unsealed: 2 });
  });

  it("catches an edited event: altered, against the checkpoint, and named exactly where the audit key is held", async () => {
    const workspaceId = await checkpointedWorkspace(5);
    const file = await exported(workspaceId, (events) =>
      events.map((line) => (withSeq(2)(line) ? { ...line, targetLabel: "Another key" } : line)),
    );
    expect(await verifyExportFile(file, auditor())).toMatchObject({ ok: false, kind: "altered", brokenAtSeq: 5, checkpointSeq: 5 });
    expect(await verifyExportFile(file, { ...auditor(), keys: loadAuditKeys() })).toMatchObject({
      ok: false,
      kind: "altered",
      brokenAtSeq: 2,
    });
  });

  it("catches a deleted event as missing", async () => {
    const workspaceId = await checkpointedWorkspace(5);
    const file = await exported(workspaceId, (events) => events.filter((line) => !withSeq(3)(line)));
    expect(await verifyExportFile(file, auditor())).toMatchObject({ ok: false, kind: "missing", brokenAtSeq: 3 });
  });

  it("catches the first event deleted, since the digest runs from event 1", async () => {
    const workspaceId = await checkpointedWorkspace(3);
    const file = await exported(workspaceId, (events) => events.filter((line) => !withSeq(1)(line)));
    expect(await verifyExportFile(file, auditor())).toMatchObject({ ok: false, kind: "missing", brokenAtSeq: 1 });
  });

  it("catches two events swapped in the chain as reordered, and takes lines out of order in the file for what they say", async () => {
    const workspaceId = await checkpointedWorkspace(5);
    const swapped = await exported(workspaceId, (events) =>
      events.map((line) => {
        if (withSeq(2)(line)) return { ...events.find(withSeq(3))!, seq: 2 };
        if (withSeq(3)(line)) return { ...events.find(withSeq(2))!, seq: 3 };
        return line;
      }),
    );
    expect(await verifyExportFile(swapped, auditor())).toMatchObject({ ok: false, kind: "reordered", brokenAtSeq: 2 });
    // The same events, their lines exchanged: each still says where in the chain it is.
    const linesExchanged = await exported(workspaceId, (events) => [events[0]!, events[2]!, events[1]!, ...events.slice(3)]);
    expect(await verifyExportFile(linesExchanged, auditor())).toMatchObject({ ok: true, throughSeq: 5 });
  });

  it("catches a truncated tail: events cut before the checkpoint, or the file cut short mid-line", async () => {
    const workspaceId = await checkpointedWorkspace(5);
    const cut = await exported(workspaceId, (events) => events.filter((line) => (line.seq as number) <= 3));
    expect(await verifyExportFile(cut, auditor())).toMatchObject({ ok: false, kind: "truncated", brokenAtSeq: 4, checkpointSeq: 5 });
    const whole = fs.readFileSync(await exported(workspaceId), "utf8");
    const cutMidLine = write(whole.slice(0, whole.indexOf('{"id"', whole.indexOf('"seq":3')) + 40));
    // Events 1 to 3 whole, event 4 cut 40 characters in.
    expect(await verifyExportFile(cutMidLine, auditor())).toMatchObject({ ok: false, kind: "truncated", brokenAtSeq: 4 });
  });

  it("fails under a wrong public key: the checkpoint is forged", async () => {
    const workspaceId = await checkpointedWorkspace(2);
    const stranger = checkpointVerifier(generateKeyPairSync("ed25519").publicKey);
    expect(await verifyExportFile(await exported(workspaceId), { keys: null, signer: stranger })).toMatchObject({
      ok: false,
      kind: "forged checkpoint",
    });
  });

  it("does not vouch for events no signed digest covers: no checkpoint yet, or one from before digests", async () => {
    const { workspace, member } = await createWorkspace(["OWNER"]);
    await appendEvents(workspace.id, userActor(member("OWNER")), 2);
    expect(await verifyExportFile(await exported(workspace.id), auditor())).toMatchObject({ ok: false, kind: "unsealed" });
    const head = await db.workspace.findUniqueOrThrow({ where: { id: workspace.id } });
    const { digest: _digest, ...withoutDigest } = signCheckpoint(
      { workspaceId: workspace.id, seq: 2, link: head.auditHeadHash, digest: "" },
      checkpointSigner(),
    );
    // A checkpoint as written before digests: signed over the fields without one.
    const { workspaceId, seq, link, at } = withoutDigest;
    const legacy = {
      ...withoutDigest,
      signature: sign(null, Buffer.from(canonicalJson({ workspaceId, seq, link, at })), checkpointSigner().privateKey).toString("base64"),
    };
    appendCheckpoint(legacy);
    expect(await verifyExportFile(await exported(workspace.id), auditor())).toMatchObject({ ok: false, kind: "unsealed" });
    // The operator's check still holds it against the link, and the next sweep signs one with a digest.
    expect(await verifyExportFile(await exported(workspace.id), { ...auditor(), keys: loadAuditKeys() })).toMatchObject({ ok: true });
    expect(
      await checkpointWorkspace(
        workspace.id,
        () => {},
        () => {},
      ),
    ).toMatchObject({ seq: 2, digest: expect.any(String) });
    expect(await verifyExportFile(await exported(workspace.id), auditor())).toMatchObject({ ok: true, throughSeq: 2 });
  });
});
