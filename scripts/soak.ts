// `npm run soak`: the built server under sustained mixed load, on loopback only, bounded in time (not
// part of npm test). Three runs, each asserting what a deployer relies on:
//   1. SQLite, SIGTERM: 50 clients for SOAK_SECONDS (default 60) of allowed and denied calls while
//      this process rotates and revokes the keys in use; then a graceful stop. Zero 5xx, every
//      response counted once in usage (rows = responses, per status), the audit chain intact.
//   2. SQLite, kill -9 under load, then a restart: the audit chain intact, usage lost at most the
//      last second of traffic (the recorder writes every 250 ms or every 500 events), serving
//      again within 5 seconds of the restart.
//   3. PostgreSQL on a private throw-away cluster (initdb into .tmp/soak, its own loopback port; the
//      machine's own PostgreSQL is never touched), stopped and started under load: 503 `unavailable`
//      in the error shape while it is down, never a 500, full service within 5 seconds of its return.
// Keys are made through lib/api-keys on the same database, as the dashboard would. Prints a table of
// figures and exits 1 if any check failed.
//   npm run soak                  build if dist/ is missing, then soak (about 4 minutes)
//   SOAK_SECONDS=10 npm run soak  a shorter first run
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type BuiltServer, freePort, startBuiltServer } from "@/lib/testing/built-server";

const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, ".tmp/soak");
const SECONDS = Number(process.env.SOAK_SECONDS || 60);
const CLIENTS = 50;
const SERVE_AGAIN_MS = 5000;
/** The usage a kill -9 may lose, as traffic time: the recorder (lib/usage/recorder.ts) writes every 250 ms, so
 * this bound leaves room for a batch that is slow to write on a loaded machine. */
const USAGE_LOSS_BOUND_MS = 1000;
const PG_BIN = "/usr/lib/postgresql/15/bin";
const KEY_SCOPES = ["lists:read", "profiles:write"];

type Row = { run: string; figure: string; value: string; expected: string; ok: boolean };
const rows: Row[] = [];
function check(run: string, figure: string, value: number | string, expected: string, ok: boolean) {
  rows.push({ run, figure, value: String(value), expected, ok });
}
const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// The lib side: imported once DATABASE_URL names the run's database (lib/db picks its client then).

type Lib = Awaited<ReturnType<typeof loadLib>>;
async function loadLib() {
  const { db } = await import("@/lib/db");
  const lifecycle = await import("@/lib/api-keys/lifecycle");
  const { verifyAuditChain } = await import("@/lib/audit/verify-workspace");
  const { createWorkspace, changeBy } = await import("@/lib/testing/factories");
  const { generateKey } = await import("@/lib/api-keys/key-format");
  return { db, lifecycle, verifyAuditChain, createWorkspace, changeBy, generateKey };
}

type LiveKey = { id: string; secret: string };

