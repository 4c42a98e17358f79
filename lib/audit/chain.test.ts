// The keyed chain and its checkpoints against someone who can write the database: each way of changing
// history is made here directly in the database, and verification must name where the chain breaks.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createWorkspace, userActor } from "@/lib/testing/factories";
import { appendAuditEvent } from "./append";
import { loadAuditKeys, reloadAuditKeys } from "./audit-keys";
import { canonicalJson } from "./canonical";
import { checkpointWorkspace } from "./checkpoint-sweep";
import { appendCheckpoint, checkpointFile, latestCheckpoint, readCheckpoints } from "./checkpoints";
import { unkeyedLink } from "./hash";
import { describeVerification } from "./verify";
import { verifyAuditChain } from "./verify-workspace";

const KEY_A = "audit-key-a-0123456789abcdefghijklmnopqrstuvwxyz";
const KEY_B = "audit-key-b-0123456789abcdefghijklmnopqrstuvwxyz";
const quiet = () => {};
const printed: string[] = [];

function useAuditKeys(current: string, previous = "") {
  process.env.AUDIT_KEY = current;
  process.env.AUDIT_KEY_PREVIOUS = previous;
  reloadAuditKeys();
}

beforeEach(() => {
  process.env.AUDIT_CHECKPOINT_FILE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "checkpoints-")), "audit-checkpoints.jsonl");
  printed.length = 0;
  useAuditKeys(KEY_A);
});
afterEach(() => {
  delete process.env.AUDIT_KEY;
  delete process.env.AUDIT_KEY_PREVIOUS;
  delete process.env.AUDIT_CHECKPOINT_FILE;
  reloadAuditKeys();
});

async function appendEvents(workspaceId: string, actor: ReturnType<typeof userActor>, count: number, from = 0) {
  for (let i = from; i < from + count; i++) {
    await db.$transaction((tx) =>
      appendAuditEvent(tx, {
        workspaceId,
        actor,
        action: "member.role_changed",
        target: { type: "member", id: `m${i}`, label: `member ${i}` },
        metadata: { before: { role: "ADMIN" }, after: { role: "SUPPORT" }, i },
        origin: { ip: "192.0.2.1", userAgent: "vitest" },
      }),
    );
  }
}

async function workspaceWithEvents(count: number) {
  const { workspace, member } = await createWorkspace(["OWNER"]);
  await appendEvents(workspace.id, userActor(member("OWNER")), count);
  return workspace.id;
}

const checkpoint = (workspaceId: string) => checkpointWorkspace(workspaceId, quiet, (line) => printed.push(line));
const events = (workspaceId: string) => db.auditEvent.findMany({ where: { workspaceId }, orderBy: { seq: "asc" } });

/** What someone with the database but not the audit key can do: re-link every event with plain SHA-256. */
async function rewriteWithoutKey(workspaceId: string, change: (seq: number) => { actorLabel?: string }) {
  let prev = "";
  for (const event of await events(workspaceId)) {
    const fields = { ...event, ...change(event.seq) };
    const hash = unkeyedLink(prev, fields);
    await db.auditEvent.update({ where: { id: event.id }, data: { ...change(event.seq), prevHash: prev, hash, linkAlgorithm: "sha256" } });
    prev = hash;
  }
  await db.workspace.update({ where: { id: workspaceId }, data: { auditHeadHash: prev } });
}

