// While the database is unreachable, every API request, usage flush, prune and checkpoint sweep fails
// the same way: a line for each would flood the log (hundreds a second under load) and bury whatever
// else happens. So an outage is logged once, then as one summary line every SUMMARY_EVERY_MS while
// failures go on, and once more when the database answers again. Other errors are logged as they come.
import { isDatabaseUnreachable } from "@/lib/api/database-unreachable";
import { scanUrlForKeys } from "@/lib/api/keys-in-url";

export const SUMMARY_EVERY_MS = 60_000;

type Write = (line: string) => void;

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

export class DatabaseOutageLog {
  private since: number | null = null;
  private failures = 0;
  private unsummarised = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: Write = (line) => console.error(line),
    private readonly summaryEveryMs = SUMMARY_EVERY_MS,
  ) {}

  get inOutage(): boolean {
    return this.since !== null;
  }

  /**
   * Logs a failure of `source` (e.g. "api", "usage"): through the outage's lines when it means the
   * database cannot be reached, else by `logOther` as before. The message has any key redacted either way.
   */
  failed(source: string, error: unknown, logOther: (message: string) => void): void {
    const message = scanUrlForKeys(error instanceof Error ? error.message : String(error)).redacted;
    if (!isDatabaseUnreachable(error)) {
      logOther(message);
      return;
    }
    this.failures++;
    if (this.since !== null) {
      this.unsummarised++;
      return;
    }
    this.since = Date.now();
    this.write(`[db] database unreachable (${source}: ${message}); further failures are summarised every ${seconds(this.summaryEveryMs)}`);
    this.timer = setInterval(() => this.summarise(), this.summaryEveryMs);
    this.timer.unref();
  }

  /** Called after the database answered: ends an outage with one line, and costs nothing otherwise. */
  succeeded(): void {
    if (this.since === null) return;
    if (this.timer) clearInterval(this.timer);
    this.write(`[db] database reachable again after ${seconds(Date.now() - this.since)} (${this.failures} failures in all)`);
    this.timer = null;
    this.since = null;
    this.failures = 0;
    this.unsummarised = 0;
  }

  private summarise(): void {
    if (!this.unsummarised) return;
    this.write(`[db] database unreachable; ${this.unsummarised} more failures in the last ${seconds(this.summaryEveryMs)}`);
    this.unsummarised = 0;
  }
}

// One for the process: the API bundle and Next's server bundle each load this file, and a shared outage
// must be logged once, not once per bundle (the same reason lib/db.ts keeps its client on globalThis).
const shared = globalThis as unknown as { __keysmithOutageLog?: DatabaseOutageLog };
shared.__keysmithOutageLog ??= new DatabaseOutageLog();
export const databaseOutageLog: DatabaseOutageLog = shared.__keysmithOutageLog;
