// Usage is recorded off the hot path (docs/architecture.md, "Usage"): each request becomes one event in memory, written in
// batches (every FLUSH_INTERVAL_MS or every BATCH_SIZE events) with one insert, and flushed on graceful shutdown.
// The keys' lastUsedAt and lastUsedIp are coalesced per batch: one update per key, not per request.
import { databaseOutageLog } from "@/lib/database-outage-log";
import { createAnonymousAddressCap } from "./anonymous-address-cap";
import { pruneBefore } from "./retention";
import { type Decision, isAnonymousRefusal, type UsageEvent, type UsageWriter } from "./rows";
import { createUsageWriter } from "./writer";

// Callers of the recorder (lib/api/handler.ts, tests) take the event's types from here.
export type { Decision, UsageEvent };

const BATCH_SIZE = 500;
// A quarter of a second: what a kill -9 can lose stays well inside the 1 s the operations guide promises,
// even when a batch takes a few hundred milliseconds to write on a loaded machine.
const FLUSH_INTERVAL_MS = 250;
// If the database stays unreachable, keep at most this many events rather than grow without bound.
const MAX_BUFFERED = 100_000;
// At shutdown, failed writes are tried this many times in all, this far apart (within SHUTDOWN_GRACE_MS).
const CLOSE_ATTEMPTS = 3;
const CLOSE_RETRY_DELAY_MS = 500;
const PRUNE_INTERVAL_MS = 3600 * 1000;

/** Decisions made with a valid key: they count as the key being used. */
const KEY_USED: ReadonlySet<Decision> = new Set(["allowed", "missing_scope", "not_found", "bad_request"]);

export class UsageRecorder {
  private buffer: UsageEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  enabled = true;
  private writer: UsageWriter | null = null;
  private draining = false;
  private pruneTimer: NodeJS.Timeout | null = null;
  // Events dropped to the cap since writes last worked: logged once when it starts, counted at the end.
  private droppedSinceWrite = 0;
  private readonly anonymousAddress = createAnonymousAddressCap();

  record(event: UsageEvent): void {
    if (!this.enabled) return;
    this.buffer.push(isAnonymousRefusal(event) ? { ...event, ip: this.anonymousAddress(event.ip, event.createdAt) } : event);
    if (this.buffer.length > MAX_BUFFERED) {
      if (!this.droppedSinceWrite) console.error("[usage] the database is not taking usage rows; dropping the oldest buffered events");
      this.droppedSinceWrite += this.buffer.splice(0, this.buffer.length - MAX_BUFFERED).length;
    }
    // A write in progress drains the buffer to the end, this event included.
    if (this.draining) return;
    if (this.buffer.length >= BATCH_SIZE) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS);
      this.timer.unref();
    }
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Writes everything buffered so far; resolves when it is in the database (or failed and re-queued). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Flushes run one after another, so batches land in order and none is written twice.
    this.flushing = this.flushing.then(() => this.writeBatch());
    return this.flushing;
  }

  /**
   * Deletes usage past its retention (lib/usage/retention.ts), queued behind the writes in progress;
   * resolves with the request rows deleted. A failure is logged and tried again at the next prune.
   */
  prune(now = new Date()): Promise<number> {
    const pruned = this.flushing.then(async () => {
      try {
        this.writer ??= createUsageWriter();
        const deleted = await this.writer.prune(pruneBefore(now));
        databaseOutageLog.succeeded();
        if (deleted) console.warn(`[usage] pruned ${deleted} request rows past their retention`);
        return deleted;
      } catch (error) {
        databaseOutageLog.failed("usage pruning", error, (message) => console.error(`[usage] could not prune old usage: ${message}`));
        return 0;
      }
    });
    this.flushing = pruned.then(() => undefined);
    return pruned;
  }

  /** Prunes now and then every hour while the server runs (stopped by close). */
  startPruning(): void {
    if (!this.enabled || this.pruneTimer) return;
    void this.prune();
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_INTERVAL_MS);
    this.pruneTimer.unref();
  }

  /**
   * Writes what is buffered and releases the connection (graceful shutdown). A failed write re-queues
   * its events for a timed retry that never comes once the process exits, so the retries happen here;
   * resolves with the number of events that still could not be written (then lost, and logged as such).
   */
  async close(): Promise<number> {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    await this.flush();
    for (let attempt = 1; this.buffer.length && attempt < CLOSE_ATTEMPTS; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, CLOSE_RETRY_DELAY_MS));
      await this.flush();
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const lost = this.buffer.splice(0).length;
    if (lost) console.error(`[usage] shutting down with ${lost} events that could not be written: they are lost`);
    await this.writer?.close();
    this.writer = null;
    return lost;
  }

  private async writeBatch(): Promise<void> {
    this.draining = true;
    try {
      await this.drain();
    } finally {
      this.draining = false;
    }
  }

  private async drain(): Promise<void> {
    while (this.buffer.length) {
      const batch = this.buffer.splice(0, BATCH_SIZE);
      try {
        this.writer ??= createUsageWriter();
        await this.writer.insert(batch);
        await this.writer.touchKeys(latestUse(batch));
        databaseOutageLog.succeeded();
        if (this.droppedSinceWrite) {
          console.error(`[usage] dropped ${this.droppedSinceWrite} events while the database was not taking usage rows`);
          this.droppedSinceWrite = 0;
        }
        // SQLite writes block this thread while they run: let waiting requests through between batches.
        if (this.buffer.length) await new Promise((resolve) => setImmediate(resolve));
      } catch (error) {
        databaseOutageLog.failed("usage", error, (message) =>
          console.error(`[usage] could not write ${batch.length} events, will retry: ${message}`),
        );
        this.buffer.unshift(...batch);
        if (!this.timer) {
          this.timer = setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS * 5);
          this.timer.unref();
        }
        return;
      }
    }
  }
}

/** Each key's latest use in the batch; the writer only ever moves lastUsedAt forward. */
export function latestUse(batch: UsageEvent[]) {
  const latest = new Map<string, UsageEvent>();
  for (const event of batch) {
    if (!event.keyId || !KEY_USED.has(event.decision)) continue;
    const seen = latest.get(event.keyId);
    if (!seen || seen.createdAt <= event.createdAt) latest.set(event.keyId, event);
  }
  return [...latest].map(([keyId, event]) => ({ keyId, at: event.createdAt, ip: event.ip }));
}

const shared = globalThis as unknown as { __keysmithUsage?: UsageRecorder };
shared.__keysmithUsage ??= new UsageRecorder();
// USAGE_RECORDING=off stops recording, for measuring what recording costs (npm run bench).
shared.__keysmithUsage.enabled = process.env.USAGE_RECORDING !== "off";
export const usageRecorder: UsageRecorder = shared.__keysmithUsage;
