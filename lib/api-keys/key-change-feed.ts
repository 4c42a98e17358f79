// Tells this instance which keys another one changed (docs/architecture.md, "The key cache"): a
// trigger on "ApiKey" (prisma/postgresql/migrations/*_key_change_notify) sends the key's id on the
// channel keysmith_key_changed whenever a row that matters changes (revoke, rotate, edit, rehash,
// delete; not the usage writer's lastUsedAt), delivered when its transaction commits. This instance
// LISTENs on one connection of its own. While it is not listening (connecting, or the connection was
// lost) it says so: the cache then serves nothing, since a notification may have been missed.
import pg from "pg";

export const KEY_CHANGED_CHANNEL = "keysmith_key_changed";
const RECONNECT_DELAY_MS = 1000;

export type KeyChangeHandlers = {
  /** A key's row changed: forget what is known of it. */
  changed(keyId: string): void;
  /** Notifications may have been missed: forget everything. */
  lost(): void;
};

export class KeyChangeFeed {
  /** Whether every change from now on will be heard. */
  listening = false;
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly handlers: KeyChangeHandlers,
    private readonly log: (line: string) => void = (line) => console.warn(`[keys] ${line}`),
  ) {}

  /** Resolves once listening, or once the first attempt failed (it keeps trying in the background). */
  async start(): Promise<void> {
    if (this.closed || this.client) return;
    // keepAlive: a connection that dies without a word is noticed by TCP, not only by the TTL.
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    this.client = client;
    client.on("notification", (message) => {
      if (message.channel === KEY_CHANGED_CHANNEL && message.payload) this.handlers.changed(message.payload);
    });
    const dropped = (reason: string) => {
      if (this.client !== client) return;
      this.client = null;
      if (this.listening) this.log(`key change notifications stopped (${reason}): the key cache is off until they are back`);
      this.listening = false;
      this.handlers.lost();
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on("error", (error) => dropped(error.message));
    client.on("end", () => dropped("connection closed"));
    try {
      await client.connect();
      await client.query(`LISTEN ${KEY_CHANGED_CHANNEL}`);
      if (this.client !== client) return;
      // Everything cached before this moment may have missed a change: start from nothing.
      this.handlers.lost();
      this.listening = true;
    } catch (error) {
      dropped(error instanceof Error ? error.message : String(error));
    }
  }

  private scheduleReconnect() {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.start();
    }, RECONNECT_DELAY_MS);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