describe("the keyed audit chain", () => {
  it("links each event by HMAC under the audit key, names the key, and verifies intact", async () => {
    const workspaceId = await workspaceWithEvents(3);
    const rows = await events(workspaceId);
    const { current } = loadAuditKeys();
    expect(rows.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(rows.map((e) => e.linkAlgorithm)).toEqual(Array(3).fill(`hmac-sha256:${current.id}`));
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[0]!.hash).not.toBe(unkeyedLink("", rows[0]!));
    const result = await verifyAuditChain(workspaceId);
    expect(result).toMatchObject({ ok: true, throughSeq: 3, checkpointSeq: null, unsealed: 0 });
    expect(describeVerification(result)).toBe("Chain intact through event 3");
  });

  it("keeps separate chains for separate workspaces", async () => {
    const a = await workspaceWithEvents(2);
    const b = await workspaceWithEvents(1);
    expect(await verifyAuditChain(a)).toMatchObject({ ok: true, throughSeq: 2 });
    expect(await verifyAuditChain(b)).toMatchObject({ ok: true, throughSeq: 1 });
  });

  it("catches an edited event", async () => {
    const workspaceId = await workspaceWithEvents(3);
    await db.auditEvent.updateMany({ where: { workspaceId, seq: 2 }, data: { metadata: '{"after":{"role":"OWNER"}}' } });
    const result = await verifyAuditChain(workspaceId);
    expect(result).toMatchObject({ ok: false, brokenAtSeq: 2, kind: "altered" });
    expect(describeVerification(result)).toBe("Chain broken at event 2: altered");
  });

  it("catches an edit re-linked with a guessed key as linked under an unknown key", async () => {
    const workspaceId = await workspaceWithEvents(2);
    const [first] = await events(workspaceId);
    const forged = createHmac("sha256", "guess").update("").update(canonicalJson({})).digest("hex");
    await db.auditEvent.update({
      where: { id: first!.id },
      data: { actorLabel: "someone@example.test", hash: forged, linkAlgorithm: "hmac-sha256:0badc0de" },
    });
    expect(await verifyAuditChain(workspaceId)).toMatchObject({ ok: false, brokenAtSeq: 1, kind: "unknown key" });
  });

  it("catches a deleted event in the middle and at the end", async () => {
    const middle = await workspaceWithEvents(3);
    await db.auditEvent.deleteMany({ where: { workspaceId: middle, seq: 2 } });
    expect(await verifyAuditChain(middle)).toMatchObject({ ok: false, brokenAtSeq: 2, kind: "missing" });

    const end = await workspaceWithEvents(3);
    await db.auditEvent.deleteMany({ where: { workspaceId: end, seq: 3 } });
    expect(await verifyAuditChain(end)).toMatchObject({ ok: false, brokenAtSeq: 3, kind: "missing" });
  });

  it("catches two swapped events as reordered", async () => {
    const workspaceId = await workspaceWithEvents(4);
    const rows = await events(workspaceId);
    await db.$transaction([
      db.auditEvent.update({ where: { id: rows[1]!.id }, data: { seq: 100 } }),
      db.auditEvent.update({ where: { id: rows[2]!.id }, data: { seq: 2 } }),
      db.auditEvent.update({ where: { id: rows[1]!.id }, data: { seq: 3 } }),
    ]);
    const result = await verifyAuditChain(workspaceId);
    expect(result).toMatchObject({ ok: false, brokenAtSeq: 2, kind: "reordered" });
  });

  it("catches a tail truncated after a checkpoint, even with the head moved back", async () => {
    const workspaceId = await workspaceWithEvents(5);
    expect(await checkpoint(workspaceId)).toMatchObject({ seq: 5 });
    const rows = await events(workspaceId);
    await db.auditEvent.deleteMany({ where: { workspaceId, seq: { gt: 3 } } });
    await db.workspace.update({ where: { id: workspaceId }, data: { auditSeq: 3, auditHeadHash: rows[2]!.hash } });
    for (const scope of ["all", "tail"] as const) {
      const result = await verifyAuditChain(workspaceId, scope);
      expect(result).toMatchObject({ ok: false, brokenAtSeq: 4, kind: "truncated", checkpointSeq: 5 });
      expect(describeVerification(result)).toBe("Chain broken at event 4: truncated after checkpoint 5");
    }
  });

  it("walks to the head it read, and still catches an event written past the recorded head", async () => {
    const { workspace, member } = await createWorkspace(["OWNER"]);
    await appendEvents(workspace.id, userActor(member("OWNER")), 3);
    // Events appended while the walk runs are the next walk's, not a head that "does not match".
    const [walk] = await Promise.all([
      verifyAuditChain(workspace.id, "tail"),
      appendEvents(workspace.id, userActor(member("OWNER")), 3, 3),
    ]);
    expect(walk).toMatchObject({ ok: true });
    const { id: _id, ...last } = (await events(workspace.id)).at(-1)!;
    await db.auditEvent.create({ data: { ...last, seq: 7 } });
    expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: false, brokenAtSeq: 6, kind: "altered" });
  });

  it("catches a full rewrite re-hashed without the audit key, against the signed checkpoint", async () => {
    const workspaceId = await workspaceWithEvents(3);
    await checkpoint(workspaceId);
    await rewriteWithoutKey(workspaceId, (seq) => (seq === 2 ? { actorLabel: "nobody@example.test" } : {}));
    expect(await verifyAuditChain(workspaceId)).toMatchObject({ ok: false, kind: "altered", brokenAtSeq: 3, checkpointSeq: 3 });
  });

  it("catches an event re-linked unkeyed after keyed ones, even before any checkpoint", async () => {
    const workspaceId = await workspaceWithEvents(3);
    const rows = await events(workspaceId);
    const edited = { ...rows[2]!, actorLabel: "nobody@example.test" };
    const hash = unkeyedLink(rows[1]!.hash, edited);
    await db.auditEvent.update({ where: { id: edited.id }, data: { actorLabel: edited.actorLabel, hash, linkAlgorithm: "sha256" } });
    await db.workspace.update({ where: { id: workspaceId }, data: { auditHeadHash: hash } });
    expect(await verifyAuditChain(workspaceId)).toMatchObject({ ok: false, brokenAtSeq: 3, kind: "altered" });
  });

  it("catches a forged checkpoint", async () => {
    const workspaceId = await workspaceWithEvents(2);
    const real = (await checkpoint(workspaceId))!;
    appendCheckpoint({ ...real, seq: 1, signature: Buffer.from("not a signature").toString("base64") });
    expect(await verifyAuditChain(workspaceId)).toMatchObject({ ok: false, brokenAtSeq: 1, kind: "forged checkpoint" });
  });

  it("passes an untouched chain after an audit key rotation, and old links need the old key", async () => {
    const { workspace, member } = await createWorkspace(["OWNER"]);
    await appendEvents(workspace.id, userActor(member("OWNER")), 2);
    useAuditKeys(KEY_B, KEY_A);
    await appendEvents(workspace.id, userActor(member("OWNER")), 2, 2);
    const algorithms = new Set((await events(workspace.id)).map((e) => e.linkAlgorithm));
    expect(algorithms.size).toBe(2);
    expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true, throughSeq: 4 });
    useAuditKeys(KEY_B);
    expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: false, brokenAtSeq: 1, kind: "unknown key" });
  });

  it("verifies events written before the chain was keyed, as sha256", async () => {
    const workspaceId = await workspaceWithEvents(2);
    await rewriteWithoutKey(workspaceId, () => ({}));
    const { member } = await createWorkspace(["OWNER"]);
    await appendEvents(workspaceId, userActor(member("OWNER")), 1, 2);
    expect((await events(workspaceId)).map((e) => e.linkAlgorithm.split(":")[0])).toEqual(["sha256", "sha256", "hmac-sha256"]);
    expect(await verifyAuditChain(workspaceId)).toMatchObject({ ok: true, throughSeq: 3 });
  });

  it("serializes concurrent appends into one unbroken chain", async () => {
    const { workspace, member } = await createWorkspace(["OWNER"]);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.$transaction((tx) =>
          appendAuditEvent(tx, {
            workspaceId: workspace.id,
            actor: userActor(member("OWNER")),
            action: "member.removed",
            target: { type: "member", id: `m${i}`, label: null },
          }),
        ),
      ),
    );
    expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true, throughSeq: 8 });
  });

  it("rolls the event back with the change when the transaction fails", async () => {
    const { workspace, member } = await createWorkspace(["OWNER"]);
    await expect(
      db.$transaction(async (tx) => {
        await appendAuditEvent(tx, {
          workspaceId: workspace.id,
          actor: userActor(member("OWNER")),
          action: "member.removed",
          target: { type: "member", id: "x", label: null },
        });
        throw new Error("the change itself failed");
      }),
    ).rejects.toThrow("the change itself failed");
    expect(await db.auditEvent.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await verifyAuditChain(workspace.id)).toMatchObject({ ok: true, throughSeq: 0 });
  });
});

