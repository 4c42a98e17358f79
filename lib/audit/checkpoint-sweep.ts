// When checkpoints are written: at start, every AUDIT_CHECKPOINT_EVERY events (default 1000; the sweep
// looks each minute) and at least hourly while the chain moves. Before signing a head the tail since
// the last checkpoint is verified: a head is signed only if the chain up to it holds, and a broken
// tail is logged instead, every sweep, until someone looks. An unfiltered JSON Lines export signs the
// head too (checkpointHead), so what it holds is covered without waiting for the sweep.
import { databaseOutageLog } from "@/lib/database-outage-log";
import { db } from "@/lib/db";
import { appendCheckpoint, latestCheckpoint, type SignedCheckpoint, signCheckpoint } from "./checkpoints";
import { checkpointSigner } from "./signing-key";
import { describeVerification } from "./verify";
import { verifyAuditChain } from "./verify-workspace";

export const DEFAULT_CHECKPOINT_EVERY = 1000;
const SWEEP_MS = 60_000;
const HOUR_MS = 60 * 60 * 1000;

export function checkpointEvery(env: Record<string, string | undefined> = process.env): number {
  const every = Number(env.AUDIT_CHECKPOINT_EVERY || DEFAULT_CHECKPOINT_EVERY);
  if (!Number.isInteger(every) || every < 1) throw new Error("AUDIT_CHECKPOINT_EVERY must be a whole number of events, at least 1.");
  return every;
}

type Log = (line: string) => void;

// One checkpointing of a workspace at a time in this process, whoever asks (the start, the sweep, an
// export), shared by both bundled copies of this module (like lib/audit/audit-keys.ts): a second caller
// waits, then finds the head the first signed and skips it instead of signing it twice.
const shared = globalThis as unknown as { __keysmithCheckpointing?: Map<string, Promise<unknown>> };

function oneAtATime<T>(workspaceId: string, work: () => Promise<T>): Promise<T> {
  shared.__keysmithCheckpointing ??= new Map();
  const running = shared.__keysmithCheckpointing;
  const done = (running.get(workspaceId) ?? Promise.resolve()).then(work, work);
  const settled = done.catch(() => {});
  running.set(workspaceId, settled);
  void settled.then(() => {
    if (running.get(workspaceId) === settled) running.delete(workspaceId);
  });
  return done;
}

/**
 * Verifies the workspace's tail and, if it holds, signs and appends its head (printed to `printLine` as
 * one JSON line). Returns the checkpoint, or null when the chain is empty, unchanged or broken.
 */
export function checkpointWorkspace(workspaceId: string, log: Log, printLine: Log): Promise<SignedCheckpoint | null> {
  return oneAtATime(workspaceId, () => signVerifiedHead(workspaceId, log, printLine));
}

/** The checkpoint at the workspace's head: signed now, or the one that already covers it; null before any. */
export async function checkpointHead(workspaceId: string, log: Log, printLine: Log): Promise<SignedCheckpoint | null> {
  // Null from checkpointWorkspace is an unchanged head (its checkpoint is the latest) or a broken tail
  // (logged; the latest checkpoint is then all there is).
  return (await checkpointWorkspace(workspaceId, log, printLine)) ?? latestCheckpoint(workspaceId);
}

async function signVerifiedHead(workspaceId: string, log: Log, printLine: Log): Promise<SignedCheckpoint | null> {
  const head = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { auditSeq: true, auditHeadHash: true } });
  if (head.auditSeq === 0) return null;
  const latest = await latestCheckpoint(workspaceId);
  // A checkpoint from before content digests is signed again with one, so exports can carry it.
  if (latest?.seq === head.auditSeq && latest.link === head.auditHeadHash && latest.digest !== undefined) return null;
  const result = await verifyAuditChain(workspaceId, "tail");
  if (!result.ok) {
    log(`audit chain of workspace ${workspaceId}: ${describeVerification(result)} (${result.detail}); no checkpoint signed`);
    return null;
  }
  // The head verified above may have moved since; sign the one that was verified.
  const verified = await db.auditEvent.findUniqueOrThrow({
    where: { workspaceId_seq: { workspaceId, seq: result.throughSeq } },
    select: { hash: true },
  });
  // The walk kept the content digest from the last checkpoint on (or from event 1), so signing it costs
  // one SHA-256 per event of the tail.
  const checkpoint = signCheckpoint(
    { workspaceId, seq: result.throughSeq, link: verified.hash, digest: result.digest! },
    checkpointSigner(),
  );
  appendCheckpoint(checkpoint);
  printLine(JSON.stringify({ auditCheckpoint: checkpoint }));
  return checkpoint;
}

/** Checkpoints every workspace whose chain moved N events, or at all in the last hour, since its last checkpoint. */
export async function sweepCheckpoints(log: Log, printLine: Log, every = checkpointEvery(), now = Date.now()): Promise<void> {
  const workspaces = await db.workspace.findMany({ where: { auditSeq: { gt: 0 } }, select: { id: true, auditSeq: true } });
  for (const workspace of workspaces) {
    const latest = await latestCheckpoint(workspace.id);
    const due =
      !latest || workspace.auditSeq - latest.seq >= every || (workspace.auditSeq > latest.seq && now - Date.parse(latest.at) >= HOUR_MS);
    if (due) await checkpointWorkspace(workspace.id, log, printLine);
  }
}

/** At start: verify every workspace's tail and log the answer, checkpoint each, then sweep each minute. */
export async function startCheckpointing(log: Log, printLine: Log): Promise<() => void> {
  const every = checkpointEvery();
  const { generatedFile } = checkpointSigner();
  if (generatedFile)
    log(
      `warning: AUDIT_SIGNING_KEY is not set; audit checkpoints are signed with a key generated into ${generatedFile}. Set AUDIT_SIGNING_KEY in production.`,
    );
  const workspaces = await db.workspace.findMany({ select: { id: true, slug: true } });
  for (const workspace of workspaces) {
    const result = await verifyAuditChain(workspace.id, "tail");
    log(`audit chain of ${workspace.slug}: ${describeVerification(result)}${result.ok ? "" : ` (${result.detail})`}`);
    if (result.ok) await checkpointWorkspace(workspace.id, log, printLine);
  }
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepCheckpoints(log, printLine, every)
      .then(
        () => databaseOutageLog.succeeded(),
        (error: unknown) =>
          databaseOutageLog.failed("audit checkpoints", error, (message) => log(`audit checkpoint sweep failed: ${message}`)),
      )
      .finally(() => {
        running = false;
      });
  }, SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
