// Expiry of handover links is recorded once per link: its audit event, and its sealed secret emptied
// so that not even the token opens it any more. Whichever comes first does it: the periodic sweep, or
// someone trying the expired link (lib/handover/open.ts).
import { auditTarget } from "@/lib/api-keys/records";
import { appendAuditEvent } from "@/lib/audit/append";
import { db, type Tx } from "@/lib/db";
import { HANDOVER_EXPIRY } from "./handover-actor";

const SWEEP_MS = 5 * 60_000;
const BATCH = 100;

type Expiring = { id: string; workspaceId: string; expiresAt: Date; key: { id: string; name: string } };

/** Records the expiry of one link if nobody has yet (conditional: two recorders at once write one event). */
export async function recordHandoverExpiry(tx: Tx, handover: Expiring, now = new Date()): Promise<boolean> {
  const marked = await tx.keyHandover.updateMany({
    where: { id: handover.id, openedAt: null, cancelledAt: null, expiryRecordedAt: null, expiresAt: { lte: now } },
    data: { expiryRecordedAt: now, sealedSecret: "" },
  });
  if (marked.count !== 1) return false;
  await appendAuditEvent(tx, {
    workspaceId: handover.workspaceId,
    actor: HANDOVER_EXPIRY,
    action: "key.handover_expired",
    target: auditTarget(handover.key),
    metadata: { handover: handover.id, expiredAt: handover.expiresAt.toISOString() },
  });
  return true;
}

/** Records every expired, unopened, uncancelled link not yet recorded. Returns how many it recorded. */
export async function sweepExpiredHandovers(now = new Date()): Promise<number> {
  let recorded = 0;
  for (;;) {
    const due = await db.keyHandover.findMany({
      where: { openedAt: null, cancelledAt: null, expiryRecordedAt: null, expiresAt: { lte: now } },
      orderBy: { expiresAt: "asc" },
      take: BATCH,
      select: { id: true, workspaceId: true, expiresAt: true, key: { select: { id: true, name: true } } },
    });
    for (const handover of due) {
      if (await db.$transaction((tx) => recordHandoverExpiry(tx, handover, now))) recorded += 1;
    }
    if (due.length < BATCH) return recorded;
  }
}

/** Sweeps every five minutes until stopped (server.ts). */
export function startHandoverExpirySweep(log: (line: string) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepExpiredHandovers()
      .catch((error: unknown) => log(`handover expiry sweep failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = false;
      });
  }, SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