describe("checkpoints", () => {
  it("signs the head into the append-only file, prints it as one JSON line, and skips an unchanged head", async () => {
    const workspaceId = await workspaceWithEvents(2);
    const written = await checkpoint(workspaceId);
    expect(written).toMatchObject({ workspaceId, seq: 2 });
    expect(await checkpoint(workspaceId)).toBeNull();
    expect(await readCheckpoints(workspaceId)).toEqual([written]);
    expect(await latestCheckpoint(workspaceId)).toEqual(written);
    expect(fs.readFileSync(checkpointFile(), "utf8").trim().split("\n")).toHaveLength(1);
    expect(printed.map((line) => JSON.parse(line))).toEqual([{ auditCheckpoint: written }]);
    expect(await verifyAuditChain(workspaceId, "tail")).toMatchObject({ ok: true, throughSeq: 2, checkpointSeq: 2, unsealed: 0 });
  });

  it("signs nothing over a broken tail", async () => {
    const workspaceId = await workspaceWithEvents(2);
    await db.auditEvent.updateMany({ where: { workspaceId, seq: 2 }, data: { ip: "198.51.100.9" } });
    expect(await checkpoint(workspaceId)).toBeNull();
    expect(await latestCheckpoint(workspaceId)).toBeNull();
  });
});
