// The production build (dist/server.mjs, from `npm run build`) as a child process on its own port and
// SQLite file, for load runs from another process (npm run bench, e2e/shutdown.spec.ts). Migrations
// apply at start, so a path to a file that does not exist yet gives a fresh database.
import { type ChildProcess, type StdioOptions, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const START_TIMEOUT_MS = 60_000;
const PROBE_INTERVAL_MS = 100;

export type BuiltServer = {
  base: string;
  child: ChildProcess;
  /** Readiness probes the server answered: they are /api/v1 requests too, so usage records them. */
  probesAnswered: number;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** SIGTERM (a graceful shutdown), then the exit code. */
  stop(): Promise<number | null>;
};

export type BuiltServerOptions = {
  port: number;
  databaseFile: string;
  /** Added to (and overriding) the defaults below. */
  env?: Record<string, string>;
  /** stdin, stdout, stderr of the child; by default only stderr is shown (stdout says "ready"). */
  stdio?: StdioOptions;
};

/** A port nothing listens on right now (the kernel's choice for port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the built server and resolves once GET /api/v1/health answers 200. */
export async function startBuiltServer(options: BuiltServerOptions): Promise<BuiltServer> {
  const base = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, [path.join(root, "dist/server.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${path.resolve(root, options.databaseFile)}`,
      AUTH_SECRET: "load-only-secret-0123456789abcdef0123456789",
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
    stdio: options.stdio ?? ["ignore", "ignore", "inherit"],
  });
  // If this process ends first (a test that timed out, an interrupted bench), the server goes with it
  // rather than holding its port and file.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      exitCode = code;
      process.off("exit", killOnExit);
      resolve(code);
    });
  });
  const server: BuiltServer = {
    base,
    child,
    probesAnswered: 0,
    exited,
    stop() {
      if (exitCode === undefined) child.kill("SIGTERM");
      return exited;
    },
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the server exited with code ${exitCode} before it was ready`);
    try {
      const probe = await fetch(`${base}/api/v1/health`);
      await probe.arrayBuffer();
      server.probesAnswered += 1;
      if (probe.ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
  }
  child.kill("SIGKILL");
  throw new Error(`the server did not answer ${base}/api/v1/health within ${START_TIMEOUT_MS / 1000} s`);
}
