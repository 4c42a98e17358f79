// The outage log: an unreachable database is one line, then a summary per interval while failures go
// on, then one line when it answers again; any other error is logged as it comes, redacted.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { generateKey } from "@/lib/api-keys/key-format";
import { DatabaseOutageLog } from "./database-outage-log";

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

function outageLog() {
  const lines: string[] = [];
  const others: string[] = [];
  const log = new DatabaseOutageLog((line) => lines.push(line), 60_000);
  const fail = (source: string, error: unknown = refused()) => log.failed(source, error, (message) => others.push(message));
  return { log, lines, others, fail };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("DatabaseOutageLog", () => {
  it("logs the first failure, then one summary per minute while failures go on, then the recovery", () => {
    const { log, lines, others, fail } = outageLog();
    for (let i = 0; i < 524; i++) fail(i % 2 ? "api" : "usage");
    expect(lines).toEqual([
      "[db] database unreachable (usage: connect ECONNREFUSED 127.0.0.1:5432); further failures are summarised every 60 s",
    ]);
    expect(log.inOutage).toBe(true);

    vi.advanceTimersByTime(60_000);
    expect(lines[1]).toBe("[db] database unreachable; 523 more failures in the last 60 s");
    // A quiet minute (nothing tried the database) adds no line.
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(2);
    fail("api");
    fail("api");
    vi.advanceTimersByTime(60_000);
    expect(lines[2]).toBe("[db] database unreachable; 2 more failures in the last 60 s");

    vi.advanceTimersByTime(13_000);
    log.succeeded();
    expect(lines[3]).toBe("[db] database reachable again after 193 s (526 failures in all)");
    expect(log.inOutage).toBe(false);
    expect(others).toEqual([]);

    // Nothing more once it is over: no summary, and a success outside an outage is silent.
    vi.advanceTimersByTime(120_000);
    log.succeeded();
    expect(lines).toHaveLength(4);
  });

  it("starts afresh with the next outage", () => {
    const { log, lines, fail } = outageLog();
    fail("api");
    log.succeeded();
    fail("audit checkpoints");
    expect(lines).toEqual([
      expect.stringMatching(/^\[db\] database unreachable \(api:/),
      "[db] database reachable again after 0 s (1 failures in all)",
      expect.stringMatching(/^\[db\] database unreachable \(audit checkpoints:/),
    ]);
  });

  it("passes every other error to the caller's own line, each time, with any key in it redacted", () => {
    const { lines, others, fail } = outageLog();
    const key = generateKey();
    fail("api", new TypeError("Cannot read properties of undefined (reading 'id')"));
    fail("api", new TypeError("Cannot read properties of undefined (reading 'id')"));
    fail("action", new Error(`unique constraint on ${key}`));
    expect(lines).toEqual([]);
    expect(others).toHaveLength(3);
    expect(others[0]).toBe("Cannot read properties of undefined (reading 'id')");
    expect(others[2]).not.toContain(key);
  });

  it("redacts a key in the outage's own line too", () => {
    const { lines, fail } = outageLog();
    const key = generateKey();
    fail("api", Object.assign(new Error(`Connection terminated while looking up ${key}`), {}));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(key);
  });
});