/** A workspace with keys, and the rotations and revocations this process makes while the load runs. */
async function keyring(lib: Lib) {
  const ws = await lib.createWorkspace(["OWNER"]);
  const change = lib.changeBy(ws.workspace.id, ws.member("OWNER"));
  let counter = 0;
  const create = async () => {
    counter += 1;
    const { key, secret } = await lib.lifecycle.createApiKey(change, {
      name: `Soak ${counter}`,
      description: "",
      scopes: KEY_SCOPES,
      expiration: "never",
    });
    return { id: key.id, secret };
  };
  const live: LiveKey[] = [];
  for (let i = 0; i < 10; i++) live.push(await create());
  const retired: LiveKey[] = [];
  const stats = { rotations: 0, revocations: 0, failures: 0 };
  let running = false;
  let loop: Promise<void> = Promise.resolve();

  async function step() {
    const pick = live[Math.floor(Math.random() * live.length)]!;
    if (Math.random() < 0.5) {
      const grace = Math.random() < 0.5 ? "immediately" : "1h";
      const replacement = await lib.lifecycle.rotateApiKey(change, pick.id, grace);
      live.push({ id: replacement.key.id, secret: replacement.secret });
      // A key in its grace period cannot be rotated again; it stays in use until revoked.
      live.splice(live.indexOf(pick), 1);
      retired.push(pick);
      stats.rotations += 1;
    } else {
      await lib.lifecycle.revokeApiKey(change, pick.id, "soak");
      live.splice(live.indexOf(pick), 1);
      retired.push(pick);
      stats.revocations += 1;
    }
    while (live.length < 6) live.push(await create());
  }

  return {
    workspaceId: ws.workspace.id,
    stats,
    /** A key for the next request: mostly live ones, sometimes a rotated-out or revoked one. */
    anyKey: () =>
      retired.length && Math.random() < 0.15
        ? retired[Math.floor(Math.random() * retired.length)]!
        : live[Math.floor(Math.random() * live.length)]!,
    liveKey: () => live[live.length - 1]!,
    start() {
      running = true;
      loop = (async () => {
        while (running) {
          try {
            await step();
          } catch {
            stats.failures += 1; // e.g. the database is down (run 3): counted, then tried again
          }
          await sleep(250);
        }
      })();
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The load: CLIENTS loops, each sending one request after another.

type Load = {
  statuses: Map<number, number>;
  /** When each response arrived (ms since epoch). */
  answeredAt: number[];
  networkErrors: number;
  /** 5xx answers that are not 503 `unavailable` in the error shape. */
  badServerErrors: string[];
  unavailable: number;
  stop(): Promise<void>;
};

function startLoad(base: string, keys: Awaited<ReturnType<typeof keyring>>, lib: Lib): Load {
  const load: Load = {
    statuses: new Map(),
    answeredAt: [],
    networkErrors: 0,
    badServerErrors: [],
    unavailable: 0,
    stop: async () => undefined,
  };
  let running = true;
  const body = JSON.stringify({ data: { attributes: { email: "soak@example.test" } } });
  async function one() {
    const roll = Math.random();
    let init: { method: string; path: string; authorization: string; body?: string };
    if (roll < 0.35) init = { method: "GET", path: "/api/v1/lists?limit=5", authorization: `Bearer ${keys.anyKey().secret}` };
    else if (roll < 0.5) init = { method: "GET", path: "/api/v1/campaigns", authorization: `Bearer ${keys.anyKey().secret}` };
    else if (roll < 0.6) init = { method: "GET", path: "/api/v1/lists", authorization: `Bearer ${lib.generateKey()}` };
    else if (roll < 0.7) init = { method: "GET", path: "/api/v1/lists", authorization: "Bearer ksk_not-a-key" };
    else if (roll < 0.9) init = { method: "POST", path: "/api/v1/profiles", authorization: `Bearer ${keys.anyKey().secret}`, body };
    else init = { method: "GET", path: "/api/v1/key", authorization: `Bearer ${keys.anyKey().secret}` };
    const response = await fetch(`${base}${init.path}`, {
      method: init.method,
      headers: { authorization: init.authorization, ...(init.body ? { "content-type": "application/json" } : {}) },
      body: init.body,
    });
    const text = await response.text();
    load.answeredAt.push(Date.now());
    load.statuses.set(response.status, (load.statuses.get(response.status) ?? 0) + 1);
    if (response.status >= 500) {
      let code: unknown;
      try {
        code = (JSON.parse(text) as { errors?: { code?: string; status?: string }[] }).errors?.[0]?.code;
      } catch {
        code = undefined;
      }
      if (response.status === 503 && code === "unavailable") load.unavailable += 1;
      else load.badServerErrors.push(`${response.status} ${init.method} ${init.path}: ${text.slice(0, 160)}`);
    }
  }
  const clients = Array.from({ length: CLIENTS }, async () => {
    while (running) {
      try {
        await one();
      } catch {
        load.networkErrors += 1;
        if (running) await sleep(20);
      }
    }
  });
  load.stop = async () => {
    running = false;
    await Promise.all(clients);
  };
  return load;
}

const total = (statuses: Map<number, number>) => [...statuses.values()].reduce((a, b) => a + b, 0);
const fiveXx = (statuses: Map<number, number>) => [...statuses].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);
const byStatus = (statuses: Map<number, number>) =>
  [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}:${n}`)
    .join(" ");

/** Usage rows per status, not counting the readiness probes (GET /api/v1/health). */
// Refusals without a key are counted per hour and address, not stored a row each (lib/usage/rows.ts):
// their decisions stand for the statuses they were answered with.
const ANONYMOUS_STATUS: Record<string, number> = { invalid: 401, rate_limited: 429 };

// The load sends bad keys from one address far past the failed-authentication limit (60 a minute): the
// soak is about shutdowns and outages, so that limit is lifted out of its way (lib/api/rate-limit.test.ts
// holds it).
const SOAK_ENV = { FAILED_AUTH_LIMIT_PER_MINUTE: "999999" };

async function usageByStatus(lib: Lib): Promise<Map<number, number>> {
  const grouped = await lib.db.apiRequest.groupBy({ by: ["status"], where: { path: { not: "/api/v1/health" } }, _count: { _all: true } });
  const byStatus = new Map(grouped.map((g) => [g.status, g._count._all]));
  const anonymous = await lib.db.anonymousRefusalRollup.groupBy({ by: ["decision"], _sum: { count: true } });
  for (const row of anonymous) {
    const status = ANONYMOUS_STATUS[row.decision]!;
    byStatus.set(status, (byStatus.get(status) ?? 0) + (row._sum.count ?? 0));
  }
  return byStatus;
}

function subtract(a: Map<number, number>, b: Map<number, number>) {
  const out = new Map<number, number>();
  for (const [s, n] of a) if (n - (b.get(s) ?? 0)) out.set(s, n - (b.get(s) ?? 0));
  return out;
}

/** Milliseconds from now until a live key's read answers 200 (or Infinity after `limit`). */
async function timeToServe(base: string, key: () => LiveKey, limit = 30_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limit) {
    try {
      const response = await fetch(`${base}/api/v1/lists?limit=1`, { headers: { authorization: `Bearer ${key().secret}` } });
      await response.arrayBuffer();
      if (response.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  return Number.POSITIVE_INFINITY;
}

// ---------------------------------------------------------------------------------------------
// Runs 1 and 2: SQLite

async function sqliteRuns() {
  const databaseFile = path.join(dir, "soak.db");
  const port = await freePort();
  const firstStart = Date.now();
  let server = await startBuiltServer({ port, databaseFile, env: SOAK_ENV });
  // The machine's own pace, to read the restart figure of run 2 against.
  const coldStartMs = Date.now() - firstStart;
  process.env.DATABASE_URL = `file:${databaseFile}`;
  const lib = await loadLib();
  const keys = await keyring(lib);

  // Run 1: sustained load with rotations and revocations, then SIGTERM.
  log(`run 1: ${CLIENTS} clients for ${SECONDS} s on SQLite, keys rotated and revoked meanwhile`);
  keys.start();
  let load = startLoad(server.base, keys, lib);
  await sleep(SECONDS * 1000);
  await load.stop();
  await keys.stop();
  const exitCode = await server.stop();
  const run = "1 SQLite SIGTERM";
  const answered = total(load.statuses);
  check(run, "responses (by status)", `${answered} (${byStatus(load.statuses)})`, "-", answered > 0);
  check(run, "requests per second", Math.round(answered / SECONDS), "-", true);
  check(
    run,
    "rotations / revocations in flight",
    `${keys.stats.rotations} / ${keys.stats.revocations}`,
    "> 0 each",
    keys.stats.rotations > 0 && keys.stats.revocations > 0,
  );
  check(run, "5xx answers", fiveXx(load.statuses), "0", fiveXx(load.statuses) === 0);
  check(run, "connection errors", load.networkErrors, "0", load.networkErrors === 0);
  check(run, "exit code after SIGTERM", String(exitCode), "0", exitCode === 0);
  const recorded = await usageByStatus(lib);
  check(
    run,
    "usage rows (by status)",
    `${total(recorded)} (${byStatus(recorded)})`,
    "= responses, per status",
    byStatus(recorded) === byStatus(load.statuses),
  );
  const probes = await lib.db.apiRequest.count({ where: { path: "/api/v1/health" } });
  check(run, "readiness probes recorded", probes, String(server.probesAnswered), probes === server.probesAnswered);
  let chain = await lib.verifyAuditChain(keys.workspaceId);
  check(
    run,
    "audit chain",
    chain.ok ? `intact, ${chain.throughSeq} events` : `broken at ${chain.brokenAtSeq} (${chain.kind})`,
    "intact",
    chain.ok,
  );

  // Run 2: kill -9 under load, then a restart.
  const loadSeconds = Math.max(6, Math.min(20, SECONDS / 3));
  log(`run 2: kill -9 after ${loadSeconds / 2} s of load, then a restart`);
  const rowsBefore = await usageByStatus(lib);
  // The server migrates at start: this process lets go of the file meanwhile (Prisma reconnects on use).
  await lib.db.$disconnect();
  server = await startBuiltServer({ port, databaseFile, env: SOAK_ENV });
  keys.start();
  load = startLoad(server.base, keys, lib);
  await sleep((loadSeconds / 2) * 1000);
  server.child.kill("SIGKILL");
  const killedAt = Date.now();
  await server.exited;
  await load.stop();
  const written = subtract(await usageByStatus(lib), rowsBefore);
  const newest = await lib.db.apiRequest.findFirst({ where: { path: { not: "/api/v1/health" } }, orderBy: { createdAt: "desc" } });
  const unrecordedMs = newest ? killedAt - newest.createdAt.getTime() : Number.NaN;
  const sent = total(load.statuses);
  const lost = sent - total(written);
  const lastSecond = load.answeredAt.filter((t) => t >= killedAt - USAGE_LOSS_BOUND_MS).length;
  const rate = Math.round(sent / (loadSeconds / 2));
  await keys.stop();
  await lib.db.$disconnect();
  const restartedAt = Date.now();
  server = await startBuiltServer({ port, databaseFile, env: SOAK_ENV });
  const listeningMs = Date.now() - restartedAt;
  const serving = listeningMs + (await timeToServe(server.base, keys.liveKey));
  const run2 = "2 SQLite kill -9";
  check(run2, "responses before the kill", `${sent} (${rate}/s)`, "-", sent > 0);
  check(run2, "5xx answers", fiveXx(load.statuses), "0", fiveXx(load.statuses) === 0);
  check(
    run2,
    "usage rows lost",
    `${lost} (${((lost / Math.max(1, rate)) * 1000).toFixed(0)} ms of traffic)`,
    `0 to ${lastSecond} (the last 1 s)`,
    lost >= 0 && lost <= lastSecond,
  );
  check(
    run2,
    "traffic after the newest usage row",
    `${unrecordedMs} ms`,
    `<= ${USAGE_LOSS_BOUND_MS} ms`,
    unrecordedMs <= USAGE_LOSS_BOUND_MS,
  );
  check(run2, "first start of the server (run 1, for scale)", `${coldStartMs} ms`, "-", true);
  check(run2, "restart until /api/v1/health answers", `${listeningMs} ms`, "-", true);
  check(run2, "restart until a key is served", `${serving} ms`, `< ${SERVE_AGAIN_MS} ms`, serving < SERVE_AGAIN_MS);
  chain = await lib.verifyAuditChain(keys.workspaceId);
  check(
    run2,
    "audit chain",
    chain.ok ? `intact, ${chain.throughSeq} events` : `broken at ${chain.brokenAtSeq} (${chain.kind})`,
    "intact",
    chain.ok,
  );
  const finalExit = await server.stop();
  check(run2, "exit code after SIGTERM (restarted)", String(finalExit), "0", finalExit === 0);
  await lib.db.$disconnect();
}

// ---------------------------------------------------------------------------------------------
// Run 3: PostgreSQL (a child process of this script: lib/db binds one database per process)

/** Runs a PostgreSQL tool as the postgres user when this process is root (PostgreSQL refuses root). */
function pgTool(tool: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const [command, argv] = asRoot
    ? ["runuser", ["-u", "postgres", "--", path.join(PG_BIN, tool), ...args]]
    : [path.join(PG_BIN, tool), args];
  const result = spawnSync(command, argv, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
}

async function privateCluster() {
  const data = path.join(dir, "pg");
  fs.mkdirSync(data, { recursive: true });
  if (process.getuid?.() === 0) spawnSync("chown", ["-R", "postgres:postgres", data]);
  const port = await freePort();
  pgTool("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${data} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => pgTool("pg_ctl", ["-D", data, "-o", options, "-l", path.join(data, "log"), "-w", "start"]);
  const stop = () => pgTool("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  start();
  return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, start, stop };
}

async function postgresRun() {
  const cluster = await privateCluster();
  let server: BuiltServer | null = null;
  try {
    const port = await freePort();
    server = await startBuiltServer({ port, databaseFile: "unused", env: { ...SOAK_ENV, DATABASE_URL: cluster.url } });
    process.env.DATABASE_URL = cluster.url;
    const lib = await loadLib();
    const keys = await keyring(lib);
    const run = "3 PostgreSQL down";
    const upSeconds = 3;
    const downSeconds = 4;
    log(`run 3: ${CLIENTS} clients on PostgreSQL; the database stopped after ${upSeconds} s, started again ${downSeconds} s later`);
    keys.start();
    let load = startLoad(server.base, keys, lib);
    await sleep(upSeconds * 1000);
    const before = load;
    await before.stop();
    check(
      run,
      "responses before the stop",
      `${total(before.statuses)} (${byStatus(before.statuses)})`,
      "no 5xx",
      fiveXx(before.statuses) === 0,
    );

    cluster.stop();
    load = startLoad(server.base, keys, lib);
    await sleep(downSeconds * 1000);
    await load.stop();
    check(
      run,
      "responses while down (by status)",
      `${total(load.statuses)} (${byStatus(load.statuses)})`,
      "401 (no lookup needed) or 503",
      [...load.statuses.keys()].every((s) => s === 401 || s === 503),
    );
    check(run, "503 `unavailable` in the error shape", load.unavailable, "> 0", load.unavailable > 0);
    check(run, "other 5xx while down", load.badServerErrors.length, "0", load.badServerErrors.length === 0);
    for (const line of load.badServerErrors.slice(0, 3)) log(`  ${line}`);
    check(
      run,
      "server still running",
      server.child.exitCode === null ? "yes" : `exited ${server.child.exitCode}`,
      "yes",
      server.child.exitCode === null,
    );

    cluster.start();
    load = startLoad(server.base, keys, lib);
    const serving = await timeToServe(server.base, keys.liveKey, 15_000);
    await sleep(2000);
    await load.stop();
    await keys.stop();
    const after = load.answeredAt.length;
    check(run, "database back until a key is served", `${serving} ms`, `< ${SERVE_AGAIN_MS} ms`, serving < SERVE_AGAIN_MS);
    check(run, "responses after the return", `${after} (${byStatus(load.statuses)})`, "-", after > 0);
    const lateFailures = load.badServerErrors.length;
    check(run, "5xx other than 503 after the return", lateFailures, "0", lateFailures === 0);
    check(run, "key changes refused while down", keys.stats.failures, "-", true);
    const chain = await lib.verifyAuditChain(keys.workspaceId);
    check(
      run,
      "audit chain",
      chain.ok ? `intact, ${chain.throughSeq} events` : `broken at ${chain.brokenAtSeq} (${chain.kind})`,
      "intact",
      chain.ok,
    );
    await lib.db.$disconnect();
  } finally {
    if (server) await server.stop();
    try {
      cluster.stop();
    } catch {
      // already stopped
    }
  }
}

// ---------------------------------------------------------------------------------------------

function printTable() {
  const widths = [18, 46, 44, 32];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 6)).join(" ");
  log("");
  log(line(["run", "figure", "measured", "expected", "ok"]));
  log("-".repeat(widths.reduce((a, b) => a + b + 1, 4)));
  for (const r of rows) log(line([r.run, r.figure, r.value, r.expected, r.ok ? "ok" : "FAILED"]));
}

async function main() {
  const childRun = process.argv[2];
  if (childRun === "postgres") {
    await postgresRun();
    process.stdout.write(`ROWS ${JSON.stringify(rows)}\n`);
    return;
  }
  if (!fs.existsSync(path.join(root, "dist/server.mjs"))) {
    log("dist/ is missing: npm run build");
    const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) process.exit(1);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  await sqliteRuns();

  const child: ChildProcess = spawn(process.execPath, [...process.execArgv, process.argv[1]!, "postgres"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    for (const lineText of chunk.toString().split("\n")) if (lineText && !lineText.startsWith("ROWS ")) log(lineText);
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const reported = /^ROWS (.*)$/m.exec(output);
  if (reported) rows.push(...(JSON.parse(reported[1]!) as Row[]));
  else check("3 PostgreSQL down", "run completed", `exit ${code}`, "0", false);

  printTable();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(rows.every((r) => r.ok) ? 0 : 1);
}

await main();
